/* sched.c: the workers, the run-and-steal loop, sleeping and waking, start and
 * shutdown.
 *
 * The first thread that forks (or calls parc_start) becomes worker 0; the
 * runtime then starts PARC_WORKERS - 1 more threads. An idle worker looks for
 * work in rounds (futures queued anywhere, then a steal attempt on each other
 * worker, starting at a random one), spins a little, and finally sleeps on a
 * futex.
 *
 * Sleep protocol (no fence on the fork path): before sleeping, a worker reads
 * the wake epoch, increments the sleeper count (seq_cst), and scans every deque
 * and future queue again (seq_cst loads), asking empty victims to share. A
 * worker that publishes work does so with a seq_cst CAS and then reads the
 * sleeper count (seq_cst): in the single order of seq_cst operations either the
 * scan sees the work or the publisher sees the sleeper and bumps the epoch, and
 * the futex wait returns at once. Work still private to a busy worker is not
 * visible; the sleepers' share requests make that worker's next fork or poll
 * publish it and wake one of them. A poll request to a sleeping worker wakes
 * the sleepers the same way (its asleep flag against the request bit).
 *
 * The futex wait has no timeout. A missed wake-up could only cost parallelism,
 * never progress (a sleeping worker holds no work, and an owner pops its own
 * frames itself), and on the virtual machines parc is developed on a timed
 * futex wait is woken late: about 3.9 ms with a 2 ms timeout, against 10 us
 * without one.
 */
#define _GNU_SOURCE
#include "sched.h"

#include "deque.h"
#include "diag.h"
#include "future.h"
#include "hooks.h"
#include "platform.h"
#include "stats.h"

#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define PARCINT_DEQUE_SLOTS (1u << 20)
/* Rounds of looking for work before sleeping (each round tries every other
 * worker, then pauses a few times): some tens of microseconds. No sched_yield in between: on
 * Linux 6.x (EEVDF) a thread that yields and then sleeps is woken late, about
 * 4 ms on the development VM against 10 us for one that did not yield. */
#define PARCINT_SPIN_ROUNDS 2048

/* The stub every thread points at until it becomes a worker. Its limit is
 * NULL, so parc_fork and parc_poll leave their fast paths at once, and the
 * slot below its head holds NULL, so parc_pop leaves its fast path too. */
static parc_frame *stub_slots[1]; /* NULL: parc_pop's compare fails */
static parcint_worker outsider = {
    .hot = {.head = stub_slots + 1,
            .split = stub_slots + 1,
            .end = stub_slots + 1,
            .limit = NULL,
            .signal = PARCINT_SIG_OUTSIDER},
    .id = (unsigned)-1,
};

__thread struct parcint_hot *parcint_self
    __attribute__((tls_model("initial-exec"))) = &outsider.hot;

static pthread_mutex_t start_lock = PTHREAD_MUTEX_INITIALIZER;
/* 0 before start, 1 once running. release on start: publishes the worker
 * table, the hook lists and the configuration; acquire in parcint_started. */
static _Atomic int started;
/* Set at exit. relaxed everywhere: workers only need to notice eventually, and
 * the shutdown joins them. */
static _Atomic int stopping;
static unsigned configured;  /* parc_set_workers; 0: unset (under start_lock) */
static unsigned nworkers;    /* written before started is released */
static parcint_worker **workers;
static pthread_t master;
static int pin_workers;

static _Atomic uint32_t sleepers;
static _Atomic uint32_t wake_epoch;

int parcint_started(void)
{
    return atomic_load_explicit(&started, memory_order_acquire);
}

unsigned parcint_nworkers(void) { return nworkers; }

parcint_worker *parcint_worker_by_id(unsigned id) { return workers[id]; }

static unsigned default_workers(void)
{
    unsigned long n = parcint_env_ulong("PARC_WORKERS", 0);
    if (n == 0 || n > PARC_MAX_WORKERS) {
        if (n > PARC_MAX_WORKERS)
            fprintf(stderr, "parc: PARC_WORKERS=%lu is above %d; using %d\n",
                    n, PARC_MAX_WORKERS, PARC_MAX_WORKERS);
        n = n ? PARC_MAX_WORKERS : parcint_cpu_count();
    }
    return (unsigned)n;
}

int parc_set_workers(unsigned n)
{
    if (n == 0 || n > PARC_MAX_WORKERS)
        return EINVAL;
    pthread_mutex_lock(&start_lock);
    int err = parcint_started() ? EBUSY : 0;
    if (!err)
        configured = n;
    pthread_mutex_unlock(&start_lock);
    return err;
}

