/* deque.c: a split work-stealing deque of frame pointers, with leapfrogging.
 *
 * Algorithm: the private/public split deque of Lace (van Dijk and van de Pol,
 * "Lace: non-blocking split deque for work-stealing", Euro-Par 2014 workshops),
 * itself a refinement of the THE protocol of Cilk-5 (Frigo, Leiserson, Randall,
 * PLDI 1998), and leapfrogging from Wagner and Calder (PPoPP 1993).
 *
 *   slots:  [ stolen ... | public: tail .. split | private: split .. head ]
 *
 * The owner pushes and pops at head with plain loads and stores: frames at or
 * above split are invisible to thieves, so the fast paths (parc.h) need no fence
 * and no atomic read-modify-write. Thieves take frames at tail with one CAS on
 * the word ts = (tail, split). A thief that finds nothing public sets
 * PARCINT_SIG_SHARE in the owner's signal word; at its next fork or poll the
 * owner publishes the older half of its private frames by moving split up.
 * When the owner pops a frame that lies in the public part, it takes half of
 * the public part back (CAS on ts) or learns that the frame was stolen.
 *
 * Where parc departs from Lace:
 *   - slots hold pointers to frames living in the forking function's stack
 *     frame (the plugin and the hand API emit the frame; no task array copy);
 *   - the owner changes split with a CAS on the whole word, never a 32-bit store
 *     into half of it followed by a fence: C11 forbids mixed-size atomics, and a
 *     CAS is what ThreadSanitizer models. Both happen only on slow paths;
 *   - there is no "all stolen" flag on the fast path: popping a stolen frame
 *     resets ts to an empty public range at head, which keeps the invariant
 *     "every index below tail was stolen" true without an extra branch.
 *
 * Invariants (indices are slot numbers):
 *   tail <= split == hot.split (only the owner writes split) <= head;
 *   every frame at an index below tail has been taken by a thief;
 *   a frame at an index in [tail, split) can be taken by a thief at any moment.
 */
#define _GNU_SOURCE
#include "deque.h"

#include "diag.h"
#include "hooks.h"
#include "platform.h"
#include "sched.h"
#include "stats.h"

#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>

static inline uint64_t pack(uint32_t tail, uint32_t split)
{
    return (uint64_t)split << 32 | tail;
}
static inline uint32_t tail_of(uint64_t ts) { return (uint32_t)ts; }
static inline uint32_t split_of(uint64_t ts) { return (uint32_t)(ts >> 32); }

static inline uint32_t index_of(parcint_worker *w, parc_frame **p)
{
    return (uint32_t)(p - w->slots);
}

int parcint_deque_init(parcint_worker *w, size_t capacity)
{
    /* Reserve address space only: pages are touched as the deque grows, so a
     * deep but rarely used capacity costs nothing. */
    void *p = mmap(NULL, capacity * sizeof(parc_frame *),
                   PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED)
        return ENOMEM;
    w->slots = p;
    w->capacity = capacity;
    w->hot.head = w->hot.split = w->slots;
    w->hot.limit = w->slots + capacity;
    /* relaxed: the worker is not visible to other threads until the scheduler
     * publishes the worker table with a release store. */
    atomic_store_explicit(&w->ts, pack(0, 0), memory_order_relaxed);
    return 0;
}

void parcint_deque_fini(parcint_worker *w)
{
    if (w->slots)
        munmap(w->slots, w->capacity * sizeof(parc_frame *));
    w->slots = NULL;
}

int parcint_deque_has_public(parcint_worker *victim, memory_order mo)
{
    uint64_t ts = atomic_load_explicit(&victim->ts, mo);
    return tail_of(ts) < split_of(ts);
}

void parcint_request_share(parcint_worker *w)
{
    /* Read first so that many idle thieves do not keep pulling the owner's
     * signal line into exclusive state. relaxed: only the bit matters; the
     * publication it triggers is ordered by the owner's release CAS on ts. */
    if (!(atomic_load_explicit(&w->hot.signal, memory_order_relaxed) &
          PARCINT_SIG_SHARE))
        atomic_fetch_or_explicit(&w->hot.signal, PARCINT_SIG_SHARE,
                                 memory_order_relaxed);
}

/* Moves split up so that the older half of the private frames (rounded up, so
 * at least one when there is one) becomes public. */
