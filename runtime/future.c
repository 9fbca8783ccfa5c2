/* future.c: reference-counted futures, eager or lazy, joinable in any order.
 *
 * A future's life is a state machine advanced by CAS, so that exactly one
 * thread runs each call however many threads race to start it:
 *
 *     LAZY --par/drop--> QUEUED --claim--> RUNNING --> DONE
 *       \-----------------claim---------/
 *     LAZY, QUEUED --last handle of a pure call dropped--> CANCELLED
 *
 * "claim" is whoever gets there first: a worker taking the future from the
 * queue, or a thread that joins or needs it (it then runs the call itself, as
 * a plain call: the lazy future's need). A thread that finds the call RUNNING
 * helps the worker running it by stealing from that worker's deque (only its
 * frames, which belong to the call or to other work that runner owns), and
 * otherwise waits on a futex on the state word.
 *
 * References: every handle, every queue entry and the runner hold one; the
 * future is freed when the last goes. Handles are cells from a pool that is
 * never returned to malloc, each with a generation number: a handle (cell,
 * gen) whose gen no longer matches was consumed, so a join after a drop or a
 * second join is detected and reported instead of touching freed memory.
 *
 * Queue: one FIFO shared by all workers, under a mutex. Futures are coarse
 * (they cost a malloc each); the strict fork/join path never touches this.
 */
#define _GNU_SOURCE
#include "future.h"

#include "deque.h"
#include "diag.h"
#include "hooks.h"
#include "layout.h"
#include "platform.h"
#include "pool.h"
#include "request.h"
#include "roots.h"
#include "sched.h"

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <sched.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

/* PROMISED: a process's reply, made DONE by parcint_promise_fulfill; no
 * thread can claim it (docs/processes.md). */
enum { LAZY, QUEUED, RUNNING, DONE, CANCELLED, PROMISED };

/* waitq once the future is DONE: later waits find it closed. */
#define WAITQ_CLOSED ((struct parcint_fwait *)1)

struct future {
    _Atomic uint32_t state;
    _Atomic uint32_t refs;    /* handles + queue entries + the runner */
    _Atomic uint32_t handles; /* live handles only: decides cancellation */
    _Atomic uint32_t waiters; /* threads asleep on state */
    _Atomic int runner;       /* worker id running the call, or -1 */
    unsigned flags;
    /* value is a struct parcint_held (layout.h): each join gets a copy of
     * the held graph in the joiner's heap (parcint_promise_fulfill_copy);
     * written before DONE, read after. */
    unsigned copy_value;
    parc_future_fn fn;
    /* arg and value, adjacent, are one root region of the collector while
     * the future lives (parc pointers among them stay alive, docs/heap.md). */
    void *arg;
    void *value; /* written by the runner before the release store of DONE */
    /* The task heap the call left (it runs in a fresh one), handed to the
     * task that consumes the last handle; CONSUMED when that came first. */
    _Atomic(void *) heap;
    struct parcint_root root; /* [arg, value] while the future lives */
    struct future *next;      /* queue link, under queue_lock */
    /* Callbacks waiting for DONE (a Treiber stack), WAITQ_CLOSED after. */
    _Atomic(struct parcint_fwait *) waitq;
};

struct parcint_fcell {
    _Atomic uint64_t gen; /* odd: live handle; even: free */
    _Atomic(struct future *) fut;
    struct parcint_fcell *next_free; /* under cell_lock */
};

/* ---- handle cells ---- */

#define CELL_CHUNK 256
static pthread_mutex_t cell_lock = PTHREAD_MUTEX_INITIALIZER;
static struct parcint_fcell *free_cells;

static struct parcint_fcell *cell_get(void)
{
    pthread_mutex_lock(&cell_lock);
    if (!free_cells) {
        struct parcint_fcell *chunk = calloc(CELL_CHUNK, sizeof *chunk);
        if (!chunk) {
            pthread_mutex_unlock(&cell_lock);
            return NULL;
        }
        for (int i = 0; i < CELL_CHUNK; i++) {
            chunk[i].next_free = free_cells;
            free_cells = &chunk[i];
        }
    }
    struct parcint_fcell *c = free_cells;
    free_cells = c->next_free;
    pthread_mutex_unlock(&cell_lock);
    return c;
}

static void cell_put(struct parcint_fcell *c)
{
    pthread_mutex_lock(&cell_lock);
    c->next_free = free_cells;
    free_cells = c;
    pthread_mutex_unlock(&cell_lock);
}

