/* pool.c: the worker table and the sleep protocol.
 *
 * Sleep protocol (no fence on the fork path): before sleeping, a worker reads
 * the wake epoch, increments the sleeper count (seq_cst), and scans every deque
 * and future queue again (seq_cst loads, the caller's work_visible), asking
 * empty victims to share. A worker that publishes work does so with a seq_cst
 * operation and then reads the sleeper count (seq_cst): in the single order of
 * seq_cst operations either the scan sees the work or the publisher sees the
 * sleeper and bumps the epoch, and the futex wait returns at once. Work still
 * private to a busy worker is not visible; the sleepers' share requests make
 * that worker's next fork or poll publish it and wake one of them (deque.c
 * keeps such requests alive while anyone sleeps). A poll request to a
 * sleeping worker (a message for it) wakes that worker only, the same way
 * (its asleep flag against the request bit): sleepers wait with their own
 * bit of the futex's bitset, which the other wake-ups ignore.
 *
 * The futex wait has no timeout. A missed wake-up for stealable work could
 * only cost parallelism, never progress (an owner pops its own frames
 * itself); messages are the one kind of work addressed to a sleeper, and its
 * pending check (comms.c, idle_pending) closes their Dekker pair with the
 * sender's alert. On the virtual machines parc is developed on a timed
 * futex wait is woken late: about 3.9 ms with a 2 ms timeout, against 10 us
 * without one.
 */
#include "pool.h"

#include "platform.h"

/* 0 before start, 1 once running. release in parcint_pool_open: publishes the
 * table, the configuration and the hooks; acquire in parcint_started. */
static _Atomic int started;
/* Set at exit. relaxed everywhere: workers only need to notice eventually,
 * and the shutdown joins them. */
static _Atomic int stopping;
static unsigned nworkers; /* written before started is released */
static parcint_worker **workers;

static _Atomic uint32_t sleepers;
static _Atomic uint32_t wake_epoch;

int parcint_started(void)
{
    return atomic_load_explicit(&started, memory_order_acquire);
}

unsigned parcint_nworkers(void) { return nworkers; }

parcint_worker *parcint_worker_by_id(unsigned id) { return workers[id]; }

void parcint_pool_open(parcint_worker **table, unsigned n)
{
    workers = table;
    nworkers = n;
    /* release: see started. */
    atomic_store_explicit(&started, 1, memory_order_release);
}

int parcint_stopping(void)
{
    return atomic_load_explicit(&stopping, memory_order_relaxed);
}

static void wake_all(void)
{
    /* release: as in parcint_wake_sleepers. */
    atomic_fetch_add_explicit(&wake_epoch, 1, memory_order_release);
    parcint_futex_wake(&wake_epoch, PARC_MAX_WORKERS);
}

void parcint_pool_stop(void)
{
    atomic_store_explicit(&stopping, 1, memory_order_relaxed);
    wake_all();
}

unsigned parcint_sleeping(void)
{
    /* relaxed: a hint; the sleep protocol's own loads are seq_cst. */
    return atomic_load_explicit(&sleepers, memory_order_relaxed);
}

void parcint_wake_sleepers(void)
{
    /* seq_cst: the second half of the sleep protocol (see the top). */
    if (atomic_load_explicit(&sleepers, memory_order_seq_cst) == 0)
        return;
    /* release: nothing to publish beyond the work itself (already published
     * by seq_cst); the sleeper's futex compares the value. */
    atomic_fetch_add_explicit(&wake_epoch, 1, memory_order_release);
    parcint_futex_wake(&wake_epoch, 1);
}

/* A sleeper's name among the futex's waiters: workers whose ids are equal
 * mod 32 share one (a poll wake-up then also wakes the others, which find
 * nothing and sleep again). */
static uint32_t sleeper_mask(const parcint_worker *w)
{
    return 1u << (w->id % 32);
}

void parcint_wake_for_poll(parcint_worker *w)
{
    /* seq_cst: after the requester's seq_cst store of the request bit,
     * against parcint_sleep's store of asleep then load of the bit. */
    if (!atomic_load_explicit(&w->asleep, memory_order_seq_cst))
        return;
    /* release: as in parcint_wake_sleepers. The new epoch makes a sleeper
     * that has not reached its futex wait yet return from it at once; only
     * w is woken among those already waiting (its mask), not every sleeper
     * as before: one message, one wake-up. */
    atomic_fetch_add_explicit(&wake_epoch, 1, memory_order_release);
    parcint_futex_wake_mask(&wake_epoch, PARC_MAX_WORKERS, sleeper_mask(w));
}

int parcint_sleep(parcint_worker *w, int (*work_visible)(parcint_worker *))
{
    int slept = 0;
    /* acquire: pairs with the release increment in parcint_wake_sleepers. */
    uint32_t epoch = atomic_load_explicit(&wake_epoch, memory_order_acquire);
    /* seq_cst: the first half of the sleep protocol (see the top). */
    atomic_fetch_add_explicit(&sleepers, 1, memory_order_seq_cst);
    atomic_store_explicit(&w->asleep, 1, memory_order_seq_cst);
    if (!work_visible(w) &&
        !(atomic_load_explicit(&w->hot.signal, memory_order_seq_cst) &
          PARCINT_SIG_POLL) &&
        !parcint_stopping()) {
        slept = 1;
        parcint_futex_wait_mask(&wake_epoch, epoch, sleeper_mask(w));
    }
    /* relaxed, both: hints that wakers read; a stale nonzero costs one futex
     * call. */
    atomic_store_explicit(&w->asleep, 0, memory_order_relaxed);
    atomic_fetch_sub_explicit(&sleepers, 1, memory_order_relaxed);
    return slept;
}
