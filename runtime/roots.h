/* roots.h: the root regions of parc_root_add (globals, malloc'd memory that
 * holds parc pointers), scanned by every collection. */
#ifndef runtime_roots_h
#define runtime_roots_h

/* Calls scan(ctx, lo, hi) for every registered region, under a read lock so
 * that regions are not removed meanwhile. */
void parcint_roots_scan(void (*scan)(void *ctx, const char *lo, const char *hi),
                        void *ctx);

#endif /* runtime_roots_h */