static int handle_new(parc_future *out, struct future *fut)
{
    struct parcint_fcell *c = cell_get();
    if (!c)
        return ENOMEM;
    /* relaxed: the cell reaches other threads only through the handle value,
     * which the program passes with its own synchronization. */
    atomic_store_explicit(&c->fut, fut, memory_order_relaxed);
    uint64_t g = atomic_load_explicit(&c->gen, memory_order_relaxed) + 1;
    atomic_store_explicit(&c->gen, g, memory_order_relaxed);
    out->cell = c;
    out->gen = g;
    return 0;
}

/* The future behind a live handle, or NULL after a complaint. */
static struct future *handle_peek(const parc_future *h, const char *call)
{
    if (!h || !h->cell) {
        parcint_complain(EINVAL, call, "null future handle");
        return NULL;
    }
    /* acquire: pairs with nothing stronger than the program's own handover
     * of the handle; the generation test is what matters. */
    if (atomic_load_explicit(&h->cell->gen, memory_order_acquire) != h->gen) {
        parcint_complain(EINVAL, call,
                         "handle was already joined or dropped");
        return NULL;
    }
    return atomic_load_explicit(&h->cell->fut, memory_order_relaxed);
}

/* Consumes a live handle: exactly one of several racing consumers wins. */
static struct future *handle_take(parc_future *h, const char *call)
{
    if (!h || !h->cell) {
        parcint_complain(EINVAL, call, "null future handle");
        return NULL;
    }
    uint64_t g = h->gen;
    struct future *fut =
        atomic_load_explicit(&h->cell->fut, memory_order_relaxed);
    /* acq_rel: the winner owns the cell from here (acquire) and its earlier
     * reads of the cell precede the cell's reuse by whoever takes it from the
     * pool next (release). */
    if (!atomic_compare_exchange_strong_explicit(&h->cell->gen, &g, g + 1,
                                                 memory_order_acq_rel,
                                                 memory_order_relaxed)) {
        parcint_complain(EINVAL, call, "handle was already joined or dropped");
        return NULL;
    }
    cell_put(h->cell);
    return fut;
}

/* ---- references ---- */

static void fut_release(struct future *fut)
{
    /* acq_rel: the last releaser sees every other holder's writes before it
     * frees the object. */
    if (atomic_fetch_sub_explicit(&fut->refs, 1, memory_order_acq_rel) == 1) {
        parcint_root_unlink(&fut->root);
        if (fut->copy_value)
            free(fut->value);
        free(fut);
    }
}

/* ---- the queue ---- */

static pthread_mutex_t queue_lock = PTHREAD_MUTEX_INITIALIZER;
static struct future *queue_head, *queue_tail;
static _Atomic uint32_t queued; /* a count readable without the lock */

static void enqueue(struct future *fut)
{
    /* relaxed: the caller holds a reference, so refs cannot reach 0 here. */
    atomic_fetch_add_explicit(&fut->refs, 1, memory_order_relaxed);
    pthread_mutex_lock(&queue_lock);
    fut->next = NULL;
    if (queue_tail)
        queue_tail->next = fut;
    else
        queue_head = fut;
    queue_tail = fut;
    /* seq_cst: first half of the sleep protocol's publisher side, read by
     * future_pending in a sleeper's scan. */
    atomic_fetch_add_explicit(&queued, 1, memory_order_seq_cst);
    pthread_mutex_unlock(&queue_lock);
    parcint_wake_sleepers();
}

static struct future *dequeue(void)
{
    if (atomic_load_explicit(&queued, memory_order_relaxed) == 0)
        return NULL; /* a hint; the lock decides */
    pthread_mutex_lock(&queue_lock);
    struct future *fut = queue_head;
    if (fut) {
        queue_head = fut->next;
        if (!queue_head)
            queue_tail = NULL;
        atomic_fetch_sub_explicit(&queued, 1, memory_order_relaxed);
    }
    pthread_mutex_unlock(&queue_lock);
    return fut;
}

static int future_pending(parcint_worker *w)
{
    (void)w;
    return atomic_load_explicit(&queued, memory_order_seq_cst) != 0;
}

/* ---- running ---- */

/* After the release of DONE: runs the callbacks registered so far and closes
 * the stack against later ones (parcint_future_wait_async). */
