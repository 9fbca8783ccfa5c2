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

/* ---- Heaps held between tasks: process heaps (process.c) ----
 * A heap is made by the first allocation while it is the thread's task heap
 * (parcint_task_heap NULL), so none of these creates one. */

/* Collects heap, the calling thread's task heap, when its allocation since
 * its last collection reached its trigger, or always under PARC_GC_STRESS. */
void parcint_heap_collect_due(void *heap);
/* Chunks heap holds (0 for NULL). */
size_t parcint_heap_chunks(const void *heap);
/* Gives every chunk of heap back and frees it; nothing may use its objects
 * any more. Returns the chunks given back. Any thread, once the heap's last
 * user is ordered before it. */
size_t parcint_heap_destroy(void *heap);
/* What p is in heap (with, for PARCINT_OBJ_ATOMIC, the bytes parc_copy
 * would copy in *size): */
enum {
    PARCINT_OBJ_NONE,   /* not in heap at all (NULL heap included) */
    PARCINT_OBJ_ATOMIC, /* the start of a parc_alloc_atomic object */
    PARCINT_OBJ_LAYOUT, /* the start of a parc_alloc_layout object */
    PARCINT_OBJ_OTHER,  /* inside an object, or a parc_alloc object */
};
int parcint_heap_object(const void *heap, const void *p, size_t *size);

/* The start of the object (cell) p points into, or one past, in any heap,
 * with its chunk in *c; NULL when p is not in a live chunk's cells. Reads
 * only the chunk fields that stay while it holds a live object
 * (heaplayout.h): the caller's reference to the object keeps them. */
char *parcint_object_of(const void *p, parcint_chunk **c);

/* The bytes parc_copy copies of a parc_alloc_atomic object of c: its cell
 * (or large object) less the one-past-the-end byte. */
static inline size_t parcint_atomic_bytes(const parcint_chunk *c)
{
    return c->kind == PARCINT_CHUNK_LARGE ? c->size - 1 : c->cell - 1;
}

#endif /* runtime_heap_h */