static void publish(parcint_worker *w)
{
    uint32_t s = index_of(w, w->hot.split), h = index_of(w, w->hot.head);
    if (h == s)
        return;
    uint32_t ns = s + (h - s + 1) / 2;
    /* relaxed load: the CAS below revalidates it. */
    uint64_t old = atomic_load_explicit(&w->ts, memory_order_relaxed);
    /* seq_cst: release, so that a thief whose CAS on ts reads this value sees
     * the slots and frames written before it (pairs with the acquire CAS in
     * parcint_steal); and seq_cst rather than acq_rel so that it is ordered
     * before the load of the sleeper count in parcint_wake_sleepers, against
     * the sleeper's seq_cst increment followed by its scan of ts (no lost
     * wake-up, see sched.c). Thieves may move tail meanwhile: retry. */
    while (!atomic_compare_exchange_weak_explicit(
        &w->ts, &old, pack(tail_of(old), ns), memory_order_seq_cst,
        memory_order_relaxed))
        ;
    w->hot.split = w->slots + ns;
    parcint_wake_sleepers();
}

/* Serves whatever the signal word asks for. Called by the owner only. */
static void serve_signal(parcint_worker *w, uint32_t sig)
{
    if (sig & (PARCINT_SIG_SHARE | PARCINT_SIG_POLL))
        /* relaxed: a request that arrives after this clear sets the bit
         * again and is served next time. */
        atomic_fetch_and_explicit(&w->hot.signal,
                                  ~(uint32_t)(PARCINT_SIG_SHARE |
                                              PARCINT_SIG_POLL),
                                  memory_order_relaxed);
    if (sig & PARCINT_SIG_POLL)
        parcint_run_poll_hooks(w);
    if (sig & PARCINT_SIG_SHARE)
        publish(w);
}

/* Runs f in place, as its fork: for threads that are not workers and for a
 * full deque. The matching pop sees PARCINT_FRAME_INLINE and returns 0. */
static void run_in_place(parc_frame *f)
{
    f->fn(f);
    /* relaxed: the same thread reads it back in its pop. */
    atomic_store_explicit(&f->state, PARCINT_FRAME_DONE | PARCINT_FRAME_INLINE,
                          memory_order_relaxed);
}

void parcint_fork_slow(struct parcint_hot *hot, parc_frame *f)
{
    /* relaxed: owner's own read of its request bits (see parc.h). */
    uint32_t sig = atomic_load_explicit(&hot->signal, memory_order_relaxed);
    if (sig & PARCINT_SIG_OUTSIDER) {
        parcint_worker *w = parcint_adopt();
        if (w) {
            parc_fork(f, f->fn);
            return;
        }
        parcint_stats_outsider_fork();
        run_in_place(f);
        return;
    }
    parcint_worker *w = parcint_worker_of(hot);
    if (hot->head == hot->limit) {
        /* The deque is full: a fork nested this deep gains nothing from one
         * more stealable frame. Run it now; the order of effects is still
         * that of the serial elision. */
        w->inline_forks++;
        serve_signal(w, sig);
        run_in_place(f);
        return;
    }
    *hot->head++ = f;
    hot->forks++;
    serve_signal(w, sig);
}

void parcint_poll_slow(struct parcint_hot *hot)
{
    /* relaxed: as in parcint_fork_slow. */
    uint32_t sig = atomic_load_explicit(&hot->signal, memory_order_relaxed);
    if (sig & PARCINT_SIG_OUTSIDER)
        return;
    serve_signal(parcint_worker_of(hot), sig);
}

parcint_steal_result parcint_steal(parcint_worker *thief, parcint_worker *victim,
                                   parc_frame **out)
{
    /* acquire: pairs with the owner's CAS in publish() or pop_public(); a
     * failed CAS below reloads with acquire too. */
    uint64_t ts = atomic_load_explicit(&victim->ts, memory_order_acquire);
    uint32_t t = tail_of(ts), s = split_of(ts);
    if (t >= s) {
        parcint_request_share(victim);
        return PARCINT_STEAL_EMPTY;
    }
    /* acquire on success: the slot and the frame it points to were written
     * before the owner's release CAS that made index t public (a release
     * sequence continued by other thieves' CASes). An ABA on ts (the owner
     * reset the range to this same value) is harmless: the slot is read after
     * the CAS, so the thief takes whatever is public at t now. */
    if (!atomic_compare_exchange_strong_explicit(&victim->ts, &ts,
                                                 pack(t + 1, s),
                                                 memory_order_acquire,
                                                 memory_order_relaxed))
        return PARCINT_STEAL_BUSY;
    parc_frame *f = victim->slots[t];
    /* relaxed: the id is a hint for the owner's leapfrogging; the frame's
     * results are ordered by the release store of DONE in parcint_run_stolen. */
    atomic_store_explicit(&f->state,
                          PARCINT_FRAME_TAKEN |
                              (uintptr_t)thief->id << PARCINT_FRAME_THIEF_SHIFT,
                          memory_order_relaxed);
    *out = f;
    return PARCINT_STEAL_TAKEN;
}

