/* process.h: the layout of a process function (its API is in parc.h; the
 * rules are in docs/processes.md).
 *
 * A process is two cache lines, taken from a type-stable slab (slab.h):
 *   line 1, written by senders: the scheduling word, the mailbox's head, the
 *   stack of actors muted on this process, the generation, the handle count
 *   (and two fields seldom touched: the shared ready list's link, fini);
 *   line 2, the runner's: the mailbox's tail, the step and its state, its
 *   heap, the link that puts it on a future's wait stack (when its next
 *   message is a future not ready: that message is the mailbox's first
 *   node, so a flag marks it).
 *
 * The scheduling word packs what a sender and the runner must decide
 * together in one atomic operation:
 *   bits 2..63  count: messages sent and not yet finished (a step's message
 *               counts until its batch ends);
 *   bit 0       MUTED: an actor that sent to a full queue, not scheduled
 *               until that receiver drains;
 *   bit 1       DROPPED: the last handle is gone; reclaim once count is 0.
 * The process is "active" when count > 0 and it is not muted. Exactly one
 * party owns an active process (a ready queue, a runner, or the thread
 * about to put it in a ready queue) or a parked one (the future it waits
 * for): whoever's operation on the word makes it active schedules it, and a
 * runner whose operation leaves it active requeues it.
 */
#ifndef runtime_process_h
#define runtime_process_h

#include "future.h"
#include "mailbox.h"
#include "ready.h"

#include <stdint.h>

#define PARCINT_PROC_MUTED 1ull
#define PARCINT_PROC_DROPPED 2ull
#define PARCINT_PROC_ONE 4ull /* one message in the count */

struct parcint_msg;

struct parcint_proc {
    /* Line 1: senders. */
    _Atomic uint64_t sched;
    _Atomic(struct parcint_mlink *) box_head; /* the mailbox's head */
    _Atomic(struct parcint_msg *) waiters;    /* actors muted on us */
    _Atomic uint64_t gen;       /* handles name (p, gen); bumped at the last
                                   drop and at reclaim */
    _Atomic uint32_t handles;   /* live handles */
    /* Atomic (relaxed) because a runner that has just handed the process
     * on, or an actor muted on it, may read it while a new incarnation is
     * being spawned in the slot. */
    _Atomic uint32_t capacity;
    _Atomic uint32_t max_queued; /* statistic */
    uint32_t batch;
    /* Rarely touched: the shared ready list's link, the finalizer. */
    struct parcint_ready_link ready;
    void (*fini)(void *state);

    /* Line 2: the runner. */
    _Alignas(64) struct parcint_mlink *box_tail; /* the mailbox's tail */
    struct parcint_mlink box_stub;
    parc_step_fn step;
    void *state;
    /* The process's heap (heap.h), NULL until a step allocates; used only
     * by the runner, which makes it the thread's task heap for a turn. */
    void *heap;
    struct parcint_fwait fwait; /* on the parked future's wait stack */
    uint16_t kind;
    uint16_t last_worker; /* where the last batch ran (a statistic) */
    /* The mailbox's first node (box_tail: the last message popped) is a
     * future message that was not ready: the next turn steps on it first. */
    uint8_t parked;
};

_Static_assert(sizeof(struct parcint_proc) <= 128,
               "a process is two cache lines (the issue allows 256 bytes)");

#endif /* runtime_process_h */
