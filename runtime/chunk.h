/* chunk.h: the address space under the task heaps.
 *
 * All parc memory comes in chunks of PARCINT_CHUNK bytes, aligned to their size,
 * carved from one PROT_NONE reservation made at the first allocation. So "is
 * this word a parc pointer, and whose" is a subtraction, a compare and a load
 * from the owner table, with no lock: what the conservative collector asks of
 * every word it scans. docs/heap.md gives the reasons.
 *
 * owner[i] is the id of the heap chunk i belongs to (0: free). It is written
 * only by the thread running that heap (and by the thread merging it into its
 * parent, which runs the parent), and read by any collector, which only
 * compares it with its own heap's id: an id is never reused, so a stale read
 * can never make a foreign chunk look like one's own.
 *
 * A chunk its heap has parked (dense with old objects, no young ones: gc.c)
 * carries its id with PARCINT_OWNER_PARKED set, so that a minor collection,
 * which needs only pointers to young objects, drops pointers into it at the
 * owner compare, with no further load.
 */
#ifndef runtime_chunk_h
#define runtime_chunk_h

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#define PARCINT_CHUNK_SHIFT 18
#define PARCINT_CHUNK ((size_t)1 << PARCINT_CHUNK_SHIFT) /* 256 KiB */

#define PARCINT_OWNER_PARKED ((uint64_t)1 << 63) /* ids stay far below */

/* Chunk i's header (heaplayout.h: its fields and mark bits) lives apart,
 * in a page of its own at headers + i * PARCINT_HEADER_SLOT, outside the
 * reservation the generational collector write-protects (dirty.h): the
 * collector writes headers and marks at every collection, and a header on
 * the chunk's first page turned those writes into page faults (one per
 * chunk at an incremental marking's start: about 1.4 ms of a 2.9 ms pause
 * at two workers) and that page into a written one for the next scan. A
 * page, not less: a chunk given back returns its header's page with it. */
#define PARCINT_HEADER_SLOT 4096u

struct parcint_chunks {
    char *base;     /* the reservation, PARCINT_CHUNK-aligned */
    char *headers;  /* n slots of PARCINT_HEADER_SLOT bytes */
    size_t n;       /* chunks in it */
    _Atomic uint64_t *owner; /* n entries: heap id, 0 when free */
    uint32_t *first;         /* n entries: the first chunk of i's run */
};
extern struct parcint_chunks parcint_chunks;

/* Makes the reservation (idempotent, thread-safe). Returns 0 or ENOMEM. */
int parcint_chunks_init(void);

/* Takes a run of k contiguous free chunks for heap id, readable, writable and
 * zero-filled, their header slots too; returns its index, or -1 when the
 * reservation has no such run. */
long parcint_chunks_take(size_t k, uint64_t id);
/* Gives a run back: its pages and its header slots go back to the OS
 * (MADV_DONTNEED), so they are zero when taken again. */
void parcint_chunks_give(size_t index, size_t k);
/* Relabels a run (merging heaps): one relaxed store per chunk. */
void parcint_chunks_relabel(size_t index, size_t k, uint64_t id);

/* Chunks in use, and the most ever in use (statistics). */
size_t parcint_chunks_in_use(void);

static inline char *parcint_chunk_addr(size_t index)
{
    return parcint_chunks.base + (index << PARCINT_CHUNK_SHIFT);
}

/* The index of the chunk holding p when p lies in chunk of heap id (parked
 * or not), else -1. */
static inline long parcint_chunk_of(uintptr_t p, uint64_t id)
{
    uintptr_t off = p - (uintptr_t)parcint_chunks.base;
    size_t i = off >> PARCINT_CHUNK_SHIFT;
    if (i >= parcint_chunks.n)
        return -1;
    /* relaxed: only equality with our own id matters, and only our thread
     * ever stores our id (see above). */
    if ((atomic_load_explicit(&parcint_chunks.owner[i], memory_order_relaxed) &
         ~PARCINT_OWNER_PARKED) != id)
        return -1;
    return (long)i;
}

#endif /* runtime_chunk_h */
