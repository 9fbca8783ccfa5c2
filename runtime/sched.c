/* sched.c: the workers' threads, the run-and-steal loop, start and shutdown,
 * and the slow paths of the fork/join ABI.
 *
 * The first thread that forks (or calls parc_start) becomes worker 0; the
 * runtime then starts PARC_WORKERS - 1 more threads. An idle worker looks for
 * work in rounds (the work sources of hooks.h, futures' queue among them, then
 * a steal attempt on each other worker, starting at a random one), spins a
 * little, and finally sleeps (pool.c).
 *
 * The slow paths of the fork/join ABI start here too: they tell a worker from
 * a thread that is not one (which starts the runtime, or runs its forks in
 * place) and hand the worker's case to deque.c. pool.c holds the worker table
 * and the sleep protocol.
 */
#define _GNU_SOURCE
#include "sched.h"

#include "deque.h"
#include "diag.h"
#include "hooks.h"
#include "platform.h"
#include "pool.h"
#include "promote.h"
#include "request.h"
#include "scale.h"
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

/* The stand-in every thread points at until it becomes a worker. Its limit is
 * NULL, so parc_fork and parc_poll leave their fast paths at once, and the
 * slot below its head holds NULL, so parc_pop leaves its fast path too. */
static parc_frame *outsider_slots[1]; /* NULL: parc_pop's compare fails */
static parcint_worker outsider = {
    .hot = {.head = outsider_slots + 1,
            .split = outsider_slots + 1,
            .end = outsider_slots + 1,
            .limit = NULL,
            .signal = PARCINT_SIG_OUTSIDER},
    .id = (unsigned)-1,
};

__thread struct parcint_hot *parcint_self
    __attribute__((tls_model("initial-exec"))) = &outsider.hot;

static pthread_mutex_t start_lock = PTHREAD_MUTEX_INITIALIZER;
static unsigned configured;  /* parc_set_workers; 0: unset (under start_lock) */
static pthread_t master;
static int pin_workers;

/* PARC_LAZY_HOLD, k: a lazy fork runs its call at once in the callee's
 * clone only while its worker holds at least k frames no thief has taken,
 * forked by the activations above the forking one (parcint_deque_holds).
 * Written before the pool opens, read-only after. */
static unsigned lazy_hold = 1;
static int lazy_timed; /* PARC_STATS: time the pieces */

/* k = ceil(log2(n)): 1 up to 2 workers (the rule that reached serial speed
 * there), 2 at 4, 3 at 8, 4 at 16. A worker that runs a fresh subtree
 * publishes down its spine until it holds k frames, so the first piece it
 * runs in a clone is about 2^-(k+1) of the subtree in a balanced binary tree
 * (fib: phi^-(2k+1)), about 1/(2n) of it: enough pieces for n workers. A
 * larger k costs publications that grow like depth^(k+1)
 * (docs/deparallelization.md). */
static unsigned default_lazy_hold(unsigned n)
{
    unsigned k = 0;
    while (k < 31 && (1u << k) < n)
        k++;
    return k ? k : 1;
}

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
        return parcint_nworkers();
    pthread_mutex_lock(&start_lock);
    unsigned n = configured ? configured : default_workers();
    pthread_mutex_unlock(&start_lock);
    return n;
}

/* Reached only through a pointer: the plugin replaces each call it sees by
 * 1 or 0 (plugin/gcc-lower.cc), and without the plugin parc.h's macro says
 * 1 (the parentheses keep that macro off this definition). A caller through
 * a pointer may be any function, so it is not known to run sequentially. */
int(parc_sequential)(void)
{
    return 0;
}

int parc_worker_id(void)
{
    parcint_worker *w = parcint_current();
    return w ? (int)w->id : -1;
}

