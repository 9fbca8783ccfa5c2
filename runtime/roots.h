/* roots.h: the root regions of parc_root_add (globals, malloc'd memory that
 * holds parc pointers), scanned by every collection. */
#ifndef runtime_roots_h
#define runtime_roots_h

#include <stddef.h>

/* A root region the runtime embeds in its own objects (a future's argument
 * and value): linked and unlinked in O(1), where parc_root_add's table is
 * searched, since a program may hold millions of futures. */
struct parcint_root {
    struct parcint_root *prev, *next;
    const char *lo, *hi;
};

/* Registers [lo, lo + len) through r, which must stay valid until unlinked. */
void parcint_root_link(struct parcint_root *r, const void *lo, size_t len);
void parcint_root_unlink(struct parcint_root *r);

/* Calls scan(ctx, lo, hi) for every registered region, under a read lock so
 * that regions are not removed meanwhile. */
void parcint_roots_scan(void (*scan)(void *ctx, const char *lo, const char *hi),
                        void *ctx);

#endif /* runtime_roots_h */
