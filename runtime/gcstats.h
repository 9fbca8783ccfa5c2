/* gcstats.h: the PARC_GC_STATS=1 report, per thread that allocates. */
#ifndef runtime_gcstats_h
#define runtime_gcstats_h

#include <stddef.h>
#include <stdint.h>

/* bytes were handed to the allocator (a hole or a large object). */
void parcint_gcstats_allocated(size_t bytes);
/* A collection (full, or minor) took pause_ns, of which mark_ns marking, and
 * left live bytes marked in a heap of heap_bytes. */
void parcint_gcstats_collection(uint64_t pause_ns, uint64_t mark_ns,
                                size_t live, size_t heap_bytes, int full);
/* A minor collection rescanned old_cells marked cells on written pages: old
 * ones (the allocator's writes into old chunks add to them, heap.c), and
 * young survivors marked earlier in the same collection. */
void parcint_gcstats_rescanned(size_t old_cells);
/* A slice of an incremental full collection took pause_ns: a pause of its
 * own, not a collection (the collection is counted at its final pause). */
void parcint_gcstats_slice(uint64_t pause_ns);

/* PARC_GC_TRACE=1: one line on stderr per collection of heap (an id), as
 * it ends: its kind and pause, the nursery it collected (bytes allocated
 * since the last collection), the bytes it left marked and the heap's size
 * before and after, and the chunks every heap holds then. */
void parcint_gcstats_trace(uint64_t heap, int full, uint64_t pause_ns,
                           size_t nursery, size_t live, size_t heap_before,
                           size_t heap_after);

#endif /* runtime_gcstats_h */
