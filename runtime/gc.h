/* gc.h: the collector of one task heap (mark, then lazy reuse of holes). */
#ifndef runtime_gc_h
#define runtime_gc_h

#include "heaplayout.h"

/* Collects h, the calling thread's current task heap: marks from this
 * thread's stack and registers and from the root regions, then sorts the
 * chunks into reusable and empty and frees dead large objects. */
void parcint_gc_collect(parcint_heap *h);

/* The allocation between collections of a heap with nothing live. */
size_t parcint_gc_min_threshold(void);

#endif /* runtime_gc_h */