static void run_waits(struct future *fut)
{
    /* acq_rel: acquire the registrants' nodes (their release push);
     * release DONE to a registrant that then finds the stack closed. */
    struct parcint_fwait *w = atomic_exchange_explicit(
        &fut->waitq, WAITQ_CLOSED, memory_order_acq_rel);
    while (w) {
        struct parcint_fwait *next = w->next;
        w->fn(w);
        w = next;
    }
}

static int try_claim(struct future *fut)
{
    /* acquire: the claimer reads fn and arg written before the state was
     * published (by the creator's own handover of the handle or the queue
     * lock). */
    uint32_t s = atomic_load_explicit(&fut->state, memory_order_acquire);
    while (s == LAZY || s == QUEUED)
        if (atomic_compare_exchange_weak_explicit(&fut->state, &s, RUNNING,
                                                  memory_order_acquire,
                                                  memory_order_acquire))
            return 1;
    return 0;
}

/* fut->heap once the last handle is gone (any address that is not a heap). */
static char consumed_marker;
#define CONSUMED ((void *)&consumed_marker)

/* The last handle is gone: its consumer's task takes the call's heap, or
 * leaves it to the runner if the call has not finished. */
static void take_heap(struct future *fut)
{
    /* acq_rel: acquire pairs with the runner's exchange (its heap's
     * contents); release lets a runner that comes later see CONSUMED. */
    void *h = atomic_exchange_explicit(&fut->heap, CONSUMED,
                                       memory_order_acq_rel);
    if (h != CONSUMED)
        parcint_run_adopt_hooks(h, PARCINT_ADOPT_FUTURE);
}

static void run_claimed(struct future *fut)
{
    parcint_worker *w = parcint_current();
    /* relaxed: a hint for helpers choosing whom to steal from. */
    atomic_store_explicit(&fut->runner, w ? (int)w->id : -1,
                          memory_order_relaxed);
    if (w)
        w->futures_run++;
    /* The call is a task of its own, in a fresh heap (docs/heap.md). */
    struct parcint_task_save saved;
    parcint_task_enter(&saved);
    fut->value = fut->fn(fut->arg);
    void *mine = parcint_task_leave(&saved);
    /* acq_rel: release hands the heap to the consumer's acquire in
     * take_heap; acquire, when the consumer came first, orders its CONSUMED
     * before our adopting the heap ourselves. */
    if (atomic_exchange_explicit(&fut->heap, mine, memory_order_acq_rel) ==
        CONSUMED)
        parcint_run_adopt_hooks(mine, PARCINT_ADOPT_FUTURE);
    /* seq_cst: release for the value (pairs with the acquire loads in
     * wait_done), and ordered before the load of waiters against a waiter's
     * seq_cst increment followed by its load of state (no lost wake-up). */
    atomic_store_explicit(&fut->state, DONE, memory_order_seq_cst);
    if (atomic_load_explicit(&fut->waiters, memory_order_seq_cst))
        parcint_futex_wake(&fut->state, INT_MAX);
    run_waits(fut);
}

static int future_run_one(parcint_worker *w)
{
    (void)w;
    struct future *fut = dequeue();
    if (!fut)
        return 0;
    int ran = try_claim(fut);
    if (ran)
        run_claimed(fut);
    fut_release(fut);
    return ran;
}

static void future_drain(parcint_worker *w)
{
    while (atomic_load_explicit(&queued, memory_order_relaxed))
        future_run_one(w);
}

/* Returns nonzero if this call moved fut from LAZY to QUEUED. */
static int upgrade(struct future *fut)
{
    uint32_t s = LAZY;
    /* acq_rel: the queue entry is published under the queue lock; the CAS
     * only decides who enqueues. */
    if (!atomic_compare_exchange_strong_explicit(&fut->state, &s, QUEUED,
                                                 memory_order_acq_rel,
                                                 memory_order_relaxed))
        return 0;
    enqueue(fut);
    return 1;
}

/* ---- lazy futures upgraded on demand ----
 *
 * Seed 000's lazy futures "can be upgraded to parallel", and issue 6 asks
 * that this be the mechanism that promotes clones' loops: a worker that a
 * thief asks for work (PARCINT_SIG_SHARE, answered at the poll points:
 * forks, parc_poll, joins that wait, clones' loop entries) first publishes
 * a private frame, then promotes a clone's oldest loop (promote.c), and
 * last, here, upgrades the oldest lazy future it made that nobody has
 * started: the thief then finds it in the queue. Oldest first, as for the
 * loops: the earliest made is the one its creator will need last.
 *
 * Each worker lists its lazy futures (worker.h's lazies, owner-only, plain)
 * with a reference each, so that a listed future is never freed under it.
 * Entries no longer LAZY (joined, needed, dropped, upgraded by a thief's
 * request or parc_future_par) are let go at the owner's next lazy
 * creation, consumption on its own thread, or request. */