void parcint_run_stolen(parcint_worker *w, parc_frame *f)
{
    uintptr_t st = atomic_load_explicit(&f->state, memory_order_relaxed);
    w->steals++;
    parcint_run_steal_hooks(w, f);
    f->fn(f);
    /* release: the owner's acquire load in wait_stolen() then sees every write
     * the call made, its results in the frame above all. After this store the
     * frame may vanish with its owner's stack frame: do not touch it. */
    atomic_store_explicit(&f->state, st | PARCINT_FRAME_DONE,
                          memory_order_release);
}

/* Waits until the thief of f has finished it, running meanwhile only frames
 * stolen back from that thief: they are f's descendants, so the wait is never
 * lengthened by unrelated work and the stack stays bounded by the serial
 * program's depth times a constant. */
static void wait_stolen(parcint_worker *w, parc_frame *f)
{
    unsigned spins = 0;
    for (;;) {
        /* acquire: pairs with the release store of DONE in
         * parcint_run_stolen(), so the frame's results are visible. */
        uintptr_t st = atomic_load_explicit(&f->state, memory_order_acquire);
        if (st & PARCINT_FRAME_DONE)
            return;
        if (st & PARCINT_FRAME_TAKEN) {
            parcint_worker *thief =
                parcint_worker_by_id((unsigned)(st >> PARCINT_FRAME_THIEF_SHIFT));
            parc_frame *g;
            if (parcint_steal(w, thief, &g) == PARCINT_STEAL_TAKEN) {
                w->leapfrogs++;
                parcint_run_stolen(w, g);
                spins = 0;
                continue;
            }
        }
        /* Serve requests while waiting, so a collection or a message intake
         * asked of this worker is not held up by the join. */
        parc_poll();
        if (++spins < 256)
            parcint_cpu_relax();
        else
            sched_yield(); /* oversubscribed: let the thief have the CPU */
    }
}

/* The slow side of parc_pop: f is not in the private part of the deque. */
int parcint_pop_slow(struct parcint_hot *hot, parc_frame *f)
{
    /* relaxed: both loads are the owning thread's reads of its own state. */
    uintptr_t fst = atomic_load_explicit(&f->state, memory_order_relaxed);
    if (fst & PARCINT_FRAME_INLINE)
        return 0;
    if (atomic_load_explicit(&hot->signal, memory_order_relaxed) &
        PARCINT_SIG_OUTSIDER)
        parcint_misuse("parc_pop", "frame %p was not forked by this thread",
                       (void *)f);
    parcint_worker *w = parcint_worker_of(hot);
    parc_frame **h = hot->head - 1;
    if (hot->head == w->slots || *h != f)
        parcint_misuse("parc_pop",
                       "frame %p is not the innermost pending fork of worker %u "
                       "(joined twice, joined out of order, or never forked)",
                       (void *)f, w->id);
    uint32_t i = index_of(w, h);
    /* f is public: i == split - 1. Take back the upper half of the public
     * range, which contains f unless thieves got to it first. */
    /* acquire: as in parcint_steal, we may read slots written by nobody else,
     * but we must observe every thief's claim of tail. */
    uint64_t ts = atomic_load_explicit(&w->ts, memory_order_acquire);
    for (;;) {
        uint32_t t = tail_of(ts), s = split_of(ts);
        if (i < t)
            break; /* stolen */
        uint32_t ns = (t + s) / 2; /* <= i, since t <= i == s - 1 */
        /* acq_rel: acquire to order against thieves' claims (a failure
         * reloads ts); release is not needed for correctness but keeps the
         * release sequence headed by publish() unbroken for thieves. */
        if (atomic_compare_exchange_weak_explicit(&w->ts, &ts, pack(t, ns),
                                                  memory_order_acq_rel,
                                                  memory_order_acquire)) {
            hot->split = w->slots + ns;
            hot->head = h;
            return 1;
        }
    }
    /* Stolen, and with it every public frame (tail == split == i + 1). Reset
     * the public range to empty at i: indices below i were all stolen. No
     * thief can move tail while tail == split, so a store suffices. release:
     * keeps later publications ordered after this reset for thieves. */
    hot->head = h;
    hot->split = h;
    atomic_store_explicit(&w->ts, pack(i, i), memory_order_release);
    wait_stolen(w, f);
    parcint_run_join_hooks(w, f);
    return 0;
}
