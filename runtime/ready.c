/* ready.c: per-worker next slots and ready rings, and the shared list
 * (ready.h says what each is for).
 *
 * The ring is a bounded single-producer, multi-consumer FIFO: only its
 * worker stores slots and tail; the worker and thieves take from head with a
 * CAS, after reading the slot. A consumer that read a slot the owner has
 * since overwritten (the ring went round) loses its CAS, because head moved
 * before the owner could reuse the slot, and discards what it read.
 */
#include "ready.h"

#include "platform.h"
#include "pool.h"

#include <pthread.h>

#define RING 256u
/* Runs through the next slot in a row before the ring gets a turn: a pair of
 * processes passing a message back and forth must not starve the others
 * queued on the same worker. */
#define NEXT_STREAK 64u

struct ready_worker {
    _Alignas(PARCINT_LINE) _Atomic uint32_t head; /* consumers' CAS */
    _Alignas(PARCINT_LINE) _Atomic uint32_t tail; /* the owner's stores */
    struct parcint_ready_link *next;              /* owner only */
    unsigned streak;                              /* owner only */
    unsigned depth; /* runner loops entered and not left (owner only) */
    /* Bumped entering and leaving the runner loop: odd inside it. */
    _Atomic uint64_t epoch;
    _Atomic(struct parcint_ready_link *) slot[RING];
};

static struct ready_worker rws[PARC_MAX_WORKERS];

static pthread_mutex_t shared_lock = PTHREAD_MUTEX_INITIALIZER;
static struct parcint_ready_link *shared_head, *shared_tail;
static _Atomic uint32_t shared_n; /* readable without the lock */

static void shared_push(struct parcint_ready_link *l)
{
    pthread_mutex_lock(&shared_lock);
    l->next = NULL;
    if (shared_tail)
        shared_tail->next = l;
    else
        shared_head = l;
    shared_tail = l;
    /* seq_cst: the publisher's half of the sleep protocol (pool.c). */
    atomic_fetch_add_explicit(&shared_n, 1, memory_order_seq_cst);
    pthread_mutex_unlock(&shared_lock);
}

static struct parcint_ready_link *shared_pop(void)
{
    /* relaxed: a hint; the lock decides. */
    if (atomic_load_explicit(&shared_n, memory_order_relaxed) == 0)
        return NULL;
    pthread_mutex_lock(&shared_lock);
    struct parcint_ready_link *l = shared_head;
    if (l) {
        shared_head = l->next;
        if (!shared_head)
            shared_tail = NULL;
        /* relaxed: under the lock; the count is only a hint outside it. */
        atomic_fetch_sub_explicit(&shared_n, 1, memory_order_relaxed);
    }
    pthread_mutex_unlock(&shared_lock);
    return l;
}

/* Owner only. Returns 0 when the ring is full. */
static int ring_push(struct ready_worker *r, struct parcint_ready_link *l)
{
    /* relaxed: only the owner writes tail. */
    uint32_t t = atomic_load_explicit(&r->tail, memory_order_relaxed);
    /* acquire: pairs with the release of the consumers' CAS, so their reads
     * of the slots we are about to reuse are done. */
    uint32_t h = atomic_load_explicit(&r->head, memory_order_acquire);
    if (t - h >= RING)
        return 0;
    /* relaxed: published by the store of tail. */
    atomic_store_explicit(&r->slot[t % RING], l, memory_order_relaxed);
    /* seq_cst: release for the slot and the process behind it (pairs with
     * the acquire load of tail in ring_pop), and the publisher's half of the
     * sleep protocol, before parcint_wake_sleepers' load. */
    atomic_store_explicit(&r->tail, t + 1, memory_order_seq_cst);
    return 1;
}

static struct parcint_ready_link *ring_pop(struct ready_worker *r)
{
    /* acquire: see the slot values of the pops we lose to. */
    uint32_t h = atomic_load_explicit(&r->head, memory_order_acquire);
    for (;;) {
        /* acquire: pairs with ring_push's store of tail. */
        uint32_t t = atomic_load_explicit(&r->tail, memory_order_acquire);
        if ((int32_t)(t - h) <= 0)
            return NULL;
        struct parcint_ready_link *l =
            atomic_load_explicit(&r->slot[h % RING], memory_order_relaxed);
        /* acq_rel: release orders our read of the slot before the owner's
         * reuse of it (its acquire load of head); acquire, with the failure
         * order, reloads head for the next try. */
        if (atomic_compare_exchange_weak_explicit(&r->head, &h, h + 1,
                                                  memory_order_acq_rel,
                                                  memory_order_acquire))
            return l;
    }
}

