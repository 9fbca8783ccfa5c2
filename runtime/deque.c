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
 * PARCINT_SIG_SHARE in the owner's signal word and clears its limit; at its next
 * fork or poll the owner publishes the older half of its private frames by
 * moving split up. When the owner pops a frame that lies in the public part, it
 * takes half of the public part back (CAS on ts) or learns that the frame was
 * stolen, and then waits on the slot's mark.
 *
 * Where parc departs from Lace:
 *   - slots hold pointers to frames living in the forking function's stack
 *     frame (the plugin and the hand API emit the frame; no task is copied);
 *   - what became of a public frame is recorded in a mark per slot, beside the
 *     deque, which the owner resets when it publishes the slot: a fork thus
 *     writes nothing but the thunk into the frame;
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
 *   a frame at an index in [tail, split) can be taken by a thief at any moment;
 *   marks[i] is 0 from the publication of slot i until a thief takes it;
 *   slots[i] carries PARCINT_SLOT_PUBLIC exactly while i is in [tail, split)
 *   or was stolen, and slots[-1] is NULL, so parc_pop's one compare of the top
 *   slot with its frame tests "present and private" at once.
 */
#define _GNU_SOURCE
#include "deque.h"

#include "diag.h"
#include "hooks.h"
#include "platform.h"
#include "pool.h"
#include "promote.h"

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

static size_t deque_bytes(size_t capacity)
{
    /* One slot more: the NULL sentinel below the first. Then the marks and
     * the stolen frames' heaps. */
    return (capacity + 1) * sizeof(parc_frame *) +
           capacity * sizeof(_Atomic uintptr_t) + capacity * sizeof(void *);
}

static inline parc_frame *tagged(parc_frame *f)
{
    return (parc_frame *)((uintptr_t)f | PARCINT_SLOT_PUBLIC);
}

static inline parc_frame *untagged(parc_frame *f)
{
    return (parc_frame *)((uintptr_t)f & ~PARCINT_SLOT_PUBLIC);
}

/* A deque of no slots, for a worker whose map failed: head == end sends
 * every fork to the slow path, which runs it in place, and the NULL slot
 * below head sends every pop there too. */
static parc_frame *no_slots[1];

int parcint_deque_init(parcint_worker *w, size_t capacity)
{
    /* Reserve address space only: pages are touched as the deque grows, so a
     * deep but rarely used capacity costs nothing. */
    void *p = mmap(NULL, deque_bytes(capacity), PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED) {
        w->slots = NULL;
        w->hot.head = w->hot.split = w->hot.end = no_slots + 1;
        /* relaxed: as below. */
        atomic_store_explicit(&w->hot.limit, w->hot.end, memory_order_relaxed);
        return ENOMEM;
    }
    w->slots = (parc_frame **)p + 1; /* slots[-1]: the NULL sentinel */
    w->marks = (_Atomic uintptr_t *)(w->slots + capacity);
    w->slot_heaps = (void **)(w->marks + capacity);
    w->capacity = capacity;
    w->hot.head = w->hot.split = w->slots;
    w->hot.end = w->slots + capacity;
    /* seq_cst: a request that arrived before this store stays in signal;
     * the caller serves it with parcint_deque_serve (the order argument of
     * parcint_signal then applies). */
    atomic_store_explicit(&w->hot.limit, w->hot.end, memory_order_seq_cst);
    /* relaxed: thieves never read slots while tail == split. */
    atomic_store_explicit(&w->ts, pack(0, 0), memory_order_relaxed);
    return 0;
}

void parcint_deque_fini(parcint_worker *w)
{
    if (w->slots)
        munmap(w->slots - 1, deque_bytes(w->capacity));
    /* The worker's fast paths must never see the unmapped slots again. */
    w->hot.head = w->hot.split = w->hot.end = no_slots + 1;
    w->slots = NULL;
    w->marks = NULL;
    w->slot_heaps = NULL;
}

int parcint_deque_has_public(parcint_worker *victim, memory_order mo)
{
    uint64_t ts = atomic_load_explicit(&victim->ts, mo);
    return tail_of(ts) < split_of(ts);
}

void parcint_request_share(parcint_worker *w)
{
    /* Read first so that many idle thieves do not keep pulling the owner's
     * line into exclusive state. relaxed: a stale read costs one more
     * request, and a missed one is retried by the thief's next round. */
    if (!(atomic_load_explicit(&w->hot.signal, memory_order_relaxed) &
          PARCINT_SIG_SHARE))
        parcint_signal(w, PARCINT_SIG_SHARE);
}

/* Moves split up so that the older half of the private frames (rounded up, so
 * at least one when there is one) becomes public. Returns 0 if there was
 * nothing private. */
