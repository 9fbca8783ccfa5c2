/* layout.h: precise layouts (parc_layout_new) and copies of parc objects
 * (parc_copy: deep for layout objects; process replies).
 *
 * How a layout object records its layout (the trailer) is part of the
 * heap's layout, in heaplayout.h, which the allocator and the collector
 * share; docs/heap.md ("Layouts") argues the choice.
 */
#ifndef runtime_layout_h
#define runtime_layout_h

#include "heaplayout.h"

#include <parc.h>
#include <stddef.h>
#include <stdint.h>

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