void parcint_ready_push(parcint_worker *w, struct parcint_ready_link *l,
                        int in_step)
{
    if (!w) {
        shared_push(l);
        parcint_wake_sleepers();
        return;
    }
    struct ready_worker *r = &rws[w->id];
    if (in_step) {
        struct parcint_ready_link *old = r->next;
        r->next = l;
        if (!old)
            return;
        l = old; /* the displaced one becomes public */
    }
    if (!ring_push(r, l))
        shared_push(l);
    parcint_wake_sleepers();
}

void parcint_ready_requeue(parcint_worker *w, struct parcint_ready_link *l)
{
    parcint_ready_push(w, l, 0);
}

struct parcint_ready_link *parcint_ready_take_next(parcint_worker *w)
{
    struct ready_worker *r = &rws[w->id];
    struct parcint_ready_link *l = r->next;
    r->next = NULL;
    return l;
}

struct parcint_ready_link *parcint_ready_take(parcint_worker *w)
{
    struct parcint_ready_link *l;
    if (w) {
        struct ready_worker *r = &rws[w->id];
        if ((l = r->next)) {
            if (++r->streak <= NEXT_STREAK) {
                r->next = NULL;
                return l;
            }
            /* Its turn is over: behind what waits in the ring. */
            r->next = NULL;
            r->streak = 0;
            if (!ring_push(r, l))
                shared_push(l);
        }
        r->streak = 0;
        if ((l = ring_pop(r)))
            return l;
    }
    if ((l = shared_pop()))
        return l;
    unsigned n = parcint_nworkers();
    unsigned start = w ? (unsigned)(parcint_rand(w) % n) : 0;
    for (unsigned k = 0; k < n; k++) {
        unsigned v = (start + k) % n;
        if (w && v == w->id)
            continue;
        if ((l = ring_pop(&rws[v])))
            return l;
    }
    return NULL;
}

int parcint_ready_pending(void)
{
    /* seq_cst, all: the sleeper's half of the sleep protocol (pool.c). */
    if (atomic_load_explicit(&shared_n, memory_order_seq_cst))
        return 1;
    unsigned n = parcint_nworkers();
    for (unsigned v = 0; v < n; v++) {
        struct ready_worker *r = &rws[v];
        uint32_t h = atomic_load_explicit(&r->head, memory_order_seq_cst);
        uint32_t t = atomic_load_explicit(&r->tail, memory_order_seq_cst);
        if ((int32_t)(t - h) > 0)
            return 1;
    }
    return 0;
}

int parcint_ready_any(parcint_worker *w)
{
    if (w && rws[w->id].next)
        return 1;
    /* relaxed, all: a hint (ready.h). */
    if (atomic_load_explicit(&shared_n, memory_order_relaxed))
        return 1;
    unsigned n = parcint_nworkers();
    for (unsigned v = 0; v < n; v++) {
        struct ready_worker *r = &rws[v];
        uint32_t h = atomic_load_explicit(&r->head, memory_order_relaxed);
        uint32_t t = atomic_load_explicit(&r->tail, memory_order_relaxed);
        if ((int32_t)(t - h) > 0)
            return 1;
    }
    return 0;
}

void parcint_ready_busy(parcint_worker *w, int busy)
{
    /* Only the outermost loop counts: a step that waits (against the
     * rules, but possible) runs a nested one, which must not flip the
     * parity. */
    struct ready_worker *r = &rws[w->id];
    if (busy ? r->depth++ != 0 : --r->depth != 0)
        return;
    /* seq_cst: the exit drain's reads of the epochs, the queues, then the
     * epochs again are seq_cst too. A worker that takes or pushes a
     * process does so inside its loop, between two bumps: if the drain's
     * scan of the queues overlapped any of that, its two reads of this
     * epoch differ (or the first is odd). */
    atomic_fetch_add_explicit(&rws[w->id].epoch, 1, memory_order_seq_cst);
}

int parcint_ready_quiet(int (*check)(void))
{
    uint64_t before[PARC_MAX_WORKERS];
    unsigned n = parcint_nworkers();
    for (unsigned v = 0; v < n; v++) {
        /* seq_cst: see parcint_ready_busy. */
        before[v] = atomic_load_explicit(&rws[v].epoch, memory_order_seq_cst);
        if (before[v] & 1)
            return 0;
    }
    if (!check() || parcint_ready_pending())
        return 0;
    for (unsigned v = 0; v < n; v++)
        /* seq_cst: see parcint_ready_busy. */
        if (atomic_load_explicit(&rws[v].epoch, memory_order_seq_cst) !=
            before[v])
            return 0;
    return 1;
}
