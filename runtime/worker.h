/* worker.h: the layout of a worker, shared by the scheduler, the deque and the
 * futures. The hot half (struct parcint_hot) is in include/parc.h because the
 * inline fork and pop read it; everything else is here.
 *
 * Three cache lines matter:
 *   1. hot: head, split, end, forks -- written by the owner on every fork and
 *      pop, never touched by other threads;
 *   2. limit and signal -- limit read by the owner at every fork, both written
 *      rarely by others (a thief asking for work, a poll request), so that
 *      their writes do not invalidate line 1;
 *   3. the public steal word ts, the slot and mark bases -- read and CASed by
 *      thieves.
 */
#ifndef runtime_worker_h
#define runtime_worker_h

#include <parc.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>

#define PARCINT_LINE 64

/* Bits of parcint_hot.signal: why limit was set to NULL. */
enum {
    PARCINT_SIG_SHARE = 1u << 0,    /* a thief found us empty: publish work */
    PARCINT_SIG_POLL = 1u << 1,     /* run the poll hooks */
    PARCINT_SIG_OUTSIDER = 1u << 2, /* not a worker (permanent, on the stand-in) */
    PARCINT_SIG_MESSAGE = 1u << 3,  /* a sender alerted us: take messages */
};

struct parcint_future_queue; /* future.h */

/* Lazy futures a worker keeps for upgrading on demand (future.c). */
#define PARCINT_LAZIES 16

typedef struct parcint_worker {
    struct parcint_hot hot; /* lines 1 and 2; must stay first (parcint_self) */

    /* Line 3, public. ts packs the public range of the deque into one word so
     * a thief claims a frame with a single CAS (after Lace's TailSplit):
     *   low 32 bits: tail, the next frame a thief may take;
     *   high 32 bits: split, one past the last public frame.
     * Thieves only increment tail; only the owner changes split or resets. */
    _Alignas(PARCINT_LINE) _Atomic uint64_t ts;
    parc_frame **slots; /* deque base; fixed once the worker starts */
    /* marks[i]: what became of the frame in slots[i] once public: 0, or
     * TAKEN with the thief's id, then DONE (deque.h). Reset by the owner when
     * it publishes slot i, written by the thief that takes it. */
    _Atomic uintptr_t *marks;
    /* slot_heaps[i]: the task heap the stolen frame of slot i left (NULL if
     * it allocated nothing). Written by the thief before its release store
     * of DONE in marks[i], read by the owner after its acquire load of DONE,
     * so plain. */
    void **slot_heaps;
    unsigned id;
    /* 1 while the worker sleeps or is about to (pool.c's sleep protocol). */
    _Atomic int asleep;

    /* Cold, owner-only (statistics are read by others only at shutdown). */
    _Alignas(PARCINT_LINE) uint64_t steals;
    uint64_t failed_steals;
    uint64_t leapfrogs;
    uint64_t idle_ns;
    uint64_t wait_ns; /* in joins of stolen frames, helping excluded */
    uint64_t sleeps;
    uint64_t inline_forks; /* forks run in place: deque full */
    uint64_t futures_run;
    /* Process functions (process.c): turns (a process taken from a ready
     * queue), steps run, steps whose message came from another worker (or
     * a thread that is not one), turns of a process that ran elsewhere
     * last, actors muted. */
    uint64_t proc_turns, proc_steps, proc_cross, proc_moves, proc_mutes;
    uint64_t rng;
    size_t capacity;
    pthread_t thread;
    int has_thread; /* its thread was created (written by the creator) */
    int joined;     /* its thread was joined (written by the joiner) */
    /* PARC_STATS: lazy forks run at once in a sequential clone (pieces no
     * thief can split), their thread CPU time in all and the longest. */
    uint64_t pieces, piece_ns, piece_max_ns;
    /* Loops of sequential clones promoted (promote.c); the CPU time spent
     * joining their parts, which is not the enclosing piece's own work
     * (leave_depth: nested joins count once). */
    uint64_t promotions, piece_skip_ns;
    unsigned leave_depth;
    int hungry; /* counted in parcint_hungry (promote.c); owner only */
    /* Lazy futures this worker made, oldest first, each holding a reference
     * (future.c): when a thief asks this worker for work and it has no
     * frame to publish, the oldest one still lazy is upgraded. Owner-only;
     * bounded, so that a future consumed on another thread is held at most
     * until this worker's next lazy creation, consumption or request. */
    void *lazies[PARCINT_LAZIES];
    unsigned nlazies;
    uint64_t lazies_upgraded;
} parcint_worker;

_Static_assert(offsetof(parcint_worker, hot) == 0,
               "parcint_self points at the worker through its hot half");
_Static_assert(offsetof(struct parcint_hot, limit) % PARCINT_LINE == 0,
               "limit and signal have a line apart from head and split");
_Static_assert(offsetof(parcint_worker, ts) % PARCINT_LINE == 0 &&
                   offsetof(parcint_worker, ts) >=
                       offsetof(struct parcint_hot, limit) + PARCINT_LINE,
               "the public steal word has a line of its own");
_Static_assert(offsetof(parcint_worker, steals) % PARCINT_LINE == 0,
               "statistics stay off the public line");

static inline parcint_worker *parcint_worker_of(struct parcint_hot *h)
{
    return (parcint_worker *)h;
}

/* The calling thread's worker, or NULL on a thread that is not a worker. */
static inline parcint_worker *parcint_current(void)
{
    struct parcint_hot *h = parcint_self;
    /* relaxed: the outsider bit is constant on the stand-in and never set on a
     * worker. */
    if (atomic_load_explicit(&h->signal, memory_order_relaxed) &
        PARCINT_SIG_OUTSIDER)
        return NULL;
    return parcint_worker_of(h);
}

/* Sets bit in w's signal word and makes w's next fork or poll take the slow
 * path, where the bit is served (deque.c).
 * seq_cst, both: the owner (parcint_deque_serve) first restores limit, then
 * exchanges signal with 0. In the single order of these four operations, if
 * our NULL store comes before its restore, our bit came before its exchange,
 * which therefore sees it; otherwise its next fork sees NULL. */
static inline void parcint_signal(parcint_worker *w, uint32_t bit)
{
    atomic_fetch_or_explicit(&w->hot.signal, bit, memory_order_seq_cst);
    atomic_store_explicit(&w->hot.limit, NULL, memory_order_seq_cst);
}

/* xorshift64*: victim choice only; quality matters little, speed does. */
static inline uint64_t parcint_rand(parcint_worker *w)
{
    uint64_t x = w->rng;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    w->rng = x;
    return x * 2685821657736338717ull;
}

#endif /* runtime_worker_h */
