/* gc.h: the collector of one task heap (mark, then lazy reuse of holes;
 * generations over sticky mark bits). */
#ifndef runtime_gc_h
#define runtime_gc_h

#include "heaplayout.h"

/* Collects h, the calling thread's current task heap: marks from this
 * thread's stack and registers and from the root regions (and, in a minor
 * collection, from the written pages of old objects), then sorts the chunks
 * into reusable and empty and frees dead large objects. A minor or a full
 * collection as the policy says (gc.c), full whenever force_full is set. */
void parcint_gc_collect(parcint_heap *h, int force_full);

/* force_full PARCINT_GC_FULL_SLICED: full, but it may mark incrementally
 * (PARC_GC_STRESS's full collections, so that slices are exercised). */
#define PARCINT_GC_FULL_SLICED 2

/* Incremental full collections (gc.c): while h->marking, the allocator
 * calls this for each hole [a, b) of cells of c it sets up; it marks the
 * cells (new objects are black) and returns the hole's end, capped so that
 * the slow path, and the marking's slices, come often enough. */
size_t parcint_gc_black(parcint_heap *h, parcint_chunk *c, size_t a, size_t b);

/* Drops h's incremental marking, if any (a merge, a change of thread, the
 * heap's end): its next collection is full and stops the heap. */
void parcint_gc_abandon(parcint_heap *h);

/* Maps the twins that h's last minor collection asked for (its large
 * objects written all over, to be opened by the next one: gc.c), at the
 * allocation slow path while h->twins_asked: populating a twin of 2.8 MiB
 * took 1 to 3 ms, a pause of its own inside a collection. */
void parcint_gc_map_twins(parcint_heap *h);

/* The allocation between collections of a heap with nothing live. */
size_t parcint_gc_min_threshold(void);

#endif /* runtime_gc_h */