static int publish(parcint_worker *w)
{
    uint32_t s = index_of(w, w->hot.split), h = index_of(w, w->hot.head);
    if (h == s)
        return 0;
    uint32_t ns = s + (h - s + 1) / 2;
    for (uint32_t i = s; i < ns; i++) {
        w->slots[i] = tagged(w->slots[i]);
        /* relaxed: ordered before thieves' reads by the CAS below. */
        atomic_store_explicit(&w->marks[i], 0, memory_order_relaxed);
    }
    /* relaxed load: the CAS below revalidates it. */
    uint64_t old = atomic_load_explicit(&w->ts, memory_order_relaxed);
    /* seq_cst: release, so that a thief whose CAS on ts reads this value sees
     * the slots, marks and frames written before it (pairs with the acquire
     * CAS in parcint_steal); and seq_cst rather than acq_rel so that it is
     * ordered before the load of the sleeper count in parcint_wake_sleepers,
     * against the sleeper's seq_cst increment followed by its scan of ts (no
     * lost wake-up, see pool.c). Thieves may move tail meanwhile: retry. */
    while (!atomic_compare_exchange_weak_explicit(
        &w->ts, &old, pack(tail_of(old), ns), memory_order_seq_cst,
        memory_order_relaxed))
        ;
    w->hot.split = w->slots + ns;
    parcint_wake_sleepers();
    return 1;
}

void parcint_deque_serve(parcint_worker *w)
{
    /* seq_cst, both: see parcint_signal (worker.h). */
    atomic_store_explicit(&w->hot.limit, w->hot.end, memory_order_seq_cst);
    uint32_t sig = atomic_exchange_explicit(&w->hot.signal, 0,
                                            memory_order_seq_cst);
    if (sig & PARCINT_SIG_POLL)
        parcint_run_poll_hooks(w);
    /* A sender alerted us (comms.c): take its messages here, at the poll
     * point, before sharing work (a message may be a request for it). */
    if (sig & PARCINT_SIG_MESSAGE)
        parcint_run_message_hooks(w);
    /* No frame to publish: a lazy future of ours may be upgraded instead
     * (the share hooks). Nothing to share while others sleep: keep the
     * request, so that the next fork publishes its frame. A sleeper asked
     * once, before sleeping; dropping the request here could leave it
     * asleep beside work that is never published. */
    if ((sig & PARCINT_SIG_SHARE) && !publish(w) &&
        !parcint_run_share_hooks(w) && parcint_sleeping())
        parcint_signal(w, PARCINT_SIG_SHARE);
}

int parcint_deque_holds(parcint_worker *w, const parc_frame *f, unsigned k)
{
    if (!w->slots)
        return 0; /* no deque (its map failed, or shut down): no_slots */
    /* relaxed: a stale tail only makes one lazy fork more or one less run
     * through its sequential clone; no memory is read through it. */
    uint64_t ts = atomic_load_explicit(&w->ts, memory_order_relaxed);
    parc_frame **p = w->hot.head, **stop = w->slots + tail_of(ts);
    /* The frames on top that lie below f in the stack were forked by f's
     * own activation (a loop's older siblings: the plugin's slot arrays grow
     * upward) and are as big as f's call: holding them does not make f's call
     * small. Frames of the activations above lie higher in the stack (every
     * frame in a worker's deque is in that worker's stack, and a callee's
     * forks are joined before it returns). Only the owner writes slots. */
    while (p > stop && (uintptr_t)untagged(p[-1]) < (uintptr_t)f)
        p--;
    return p - stop >= (ptrdiff_t)k;
}

void parcint_deque_publish_now(parcint_worker *w)
{
    /* With thieves about, publish now: the owner may next run a long
     * sequential clone that never polls, and a request would wait for it. */
    if (parcint_nworkers() > 1 && w->hot.head > w->hot.split)
        publish(w);
}

const parc_frame *parcint_deque_top(parcint_worker *w)
{
    /* slots[-1] is NULL: an empty deque answers NULL. Only the owner writes
     * slots. */
    return w->slots ? untagged(w->hot.head[-1]) : NULL;
}

int parcint_deque_room(parcint_worker *w)
{
    return w->slots && w->hot.head < w->hot.end;
}

/* What a frame's fn becomes once it has run in place (at its fork), so that
 * its pop returns 0 and a pop of any other frame is still caught. */
static void ran_in_place(parc_frame *f)
{
    parcint_misuse("parc_join", "frame %p already ran", (void *)f);
}

void parcint_run_in_place(parc_frame *f)
{
    f->fn(f);
    f->fn = ran_in_place;
}

int parcint_ran_in_place(const parc_frame *f)
{
    return f->fn == ran_in_place;
}