/* Lets go of the entries of w that are no longer lazy, keeping the order. */
static void lazies_prune(parcint_worker *w)
{
    unsigned k = 0;
    for (unsigned i = 0; i < w->nlazies; i++) {
        struct future *fut = w->lazies[i];
        /* relaxed: a hint; an entry that leaves LAZY just after is let go
         * next time, and the reference keeps it valid meanwhile. */
        if (atomic_load_explicit(&fut->state, memory_order_relaxed) == LAZY)
            w->lazies[k++] = fut;
        else
            fut_release(fut);
    }
    w->nlazies = k;
}

/* A lazy future made on worker w: listed, if there is room. */
static void lazies_add(parcint_worker *w, struct future *fut)
{
    lazies_prune(w);
    if (w->nlazies == PARCINT_LAZIES)
        return; /* stays lazy: needed, joined or par'd as before */
    /* relaxed: the caller's handle keeps refs above zero. */
    atomic_fetch_add_explicit(&fut->refs, 1, memory_order_relaxed);
    w->lazies[w->nlazies++] = fut;
}

/* After a consumption on this thread: its entry, if any, goes. */
static void lazies_settle(void)
{
    parcint_worker *w = parcint_current();
    if (w && w->nlazies)
        lazies_prune(w);
}

/* The share hook: upgrades w's oldest lazy future. */
static int lazies_share(parcint_worker *w)
{
    int upgraded = 0;
    for (unsigned i = 0; i < w->nlazies && !upgraded; i++)
        upgraded = upgrade(w->lazies[i]);
    w->lazies_upgraded += (unsigned)upgraded;
    /* The queue holds its own reference to the upgraded one, which is no
     * longer LAZY: the prune lets ours go with the others'. */
    lazies_prune(w);
    return upgraded;
}

/* Before main, hence before the runtime starts (hooks are fixed then). */
__attribute__((constructor)) static void plug_into_scheduler(void)
{
    if (parcint_hook_work(future_run_one, future_pending) ||
        parcint_hook_exit(future_drain) || parcint_hook_share(lazies_share))
        parcint_misuse("libparc", "cannot register the futures' queue");
}

/* Returns once fut is DONE, having run it here if nobody had started it. */
static void wait_done(struct future *fut)
{
    unsigned spins = 0;
    for (;;) {
        uint32_t s = atomic_load_explicit(&fut->state, memory_order_acquire);
        if (s == DONE)
            return;
        if (try_claim(fut)) {
            run_claimed(fut);
            return;
        }
        parcint_worker *w = parcint_current();
        int r = atomic_load_explicit(&fut->runner, memory_order_relaxed);
        if (w && r >= 0 && (unsigned)r != w->id &&
            parcint_help(w, parcint_worker_by_id((unsigned)r))) {
            spins = 0;
            continue;
        }
        /* A reply: the step that makes it runs on whichever worker takes
         * its process, possibly this one (at one worker, only this one);
         * a thread that is not a worker helps too (hooks.h). */
        if (s == PROMISED && parcint_run_work_hooks(w)) {
            spins = 0;
            continue;
        }
        /* PARC_STEAL=request: do not sleep while answers are due
         * (future_nested_in_futures hung so at 16 workers): a frame an
         * answer brings must reach the inbox, where its owner takes it back
         * if it waits for it (request.c). Not run here: it may join this
         * very future, whose runner may be below us on this stack. */
        if (w && parcint_steal_mode == PARCINT_STEAL_REQUEST &&
            parcint_request_due(w)) {
            parc_poll();
            sched_yield(); /* oversubscribed: let the victims run */
            continue;
        }
        if (w)
            parc_poll();
        if (++spins < 256) {
            parcint_cpu_relax();
            continue;
        }
        /* Sleep until the runner is done. Neither a timed wait nor a
         * sched_yield first: on Linux 6.x either makes the wake-up some 4 ms
         * late (pool.c). seq_cst: pairs with run_claimed (see there), so the
         * runner either sees us waiting or we see its DONE. */
        atomic_fetch_add_explicit(&fut->waiters, 1, memory_order_seq_cst);
        s = atomic_load_explicit(&fut->state, memory_order_seq_cst);
        /* A worker waiting for a reply wakes every millisecond to look for
         * process work again: at one worker nobody else would run it when
         * a thread that is not a worker sends it. */
        if (s == RUNNING || s == PROMISED)
            parcint_futex_wait(&fut->state, s,
                               s == PROMISED && w ? 1000000 : 0);
        atomic_fetch_sub_explicit(&fut->waiters, 1, memory_order_relaxed);
    }
}

