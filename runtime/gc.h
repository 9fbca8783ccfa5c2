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

/* The allocation between collections of a heap with nothing live. */
size_t parcint_gc_min_threshold(void);

#endif /* runtime_gc_h */