void parcint_deque_fork_slow(parcint_worker *w, parc_frame *f)
{
    struct parcint_hot *hot = &w->hot;
    if (hot->head == hot->end) {
        /* The deque is full: a fork nested this deep gains nothing from one
         * more stealable frame. Run it now, in the order of the serial
         * elision. */
        parcint_deque_serve(w);
        w->inline_forks++;
        parcint_run_in_place(f);
        return;
    }
    /* Push first, so that a thief's request served below can publish this
     * frame: in an otherwise empty deque it is the only work there is. */
    *hot->head++ = f;
    hot->forks++;
    parcint_deque_serve(w);
}

int (*parcint_deque_reclaim)(parcint_worker *w, unsigned thief,
                             _Atomic uintptr_t *mark);

parcint_steal_result parcint_steal(parcint_worker *thief, parcint_worker *victim,
                                   parcint_stolen *out)
{
    /* acquire: pairs with the owner's CAS in publish() or
     * parcint_deque_pop_slow(); a
     * failed CAS below reloads with acquire too. */
    uint64_t ts = atomic_load_explicit(&victim->ts, memory_order_acquire);
    uint32_t t = tail_of(ts), s = split_of(ts);
    if (t >= s) {
        parcint_request_share(victim);
        return PARCINT_STEAL_EMPTY;
    }
    /* acquire on success: the slot, its mark and the frame it points to were
     * written before the owner's release CAS that made index t public (a
     * release sequence continued by other thieves' CASes). An ABA on ts (the
     * owner reset the range to this same value) is harmless: the slot is read
     * after the CAS, so the thief takes whatever is public at t now. */
    if (!atomic_compare_exchange_strong_explicit(&victim->ts, &ts,
                                                 pack(t + 1, s),
                                                 memory_order_acquire,
                                                 memory_order_relaxed))
        return PARCINT_STEAL_BUSY;
    out->frame = untagged(victim->slots[t]);
    out->mark = &victim->marks[t];
    out->heap = &victim->slot_heaps[t];
    if (parcint_sleeping()) {
        /* Others sleep. More public work here: wake one for it. None: the
         * victim may still have private frames while the share requests
         * the sleepers left were all served; ask again on their behalf, or
         * they could sleep through work that is never published. */
        if (t + 1 < s)
            parcint_wake_sleepers();
        else
            parcint_signal(victim, PARCINT_SIG_SHARE);
    }
    /* relaxed: the id is a hint for the owner's leapfrogging; the frame's
     * results are ordered by the release store of DONE in parcint_run_stolen. */
    atomic_store_explicit(out->mark,
                          PARCINT_MARK_TAKEN |
                              (uintptr_t)thief->id << PARCINT_MARK_THIEF_SHIFT,
                          memory_order_relaxed);
    return PARCINT_STEAL_TAKEN;
}

void parcint_run_stolen(parcint_worker *w, parcint_stolen s)
{
    uintptr_t m = atomic_load_explicit(s.mark, memory_order_relaxed);
    w->steals++;
    /* The frame runs as a task of its own, in a fresh heap (made when it
     * first allocates), whatever this thread was running before: an idle
     * loop, or a task waiting for a join (leapfrogging), whose heap is back
     * when the frame is done. The frame's heap waits in the victim's
     * slot_heaps for the owner's join (docs/heap.md). */
    struct parcint_task_save saved;
    parcint_task_enter(&saved);
    parcint_run_steal_hooks(w, s.frame);
    s.frame->fn(s.frame);
    *s.heap = parcint_task_leave(&saved);
    /* release: the owner's acquire load in wait_stolen() then sees every write
     * the call made, its results in the frame and its heap above all. After
     * this store the frame may vanish with its owner's stack frame: do not
     * touch it. */
    atomic_store_explicit(s.mark, m | PARCINT_MARK_DONE, memory_order_release);
}

int parcint_help(parcint_worker *w, parcint_worker *victim)
{
    parcint_stolen g;
    if (parcint_steal(w, victim, &g) != PARCINT_STEAL_TAKEN)
        return 0;
    w->leapfrogs++;
    parcint_set_hungry(w, 0);
    parcint_run_stolen(w, g);
    return 1;
}

/* Waits until the thief of the frame in slot i has finished it, running
 * meanwhile only frames stolen back from that thief: they are descendants of
 * the frame, so the wait is never lengthened by unrelated work and the stack
 * stays bounded by the serial program's depth times a constant. Returns 0,
 * or 1 when the frame was taken back unstarted (PARC_STEAL=request) and is
 * the caller's to run, as if never stolen. */