/* ---- the API ---- */

/* A future in state with refs references, one of them the handle made in
 * *out; its argument and value words (a reply may be a parc pointer) are a
 * root region until it is freed. Returns 0, or ENOMEM with nothing made. */
static int fut_new(parc_future *out, uint32_t state, uint32_t refs,
                   parc_future_fn fn, void *arg, unsigned flags,
                   struct future **made)
{
    struct future *fut = malloc(sizeof *fut);
    if (!fut)
        return ENOMEM;
    atomic_init(&fut->state, state);
    atomic_init(&fut->refs, refs);
    atomic_init(&fut->handles, 1);
    atomic_init(&fut->waiters, 0);
    atomic_init(&fut->runner, -1);
    fut->flags = flags;
    fut->copy_value = 0;
    fut->fn = fn;
    fut->arg = arg;
    fut->value = NULL;
    atomic_init(&fut->heap, NULL);
    atomic_init(&fut->waitq, NULL);
    _Static_assert(offsetof(struct future, value) ==
                       offsetof(struct future, arg) + sizeof(void *),
                   "arg and value form one root region");
    int err = handle_new(out, fut);
    if (err) {
        free(fut);
        return err;
    }
    parcint_root_link(&fut->root, &fut->arg, 2 * sizeof(void *));
    *made = fut;
    return 0;
}

static int create(parc_future *out, parc_future_fn fn, void *arg,
                  unsigned flags, int eager, const char *call)
{
    if (!out || !fn)
        return parcint_complain(EINVAL, call, "null %s",
                                out ? "function" : "handle pointer");
    if (flags & ~(unsigned)PARC_FUTURE_PURE)
        return parcint_complain(EINVAL, call, "unknown flags %#x", flags);
    /* Futures are work for the workers: start the runtime (the caller becomes
     * worker 0 if it is the first). */
    if (!parcint_current() && !parcint_started())
        parcint_adopt();
    struct future *fut;
    int err = fut_new(out, eager ? QUEUED : LAZY, 1, fn, arg, flags, &fut);
    if (err)
        return err;
    if (eager) {
        enqueue(fut);
    } else {
        parcint_worker *w = parcint_current();
        if (w)
            lazies_add(w, fut);
    }
    return 0;
}

int parc_future_fork(parc_future *out, parc_future_fn fn, void *arg,
                     unsigned flags)
{
    return create(out, fn, arg, flags, 1, "parc_future_fork");
}

int parc_future_lazy(parc_future *out, parc_future_fn fn, void *arg,
                     unsigned flags)
{
    return create(out, fn, arg, flags, 0, "parc_future_lazy");
}

int parc_future_par(const parc_future *h)
{
    struct future *fut = handle_peek(h, "parc_future_par");
    if (!fut)
        return EINVAL;
    upgrade(fut);
    return 0;
}

int parc_future_need(const parc_future *h)
{
    struct future *fut = handle_peek(h, "parc_future_need");
    if (!fut)
        return EINVAL;
    wait_done(fut);
    lazies_settle();
    return 0;
}

int parc_future_ready(const parc_future *h)
{
    if (!h || !h->cell ||
        atomic_load_explicit(&h->cell->gen, memory_order_acquire) != h->gen)
        return 0;
    struct future *fut = atomic_load_explicit(&h->cell->fut, memory_order_relaxed);
    return atomic_load_explicit(&fut->state, memory_order_acquire) == DONE;
}

int parc_future_join(parc_future *h, void **value)
{
    struct future *fut = handle_take(h, "parc_future_join");
    if (!fut)
        return EINVAL;
    wait_done(fut);
    if (value)
        /* The copy is made while our reference still roots the value. */
        *value = fut->copy_value ? parcint_held_build(fut->value) : fut->value;
    /* relaxed: handles only decides cancellation, which needs a live
     * handle count of zero, and who takes the heap, which take_heap's own
     * exchange orders; this handle saw the call done. */
    if (atomic_fetch_sub_explicit(&fut->handles, 1, memory_order_relaxed) == 1)
        take_heap(fut);
    fut_release(fut);
    lazies_settle();
    return 0;
}