unsigned parc_workers(void)
{
    if (parcint_started())
        return nworkers;
    pthread_mutex_lock(&start_lock);
    unsigned n = configured ? configured : default_workers();
    pthread_mutex_unlock(&start_lock);
    return n;
}

int parc_worker_id(void)
{
    parcint_worker *w = parcint_current();
    return w ? (int)w->id : -1;
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

/* One round of looking for work. Returns nonzero if it ran something. */
static int find_work(parcint_worker *w)
{
    parc_poll();
    if (parcint_future_run_one(w))
        return 1;
    unsigned n = nworkers;
    if (n < 2)
        return 0;
    unsigned start = (unsigned)(parcint_rand(w) % n);
    for (unsigned k = 0; k < n; k++) {
        unsigned v = (start + k) % n;
        if (v == w->id)
            continue;
        parcint_stolen f;
        parcint_worker *victim = workers[v];
        parcint_steal_result r = parcint_steal(w, victim, &f);
        if (r == PARCINT_STEAL_TAKEN) {
            parcint_run_stolen(w, f);
            return 1;
        }
        w->failed_steals++;
    }
    return 0;
}

/* Any work visible to an idle worker? seq_cst loads: the sleep protocol. */
static int work_visible(parcint_worker *w)
{
    if (parcint_future_pending())
        return 1;
    for (unsigned v = 0; v < nworkers; v++) {
        if (v == w->id)
            continue;
        if (parcint_deque_has_public(workers[v], memory_order_seq_cst))
            return 1;
        /* Not parcint_request_share: its test of the bit may see a request
         * that the owner is clearing at this moment, and the last request
         * before sleeping must not be lost. */
        parcint_signal(workers[v], PARCINT_SIG_SHARE);
    }
    return 0;
}

static void wake_all(void)
{
    /* release: as in parcint_wake_sleepers. */
    atomic_fetch_add_explicit(&wake_epoch, 1, memory_order_release);
    parcint_futex_wake(&wake_epoch, PARC_MAX_WORKERS);
}

void parcint_wake_for_poll(parcint_worker *w)
{
    /* seq_cst: after the requester's seq_cst store of the request bit,
     * against sleep_once's store of asleep then load of the bit. */
    if (atomic_load_explicit(&w->asleep, memory_order_seq_cst))
        wake_all();
}

static void sleep_once(parcint_worker *w)
{
    /* acquire: pairs with the release increment in parcint_wake_sleepers. */
    uint32_t epoch = atomic_load_explicit(&wake_epoch, memory_order_acquire);
    /* seq_cst: the first half of the sleep protocol (see the top). */
    atomic_fetch_add_explicit(&sleepers, 1, memory_order_seq_cst);
    atomic_store_explicit(&w->asleep, 1, memory_order_seq_cst);
    if (!work_visible(w) &&
        !(atomic_load_explicit(&w->hot.signal, memory_order_seq_cst) &
          PARCINT_SIG_POLL) &&
        !atomic_load_explicit(&stopping, memory_order_relaxed)) {
        w->sleeps++;
        parcint_futex_wait(&wake_epoch, epoch, 0);
    }
    /* relaxed, both: hints that wakers read; a stale nonzero costs one futex
     * call. */
    atomic_store_explicit(&w->asleep, 0, memory_order_relaxed);
    atomic_fetch_sub_explicit(&sleepers, 1, memory_order_relaxed);
}

static void idle_loop(parcint_worker *w)
{
    unsigned fails = 0;
    uint64_t since = parcint_now_ns();
    while (!atomic_load_explicit(&stopping, memory_order_relaxed)) {
        if (find_work(w)) {
            fails = 0;
            since = parcint_now_ns();
            continue;
        }
        uint64_t now = parcint_now_ns();
        w->idle_ns += now - since;
        since = now;
        if (++fails < PARCINT_SPIN_ROUNDS)
            for (int i = 0; i < 4; i++)
                parcint_cpu_relax();
        else
            sleep_once(w);
    }
}

static void join_worker(parcint_worker *w)
{
    if (!w->has_thread)
        return;
    struct timespec deadline;
    clock_gettime(CLOCK_REALTIME, &deadline);
    deadline.tv_sec += 2;
    /* A worker still inside a long task (a dropped future, say) is not waited
     * for beyond the deadline: exit ends it. */
    if (pthread_timedjoin_np(w->thread, NULL, &deadline) == 0)
        w->joined = 1;
}

static void *worker_main(void *arg);

/* Worker 1 creates workers 2.. so that the first fork pays for one thread
 * creation only, whatever the worker count; it joins them at shutdown. */
static void spawn_rest(void)
{
    for (unsigned i = 2; i < nworkers; i++) {
        int err = pthread_create(&workers[i]->thread, NULL, worker_main,
                                 workers[i]);
        if (err)
            fprintf(stderr, "parc: cannot start worker %u: %s\n", i,
                    strerror(err));
        else
            workers[i]->has_thread = 1;
    }
}

static void *worker_main(void *arg)
{
    parcint_worker *w = arg;
    /* Each worker maps its own deque, off the first fork's critical path.
     * Until then its public range is empty (ts == 0) and thieves pass by; if
     * the map fails, head == limit == NULL sends every fork of this worker to
     * the slow path, which runs it in place. */
    if (parcint_deque_init(w, PARCINT_DEQUE_SLOTS))
        fprintf(stderr, "parc: worker %u: no memory for its deque\n", w->id);
    parcint_self = &w->hot;
    if (pin_workers) {
        int err = parcint_pin_self(w->id);
        if (err)
            fprintf(stderr, "parc: worker %u: cannot pin: %s\n", w->id,
                    strerror(err));
    }
    /* Requests made before the deque existed were overwritten in limit but
     * are still in signal: serve them now. */
    parcint_poll_slow(&w->hot);
    if (w->id == 1)
        spawn_rest();
    idle_loop(w);
    if (w->id == 1)
        for (unsigned i = 2; i < nworkers; i++)
            join_worker(workers[i]);
    return NULL;
}

static void shutdown_runtime(void);

/* Under start_lock, runtime not started: start it with the caller as worker 0. */
static int start_locked(void)
{
    unsigned n = configured ? configured : default_workers();
    parcint_worker **table = calloc(n, sizeof *table);
    parcint_worker *block = aligned_alloc(PARCINT_LINE, n * sizeof *block);
    if (!table || !block) {
        free(table);
        free(block);
        return ENOMEM;
    }
    memset(block, 0, n * sizeof *block);
    for (unsigned i = 0; i < n; i++) {
        table[i] = &block[i];
        block[i].id = i;
        block[i].rng = 0x9e3779b97f4a7c15ull * (i + 1);
    }
    int err = parcint_deque_init(&block[0], PARCINT_DEQUE_SLOTS);
    if (err) {
        free(table);
        free(block);
        return err;
    }
    workers = table;
    nworkers = n;
    pin_workers = parcint_env_ulong("PARC_PIN", 0) != 0;
    parcint_stats_init();
    master = pthread_self();
    parcint_self = &block[0].hot;
    if (pin_workers)
        parcint_pin_self(0);
    /* release: workers (and any thread that later reads started) see the
     * table, the configuration and the hooks. */
    atomic_store_explicit(&started, 1, memory_order_release);
    if (n > 1) {
        err = pthread_create(&block[1].thread, NULL, worker_main, &block[1]);
        if (err)
            /* Worker 0 alone still runs the program correctly. */
            fprintf(stderr, "parc: cannot start workers: %s\n", strerror(err));
        else
            block[1].has_thread = 1;
    }
    atexit(shutdown_runtime);
    return 0;
}

parcint_worker *parcint_adopt(void)
{
    parcint_worker *me = NULL;
    pthread_mutex_lock(&start_lock);
    if (!parcint_started() && start_locked() == 0)
        me = workers[0];
    pthread_mutex_unlock(&start_lock);
    return me;
}

int parc_start(void)
{
    if (parcint_current())
        return 0;
    pthread_mutex_lock(&start_lock);
    int err = parcint_started() ? EBUSY : start_locked();
    pthread_mutex_unlock(&start_lock);
    return err;
}

static void shutdown_runtime(void)
{
    /* Worker 0's thread, or a thread that is no worker (worker 0's thread may
     * have ended before the program): either can wait for the workers. A
     * worker other than 0 calling exit cannot join worker 1, which may be
     * joining it. */
    int may_join = pthread_equal(pthread_self(), master) || !parcint_current();
    /* Dropped futures still run (their effects may be observed): the exiting
     * thread runs what is queued, with the workers' help. */
    if (may_join)
        parcint_future_drain(workers[0]);
    atomic_store_explicit(&stopping, 1, memory_order_relaxed);
    wake_all();
    if (!may_join)
        return;
    if (nworkers > 1)
        join_worker(workers[1]);
    parcint_stats_report(workers, nworkers);
}
