/* heap.h: the allocator of the task heaps (heap.c); the public side is
 * parc.h's "Memory" section, the layout it shares with the collector is
 * heaplayout.h. */
#ifndef runtime_heap_h
#define runtime_heap_h

#include "heaplayout.h"

/* The class of cells for a request of n bytes (below PARCINT_CELL_MAX - 16),
 * and the size of each class's cells. */
unsigned parcint_class_of(size_t n);
extern uint32_t parcint_class_cell[PARCINT_NCLASSES];

#endif /* runtime_heap_h */