int parc_future_copy(const parc_future *h, parc_future *out)
{
    struct future *fut = handle_peek(h, "parc_future_copy");
    if (!fut)
        return EINVAL;
    if (!out)
        return parcint_complain(EINVAL, "parc_future_copy",
                                "null output handle");
    /* relaxed: the caller's handle keeps both counts above zero. */
    atomic_fetch_add_explicit(&fut->refs, 1, memory_order_relaxed);
    atomic_fetch_add_explicit(&fut->handles, 1, memory_order_relaxed);
    int err = handle_new(out, fut);
    if (err) {
        atomic_fetch_sub_explicit(&fut->handles, 1, memory_order_relaxed);
        fut_release(fut);
    }
    return err;
}

int parc_future_drop(parc_future *h)
{
    struct future *fut = handle_take(h, "parc_future_drop");
    if (!fut)
        return EINVAL;
    /* acq_rel: the last handle's owner decides the future's fate after every
     * other handle's operations. */
    if (atomic_fetch_sub_explicit(&fut->handles, 1, memory_order_acq_rel) == 1) {
        if (fut->flags & PARC_FUTURE_PURE) {
            /* Not started: nobody can observe it, so it need not run. */
            uint32_t s = atomic_load_explicit(&fut->state, memory_order_relaxed);
            while ((s == LAZY || s == QUEUED) &&
                   !atomic_compare_exchange_weak_explicit(
                       &fut->state, &s, CANCELLED, memory_order_acq_rel,
                       memory_order_relaxed))
                ;
        } else {
            /* Its effects may be observed: it must run even unjoined. */
            upgrade(fut);
        }
        take_heap(fut);
    }
    fut_release(fut);
    lazies_settle();
    return 0;
}

/* ---- replies of process functions (future.h) ---- */

struct parcint_promise *parcint_promise_new(parc_future *out)
{
    struct future *fut;
    /* refs: the handle and the promise. */
    if (fut_new(out, PROMISED, 2, NULL, NULL, 0, &fut))
        return NULL;
    return (struct parcint_promise *)fut;
}

void parcint_promise_fulfill(struct parcint_promise *p, void *value)
{
    struct future *fut = (struct future *)p;
    fut->value = value;
    /* seq_cst: as in run_claimed (the value's release, and no lost
     * wake-up against a joiner's seq_cst increment of waiters). */
    atomic_store_explicit(&fut->state, DONE, memory_order_seq_cst);
    if (atomic_load_explicit(&fut->waiters, memory_order_seq_cst))
        parcint_futex_wake(&fut->state, INT_MAX);
    run_waits(fut);
    fut_release(fut);
}

int parcint_promise_fulfill_copy(struct parcint_promise *p, const void *obj,
                                 const void **bad)
{
    struct future *fut = (struct future *)p;
    int err;
    struct parcint_held *g = parcint_held_make(obj, &err, bad);
    if (!g) {
        parcint_promise_fulfill(p, NULL);
        return err;
    }
    /* Plain: published with the value by the seq_cst store of DONE. */
    fut->copy_value = 1;
    parcint_promise_fulfill(p, g);
    return 0;
}

int parcint_future_live(const parc_future *h)
{
    /* acquire: as in handle_peek. */
    return h && h->cell &&
           atomic_load_explicit(&h->cell->gen, memory_order_acquire) == h->gen;
}

int parcint_future_wait_async(const parc_future *h, struct parcint_fwait *w)
{
    struct future *fut = handle_peek(h, "parc_proc_send_future");
    if (!fut)
        return EINVAL;
    upgrade(fut);
    /* acquire: a CLOSED stack means DONE was released before it. */
    struct parcint_fwait *top =
        atomic_load_explicit(&fut->waitq, memory_order_acquire);
    do {
        if (top == WAITQ_CLOSED)
            return 0;
        w->next = top;
        /* release: publishes w to run_waits' acquire exchange. */
    } while (!atomic_compare_exchange_weak_explicit(
        &fut->waitq, &top, w, memory_order_release, memory_order_acquire));
    return 1;
}
