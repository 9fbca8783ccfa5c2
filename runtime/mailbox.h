/* mailbox.h: a process's message queue, Vyukov's intrusive MPSC node queue
 * (Dmitry Vyukov, "Intrusive MPSC node-based queue", 1024cores.net).
 *
 * Many senders push with one exchange and one store; the process's single
 * runner pops with plain loads and stores, no read-modify-write. The queue
 * is a singly linked list from tail (oldest) to head (newest) that always
 * holds at least one node, already consumed: at first a stub embedded in
 * the mailbox, later the last message handed out. So push never tests for
 * emptiness.
 *
 * Departures from the original: the first node is the last one consumed
 * (as in Vyukov's non-intrusive variant and Michael and Scott's queue), not
 * a stub pushed back whenever the list would empty (see pop); and pop
 * reports BUSY apart from EMPTY. Between a sender's exchange and its store
 * of the link the list is cut; the runner cannot reach the nodes behind the
 * cut and must come back later. process.c counts messages separately (the
 * scheduling word), so it knows the queue is not really empty and keeps the
 * process scheduled.
 */
#ifndef runtime_mailbox_h
#define runtime_mailbox_h

#include <stdatomic.h>
#include <stddef.h>

struct parcint_mlink {
    _Atomic(struct parcint_mlink *) next;
};

/* The three parts of a mailbox. They are apart in a process (process.h):
 * head on the senders' cache line, tail and stub on the runner's. */
struct parcint_mailbox {
    _Atomic(struct parcint_mlink *) *head; /* newest; senders exchange it */
    struct parcint_mlink **tail;           /* oldest; the runner's alone */
    struct parcint_mlink *stub;
};

static inline void parcint_mailbox_init(struct parcint_mailbox q)
{
    /* Plain initialisation: the process is not shared yet (its handle
     * reaches senders through the program's own synchronization). */
    atomic_init(&q.stub->next, NULL);
    atomic_init(q.head, q.stub);
    *q.tail = q.stub;
}

static inline void parcint_mailbox_push(_Atomic(struct parcint_mlink *) *head,
                                        struct parcint_mlink *n)
{
    /* relaxed: n is not reachable yet; the release below publishes it. */
    atomic_store_explicit(&n->next, NULL, memory_order_relaxed);
    /* acq_rel: acquire so that our store into prev->next comes after the
     * previous pusher's initialisation of prev (it released it here);
     * release so that the next pusher, which links behind n, does so after
     * our store of n->next above. The exchange orders the senders: it is
     * the queue's (and each sender's) message order. */
    struct parcint_mlink *prev =
        atomic_exchange_explicit(head, n, memory_order_acq_rel);
    /* release: pairs with the acquire load of next in pop, so the runner
     * that reaches n sees the message it carries. */
    atomic_store_explicit(&prev->next, n, memory_order_release);
}

enum { PARCINT_MAILBOX_EMPTY, PARCINT_MAILBOX_BUSY };

/* Returns the oldest message not yet taken, or NULL with *why set to EMPTY
 * or BUSY. Runner only.
 *
 * The node returned stays in the list as its new first node (the dummy the
 * list needs), and the previous first node, already handed out by the
 * previous pop (or the stub), leaves it: *retired, for the caller to free
 * unless it is the stub. So a mailbox that empties after every message (a
 * ring's token, a server's sparse requests) never pushes its stub back,
 * which the intrusive original does then: one exchange less per message,
 * for one node kept per mailbox that has had a message. */
static inline struct parcint_mlink *
parcint_mailbox_pop(struct parcint_mailbox q, struct parcint_mlink **retired,
                    int *why)
{
    struct parcint_mlink *first = *q.tail;
    /* acquire: pairs with the release store of the link in push, so we see
     * the message the node carries. */
    struct parcint_mlink *next =
        atomic_load_explicit(&first->next, memory_order_acquire);
    if (!next) {
        /* acquire: a sender that exchanged head and has not linked yet
         * makes head differ from first. */
        *why = atomic_load_explicit(q.head, memory_order_acquire) != first
                   ? PARCINT_MAILBOX_BUSY
                   : PARCINT_MAILBOX_EMPTY;
        return NULL;
    }
    *q.tail = next;
    *retired = first;
    return next;
}

#endif /* runtime_mailbox_h */