static int wait_stolen(parcint_worker *w, uint32_t i)
{
    unsigned spins = 0;
    /* PARC_STATS' wait_ms: the time spent here, less the frames run by
     * leapfrogging (which are work). A clock read per round costs nothing
     * that matters: the round spins anyway. */
    uint64_t since = parcint_now_ns();
    for (;;) {
        /* acquire: pairs with the release store of DONE in
         * parcint_run_stolen(), so the frame's results are visible. */
        uintptr_t m = atomic_load_explicit(&w->marks[i], memory_order_acquire);
        if (m & PARCINT_MARK_DONE) {
            w->wait_ns += parcint_now_ns() - since;
            parcint_set_hungry(w, 0);
            return 0;
        }
        if (m & PARCINT_MARK_TAKEN) {
            uint64_t t = parcint_now_ns();
            unsigned thief = (unsigned)(m >> PARCINT_MARK_THIEF_SHIFT);
            /* PARC_STEAL=request: the frame may still wait in its thief's
             * inbox, unstarted, while the thief waits in a join of its own
             * (possibly for us): take it back. */
            if (parcint_deque_reclaim &&
                parcint_deque_reclaim(w, thief, &w->marks[i])) {
                w->wait_ns += t - since;
                parcint_set_hungry(w, 0);
                return 1;
            }
            if (parcint_help(w, parcint_worker_by_id(thief))) {
                w->wait_ns += t - since;
                since = parcint_now_ns();
                spins = 0;
                continue;
            }
        }
        /* Serve requests while waiting, so a collection or a message intake
         * asked of this worker is not held up by the join. relaxed: as in
         * parc_poll. */
        if (atomic_load_explicit(&w->hot.limit, memory_order_relaxed) == NULL)
            parcint_deque_serve(w);
        /* Nothing to help with: its thief's loops, entered from now on,
         * keep records that a promotion can give us. */
        parcint_set_hungry(w, 1);
        if (++spins < 256)
            parcint_cpu_relax();
        else
            sched_yield(); /* oversubscribed: let the thief have the CPU */
    }
}

/* The slow side of parc_pop on a worker: f is not the innermost private
 * frame. */
int parcint_deque_pop_slow(parcint_worker *w, parc_frame *f)
{
    struct parcint_hot *hot = &w->hot;
    parc_frame **h = hot->head - 1;
    if (untagged(*h) != f) /* slots[-1] is NULL */
        parcint_misuse("parc_pop",
                       "frame %p is not the innermost pending fork of worker %u "
                       "(joined twice, joined out of order, or never forked)",
                       (void *)f, w->id);
    uint32_t i = index_of(w, h);
    /* f is public: i == split - 1. Take back the upper half of the public
     * range, which contains f unless thieves got to it first. acquire: we
     * must observe every thief's claim of tail. */
    uint64_t ts = atomic_load_explicit(&w->ts, memory_order_acquire);
    for (;;) {
        uint32_t t = tail_of(ts), s = split_of(ts);
        if (i < t)
            break; /* stolen */
        uint32_t ns = (t + s) / 2; /* <= i, since t <= i == s - 1 */
        /* acq_rel: acquire to order against thieves' claims (a failure
         * reloads ts); release keeps the release sequence that thieves
         * acquire from unbroken. */
        if (atomic_compare_exchange_weak_explicit(&w->ts, &ts, pack(t, ns),
                                                  memory_order_acq_rel,
                                                  memory_order_acquire)) {
            /* Slots from ns up are private again. No thief reads them: every
             * claim made before this CAS was below t <= ns, and none can be
             * made at or above ns after it. */
            for (uint32_t k = ns; k < s; k++)
                w->slots[k] = untagged(w->slots[k]);
            hot->split = w->slots + ns;
            hot->head = h;
            return 1;
        }
    }
    /* Stolen, and with it every public frame: tail == split == head == i + 1.
     * Slot i stays occupied while we wait, so that frames forked by what we
     * leapfrog go above it and publishing them cannot reset marks[i]. Those
     * frames are all joined by the time f is done, which leaves the deque as
     * it is now; then the public range is reset to empty at i (indices below
     * i were all stolen). No thief can move tail while tail == split, so a
     * store suffices; release keeps later publications ordered after it. */
    int back = wait_stolen(w, i);
    hot->head = h;
    hot->split = h;
    atomic_store_explicit(&w->ts, pack(i, i), memory_order_release);
    if (back)
        return 1; /* nobody ran it: no heap to adopt, no join hooks */
    /* The child's heap joins ours (plain read: ordered by the acquire of
     * DONE in wait_stolen). */
    parcint_run_adopt_hooks(w->slot_heaps[i], PARCINT_ADOPT_FRAME);
    parcint_run_join_hooks(w, f);
    return 0;
}
