/* layout.h: precise layouts (parc_layout_new, parc_alloc_layout) and the
 * deep copy of layout objects (parc_copy, process replies).
 *
 * A layout object lives in a chunk of its own kind (PARCINT_CHUNK_LAYOUT,
 * heaplayout.h), so the allocation fast paths of parc_alloc and
 * parc_alloc_atomic never see layouts. Which layout, and how many elements,
 * a small object has is kept in the last word of its cell (the trailer):
 * the layout's address in the low 48 bits, the count in the high 16 (a
 * cell holds at most 32 KiB, so at most 32,760 elements). A large object
 * keeps both in its chunk header. docs/heap.md ("Layouts") argues the
 * choice.
 */
#ifndef runtime_layout_h
#define runtime_layout_h

#include "heaplayout.h"

#include <parc.h>
#include <stddef.h>
#include <stdint.h>

struct parc_layout {
    size_t size;              /* bytes per element */
    size_t n;                 /* pointer words per element */
    struct parc_layout *next; /* every layout made, newest first: they live
                                 for the program, and leak checkers see them
                                 reachable */
    size_t off[];             /* the pointer words' byte offsets, ascending */
};

/* The trailer: the last 8 bytes of a small layout object's cell. A cell
 * the allocator has not handed out holds 0 (no layout) or, in a chunk that
 * has held this class since it was zeroed (heap.c's init_small), a dead
 * object's trailer, which names an immortal layout: the collector may
 * always read it. */
#define PARCINT_TRAILER 8
#define PARCINT_TRAILER_SHIFT 48

static inline uint64_t parcint_trailer(const parc_layout *l, size_t count)
{
    return (uint64_t)(uintptr_t)l | (uint64_t)count << PARCINT_TRAILER_SHIFT;
}

/* The layout and element count of the layout object that starts at obj, in
 * chunk c (small or large); NULL layout: a cell never handed out. */
static inline const parc_layout *parcint_layout_of(const parcint_chunk *c,
                                                   const char *obj,
                                                   size_t *count)
{
    if (c->kind == PARCINT_CHUNK_LARGE) {
        *count = c->count;
        return c->layout;
    }
    uint64_t t = *(const uint64_t *)(obj + c->cell - PARCINT_TRAILER);
    *count = (size_t)(t >> PARCINT_TRAILER_SHIFT);
    return (const parc_layout *)(uintptr_t)(
        t & (((uint64_t)1 << PARCINT_TRAILER_SHIFT) - 1));
}

/* parc_copy of a layout object (obj starts it): the deep copy, in the
 * caller's heap. NULL with errno EINVAL (a complaint made) or ENOMEM. */
void *parcint_layout_copy(const void *obj);

/* A graph held outside every parc heap: the copy of a process's reply that
 * its future keeps (future.c), from which each joiner builds its own. */
struct parcint_held;
/* Holds obj (the start of a parc_alloc_atomic or parc_alloc_layout object)
 * and everything its pointer fields reach, in one malloc'd block (free()
 * frees it); makes no parc allocation, so it collects nothing. NULL with
 * *err EINVAL (*bad: the object allocated with parc_alloc that was reached)
 * or ENOMEM. */
struct parcint_held *parcint_held_make(const void *obj, int *err,
                                       const void **bad);
/* A copy of the held graph in the caller's heap (its root object); NULL,
 * errno ENOMEM, without memory. */
void *parcint_held_build(const struct parcint_held *g);

#endif /* runtime_layout_h */