/* One round of looking for work. Returns nonzero if it ran something. */
static int find_work(parcint_worker *w)
{
    parc_poll();
    if (parcint_run_work_hooks(w))
        return 1;
    /* PARC_STEAL=request: ask for work by message instead (request.c). */
    if (parcint_steal_mode == PARCINT_STEAL_REQUEST)
        return parcint_request_work(w);
    unsigned n = parcint_nworkers();
    if (n < 2)
        return 0;
    unsigned start = (unsigned)(parcint_rand(w) % n);
    for (unsigned k = 0; k < n; k++) {
        unsigned v = (start + k) % n;
        if (v == w->id)
            continue;
        parcint_stolen f;
        parcint_worker *victim = parcint_worker_by_id(v);
        parcint_steal_result r = parcint_steal(w, victim, &f);
        if (r == PARCINT_STEAL_TAKEN) {
            parcint_set_hungry(w, 0);
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
    if (parcint_work_pending(w))
        return 1;
    for (unsigned v = 0; v < parcint_nworkers(); v++) {
        if (v == w->id)
            continue;
        parcint_worker *victim = parcint_worker_by_id(v);
        if (parcint_deque_has_public(victim, memory_order_seq_cst))
            return 1;
        /* Not parcint_request_share: its test of the bit may see a request
         * that the owner is clearing at this moment, and the last request
         * before sleeping must not be lost. */
        parcint_signal(victim, PARCINT_SIG_SHARE);
    }
    return 0;
}

static void idle_loop(parcint_worker *w)
{
    unsigned fails = 0;
    uint64_t since = parcint_now_ns();
    while (!parcint_stopping()) {
        if (find_work(w)) {
            parcint_set_hungry(w, 0); /* work hooks ran something */
            fails = 0;
            since = parcint_now_ns();
            continue;
        }
        parcint_set_hungry(w, 1);
        uint64_t now = parcint_now_ns();
        w->idle_ns += now - since;
        since = now;
        if (++fails < PARCINT_SPIN_ROUNDS)
            for (int i = 0; i < 4; i++)
                parcint_cpu_relax();
        else if (parcint_sleep(w, work_visible))
            w->sleeps++;
    }
    parcint_set_hungry(w, 0);
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
    for (unsigned i = 2; i < parcint_nworkers(); i++) {
        parcint_worker *w = parcint_worker_by_id(i);
        int err = pthread_create(&w->thread, NULL, worker_main, w);
        if (err)
            fprintf(stderr, "parc: cannot start worker %u: %s\n", i,
                    strerror(err));
        else
            w->has_thread = 1;
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
    parcint_deque_serve(w);
    if (w->id == 1)
        spawn_rest();
    /* Sleep first, unless work is already there: a new thread that spins at
     * once can hold up the thread that created it (worker 0 inside its first
     * fork) for hundreds of microseconds on a small machine, while waking it
     * for the first published frame costs some 15 us. */
    parcint_set_hungry(w, 1);
    parcint_sleep(w, work_visible);
    idle_loop(w);
    if (w->id == 1)
        for (unsigned i = 2; i < parcint_nworkers(); i++)
            join_worker(parcint_worker_by_id(i));
    return NULL;
}

static void shutdown_runtime(void);

/* Under start_lock, runtime not started: start it with the caller as worker 0. */
static int start_locked(void)
{
    parcint_scale_init();
    /* PARC_SCALE=1 measures the program's parallelism on one worker. */
    unsigned n = parcint_scale_enabled() ? 1
                 : configured ? configured : default_workers();
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
    if (parcint_scale_enabled() && (err = parcint_scale_start(&block[0]))) {
        parcint_deque_fini(&block[0]);
        free(table);
        free(block);
        return err;
    }
    pin_workers = parcint_env_ulong("PARC_PIN", 0) != 0;
    parcint_stats_init();
    lazy_timed = parcint_stats_enabled();
    lazy_hold = (unsigned)parcint_env_ulong("PARC_LAZY_HOLD",
                                            default_lazy_hold(n));
    if (lazy_hold == 0)
        lazy_hold = 1;
    master = pthread_self();
    parcint_self = &block[0].hot;
    if (pin_workers)
        parcint_pin_self(0);
    /* Workers (and any thread that later sees the runtime started) see the
     * table, the configuration and the hooks. */
    parcint_pool_open(table, n);
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
        me = parcint_worker_by_id(0);
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
        parcint_run_exit_hooks(parcint_worker_by_id(0));
    parcint_pool_stop();
    if (!may_join)
        return;
    if (parcint_nworkers() > 1)
        join_worker(parcint_worker_by_id(1));
    parcint_stats_report(lazy_hold);
    parcint_scale_report();
}

/* ---- The slow paths of the fork/join ABI (parc.h) ------------------------- */

void parcint_fork_slow(struct parcint_hot *hot, parc_frame *f)
{
    parcint_worker *w = parcint_current();
    if (w && parcint_scale_enabled()) {
        parcint_scale_fork(w, f);
        return;
    }
    if (w) {
        parcint_deque_fork_slow(w, f);
        return;
    }
    if (parcint_adopt()) {
        parc_fork(f, f->fn);
        return;
    }
    /* The runtime runs with another thread as worker 0: run the call in
     * place, as its serial elision would; the pop then returns 0. */
    (void)hot;
    parcint_stats_outsider_fork();
    parcint_run_in_place(f);
}

int parcint_pop_slow(struct parcint_hot *hot, parc_frame *f)
{
    (void)hot;
    if (parcint_ran_in_place(f))
        return 0;
    parcint_worker *w = parcint_current();
    if (!w)
        parcint_misuse("parc_pop",
                       "frame %p was not forked by this thread (which is not a "
                       "worker: its forks run in place)",
                       (void *)f);
    if (parcint_scale_enabled())
        return parcint_scale_pop(w, f);
    return parcint_deque_pop_slow(w, f);
}


int parcint_lazy_now(struct parcint_hot *hot, const parc_frame *f)
{
    (void)hot;
    parcint_worker *w = parcint_current();
    /* PARC_SCALE measures the forks the program expresses: all real. */
    if (!w || parcint_scale_enabled() ||
        !parcint_deque_holds(w, f, lazy_hold))
        return 0;
    parcint_lroom = PARCINT_LROOM; /* a piece starts: its outer loops are
                                      recorded */
    return 1 + lazy_timed;
}

void parcint_lazy_timed(parc_frame *f, parc_thunk seq)
{
    /* A clone runs on the thread that started it and forks nothing itself
     * (a parallel function it reaches through a pointer times its own
     * pieces inside this one, which then count twice). */
    parcint_worker *w = parcint_current();
    uint64_t skip = w ? w->piece_skip_ns : 0;
    uint64_t t0 = parcint_stats_cpu_ns();
    seq(f);
    /* Less the joins of parts its loops promoted (promote.c): those parts
     * are pieces of their own, or waiting. */
    if (w)
        parcint_stats_piece(w, parcint_stats_cpu_ns() - t0 -
                                   (w->piece_skip_ns - skip));
}

void parcint_fork_public(struct parcint_hot *hot, parc_frame *f,
                         parc_thunk fn)
{
    (void)hot;
    parc_fork(f, fn);
    parcint_worker *w = parcint_current();
    if (w && !parcint_scale_enabled())
        parcint_deque_publish_now(w);
}

void parcint_poll_slow(struct parcint_hot *hot)
{
    (void)hot;
    parcint_worker *w = parcint_current();
    if (w && !parcint_scale_enabled()) /* its limit stays NULL */
        parcint_deque_serve(w);
}
