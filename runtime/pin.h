/* pin.h: a process message's payload is a root of its sender's heap while
 * the message is in flight (docs/processes.md, rule 4 and "Pins").
 *
 * A message is a void * that the receiving step reads in place. When it
 * points into the heap the sender is allocating in (parcint_task_heap: its
 * task's heap, or its own process heap for an actor), the sender takes a
 * pin: a 16-byte record holding the payload, appended to that heap's list
 * (heaplayout.h, pins). The heap's collector marks from the payloads of its
 * records, so the object, and what it reaches in that heap, stays while the
 * receiver has not run. After the step returns, the receiver clears the
 * record's payload with a release store: its last access to the record. The
 * heap's owner (the sender's thread, or whoever runs the heap later: a
 * parent after a merge, a process's next runner) frees cleared records, with
 * an acquire load, when it reaps them: at a collection, at its next pin, or
 * when the heap is to be destroyed. So a record belongs to its heap from the
 * pin to its free and the receiver only ever writes one word of it: no
 * reference count, no read-modify-write on either side.
 *
 * Pins follow the heap: a child heap's list is spliced onto its parent's at
 * the merge (heap.c), in O(1). A process heap whose process is reclaimed
 * with pins outstanding is not destroyed until they are all cleared
 * (process.c, "retired").
 */
#ifndef runtime_pin_h
#define runtime_pin_h

#include "chunk.h"
#include "heaplayout.h"
#include "hooks.h"

#include <stdatomic.h>
#include <stdint.h>

struct parcint_pin {
    struct parcint_pin *next; /* in its heap's list: the heap owner's */
    /* The payload; NULL once the receiving step has returned. */
    _Atomic(void *) payload;
};

/* Nonzero when payload may lie in the calling thread's current heap: the
 * thread has a heap and payload lies in the reservation. A payload in
 * malloc'd or static memory, or a number, costs this test and nothing else.
 * (A thread with a heap made or adopted the reservation first, so reading
 * parcint_chunks here is ordered after its initialisation.) */
static inline int parcint_pin_wanted(const void *payload)
{
    return parcint_task_heap != NULL &&
           (((uintptr_t)payload - (uintptr_t)parcint_chunks.base) >>
            PARCINT_CHUNK_SHIFT) < parcint_chunks.n;
}

/* When payload lies in a chunk of the calling thread's current heap, pins
 * it there: *out is its record. Otherwise *out is NULL (the payload is
 * another heap's, or free memory: the sender keeps it). Returns 0, or
 * ENOMEM (no record; *out NULL). */
int parcint_pin_take(void *payload, struct parcint_pin **out);

/* The receiving step has returned: the payload needs no pin any more. The
 * caller must not touch pin afterwards. */
static inline void parcint_pin_release(struct parcint_pin *pin)
{
    /* release: the step's reads of the payload happen before the heap's
     * owner sees NULL (its acquire load in reap or scan) and reuses the
     * memory. */
    atomic_store_explicit(&pin->payload, NULL, memory_order_release);
}

/* Frees h's released records; returns how many pins are still held. The
 * caller runs h (or owns it: a retired heap, under its lock). */
size_t parcint_pins_reap(parcint_heap *h);

/* The collector of h: calls scan(ctx, lo, hi) over each held payload word,
 * and frees released records as it goes. */
void parcint_pins_scan(parcint_heap *h,
                       void (*scan)(void *ctx, const char *lo, const char *hi),
                       void *ctx);

/* Moves every pin of from to the end of to's list (the merge), in O(1). */
static inline void parcint_pins_splice(parcint_heap *to, parcint_heap *from)
{
    if (!from->pins)
        return;
    if (to->pins_tail)
        to->pins_tail->next = from->pins;
    else
        to->pins = from->pins;
    to->pins_tail = from->pins_tail;
    from->pins = from->pins_tail = NULL;
}

#endif /* runtime_pin_h */
