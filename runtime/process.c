/* process.c: process functions, N:M on the workers (docs/processes.md).
 *
 * A send: (1) the sender adds one to the count in the scheduling word with a
 * CAS (an ordinary sender that finds the queue full helps instead, until
 * there is room; an actor overflows it and will be muted); (2) pushes the
 * message on the mailbox (mailbox.h); (3) if its CAS made the process active
 * it puts it in a ready queue: the next slot of its own worker when it is a
 * step (the woken process runs right after it, on the same worker), its
 * worker's ring otherwise, the shared list from a thread that is not a
 * worker (ready.h).
 *
 * A turn: a worker takes a process from a ready queue (the work hook of
 * hooks.h) and runs up to batch steps, in mailbox order. It then subtracts
 * what it finished from the count, in one operation that also mutes it when
 * a step sent to a full queue (unless it is itself full: an overloaded
 * process is never muted, so a cycle of full actors keeps running). If
 * messages are left it goes to the back of the worker's ring. If the count
 * fell below capacity, the actors muted on it are unmuted. A message that
 * is a future not ready yet parks the process on that future's wait stack,
 * which requeues it when the value is made.
 *
 * Counting before pushing keeps the count an upper bound of the messages in
 * the mailbox: a runner that finds the mailbox empty (or cut by a sender
 * between its exchange and its link) while the count says otherwise keeps
 * the process active and comes back.
 */
#define _GNU_SOURCE
#include "process.h"

#include "diag.h"
#include "heap.h"
#include "hooks.h"
#include "pin.h"
#include "platform.h"
#include "pool.h"
#include "sched.h"
#include "slab.h"

#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stddef.h>
#include <stdio.h>

enum { MSG_FUTURE = 1u << 0 };
#define NO_WORKER 0xffffu

/* A message, or (on a receiver's waiters stack) a muted actor: msg is the
 * process, aux its generation. */
struct parcint_msg {
    struct parcint_mlink link; /* first: the mailbox hands out links */
    void *msg;                 /* the payload; a future's cell */
    uint64_t aux;              /* a future message's handle generation */
    struct parcint_promise *reply;
    struct parcint_pin *pin; /* the payload's pin in its sender's heap */
    uint32_t sender; /* worker id, NO_WORKER from other threads */
    uint32_t flags;
};

static parcint_slab proc_slab = PARCINT_SLAB_INIT(sizeof(struct parcint_proc));
static parcint_slab msg_slab = PARCINT_SLAB_INIT(
    (sizeof(struct parcint_msg) + 15) / 16 * 16);

#define TLS __thread __attribute__((tls_model("initial-exec")))
static TLS parcint_slab_cache proc_cache, msg_cache;

/* What the step running on this thread is doing. It lives in run_turn's
 * frame, so the collector, which scans the stack, sees state: the root of
 * the process's heap while a step runs or the heap is collected between
 * steps (docs/processes.md, "Process heaps"). */
struct step_ctx {
    struct parcint_proc *proc;
    void *state;                  /* p->state, set by parc_proc_state_set */
    struct parcint_msg *msg;      /* its message (forward takes the reply) */
    struct parcint_proc *mute_on; /* a receiver whose queue it found full */
    uint64_t mute_gen;
};
static TLS struct step_ctx *ctx;

/* Processes parked on a future: the exit drain waits for them. seq_cst: read
 * with the ready queues' seq_cst loads in the drain. */
static _Atomic uint32_t parked_total;

/* Process heaps that exist, and the chunks they hold (parc_proc_heaps_get):
 * counted by each runner before each reply it gives (count_heap), at the
 * end of each turn, and at reclaim. relaxed: statistics, read as a
 * snapshot; a joiner of a reply still reads what the step counted, since
 * the counting is sequenced before the reply's release. */
static _Atomic uint64_t heaps_live, heap_chunks;

/* What of a turn's heap is counted in heaps_live and heap_chunks. */
struct heap_count {
    int counted;   /* the heap is in heaps_live */
    size_t chunks; /* its chunks in heap_chunks */
};

/* Brings the counters up to date with heap (the turn's heap, once the
 * first allocation made it). Done before each reply as well as at the end
 * of the turn: a runner preempted between a reply and the turn's end would
 * otherwise leave the counters short of what the replied step allocated. */
static void count_heap(void *heap, struct heap_count *hc)
{
    /* relaxed: statistics (see heaps_live). */
    if (!hc->counted) {
        hc->counted = 1;
        atomic_fetch_add_explicit(&heaps_live, 1, memory_order_relaxed);
    }
    size_t n = parcint_heap_chunks(heap);
    if (n != hc->chunks) {
        /* A wrapping add subtracts what a collection gave back. */
        atomic_fetch_add_explicit(&heap_chunks, (uint64_t)(n - hc->chunks),
                                  memory_order_relaxed);
        hc->chunks = n;
    }
}

static inline uint64_t count_of(uint64_t s) { return s >> 2; }
static inline int active(uint64_t s)
{
    return count_of(s) > 0 && !(s & PARCINT_PROC_MUTED);
}

static struct parcint_mailbox box(struct parcint_proc *p)
{
    return (struct parcint_mailbox){&p->box_head, &p->box_tail, &p->box_stub};
}

/* relaxed: see process.h. */
static inline uint32_t cap_of(struct parcint_proc *p)
{
    return atomic_load_explicit(&p->capacity, memory_order_relaxed);
}

static struct parcint_proc *of_link(struct parcint_ready_link *l)
{
    return (struct parcint_proc *)((char *)l -
                                   offsetof(struct parcint_proc, ready));
}

/* The process behind a handle, or NULL after a complaint (*err set). */
static struct parcint_proc *live(const parc_proc *h, const char *call,
                                 int *err)
{
    if (!h || !h->p) {
        *err = parcint_complain(EINVAL, call, "null process handle");
        return NULL;
    }
    /* acquire: pairs with the release increment at the last drop; a handle
     * whose generation no longer matches names a process that is gone (its
     * memory is still a process slot: slab.h). */
    if (atomic_load_explicit(&h->p->gen, memory_order_acquire) != h->gen) {
        *err = parcint_complain(ESRCH, call,
                                "the process no longer exists (its last "
                                "handle was dropped)");
        return NULL;
    }
    return h->p;
}

static void schedule(struct parcint_proc *p, int in_step)
{
    parcint_ready_push(parcint_current(), &p->ready, in_step);
}

static void reclaim(struct parcint_proc *p);

/* Clears p's MUTED bit if p is still the incarnation gen, and schedules it
 * when that makes it active. Several unmuters may race: the CAS picks one. */
static void unmute(struct parcint_proc *p, uint64_t gen)
{
    /* relaxed: only narrows a spurious unmute of a later incarnation, which
     * would be harmless anyway (it runs, finds its receiver full, mutes). */
    if (atomic_load_explicit(&p->gen, memory_order_relaxed) != gen)
        return;
    uint64_t old = atomic_load_explicit(&p->sched, memory_order_relaxed), new;
    do {
        if (!(old & PARCINT_PROC_MUTED))
            return;
        new = old & ~PARCINT_PROC_MUTED;
        /* acq_rel: whoever schedules p next runs after the muting runner's
         * writes (acquire), and hands ours on (release). */
    } while (!atomic_compare_exchange_weak_explicit(
        &p->sched, &old, new, memory_order_acq_rel, memory_order_relaxed));
    if (active(new))
        schedule(p, 0);
}

/* Unmutes every actor muted on r (r's count just fell below capacity). */
static void unmute_waiters(struct parcint_proc *r)
{
    /* seq_cst: after the seq_cst update of r's count, against the muting
     * actor's seq_cst push then load of r's count (finish_muted): either
     * we see its node or it sees r below capacity. */
    if (!atomic_load_explicit(&r->waiters, memory_order_seq_cst))
        return;
    /* acquire: the nodes pushed with release. */
    struct parcint_msg *m =
        atomic_exchange_explicit(&r->waiters, NULL, memory_order_acquire);
    while (m) {
        /* relaxed: the exchange acquired the stack. */
        struct parcint_msg *next = (struct parcint_msg *)atomic_load_explicit(
            &m->link.next, memory_order_relaxed);
        unmute(m->msg, m->aux);
        parcint_slab_put(&msg_slab, &msg_cache, m);
        m = next;
    }
}

static void destroy_heap(struct parcint_proc *p)
{
    size_t n = parcint_heap_destroy(p->heap);
    p->heap = NULL;
    /* relaxed: statistics. */
    atomic_fetch_sub_explicit(&heap_chunks, n, memory_order_relaxed);
    atomic_fetch_sub_explicit(&heaps_live, 1, memory_order_relaxed);
}

/* ---- retired processes: reclaimed, with payloads of their heap still in
 * flight ----
 * Such a heap may not go before every receiver has returned from its step
 * (pin.h). The process, whose slot is not given back meanwhile, waits on
 * this list, linked through its ready link (it is in no ready queue any
 * more); a sweep destroys each heap whose pins are all released and gives
 * the slot back. Sweeps run at a retire and after every runner loop whose
 * turns released a pin (proc_run): every release happens in a turn, so the
 * last receiver's sweep finds its heap done (see retire). */
static pthread_mutex_t retired_lock = PTHREAD_MUTEX_INITIALIZER;
static struct parcint_ready_link *retired; /* under retired_lock */
/* Processes on the list; read without the lock to skip a sweep. */
static _Atomic uint32_t retired_n;

static void sweep_retired(void)
{
    struct parcint_ready_link *done = NULL, **at;
    pthread_mutex_lock(&retired_lock);
    at = &retired;
    while (*at) {
        struct parcint_proc *p = of_link(*at);
        if (parcint_pins_reap(p->heap)) {
            at = &(*at)->next;
            continue;
        }
        *at = p->ready.next;
        p->ready.next = done;
        done = &p->ready;
        /* relaxed: a hint for proc_run; the list is under the lock. */
        atomic_fetch_sub_explicit(&retired_n, 1, memory_order_relaxed);
    }
    pthread_mutex_unlock(&retired_lock);
    while (done) {
        struct parcint_proc *p = of_link(done);
        done = done->next;
        destroy_heap(p);
        parcint_slab_put(&proc_slab, &proc_cache, p);
    }
}

static void retire(struct parcint_proc *p)
{
    pthread_mutex_lock(&retired_lock);
    p->ready.next = retired;
    retired = &p->ready;
    pthread_mutex_unlock(&retired_lock);
    /* relaxed: ordered by the fence below. */
    atomic_fetch_add_explicit(&retired_n, 1, memory_order_relaxed);
    /* seq_cst fence: pairs with the one in proc_run, which a receiver runs
     * after its release stores of pins and before its load of retired_n.
     * Either our sweep below sees its pin released, or its load sees our
     * count and it sweeps itself (it waits for the lock if we are still
     * sweeping): the heap is never left on the list with every pin
     * released and nobody to sweep. */
    atomic_thread_fence(memory_order_seq_cst);
    sweep_retired();
}

static void reclaim(struct parcint_proc *p)
{
    if (p->fini)
        p->fini(p->state);
    /* The mailbox's first node: the last message, or the stub. */
    if (p->box_tail != &p->box_stub)
        parcint_slab_put(&msg_slab, &msg_cache, p->box_tail);
    unmute_waiters(p); /* a dead receiver holds nobody back */
    /* release: a later incarnation's generation; stale waiter nodes and
     * handles no longer match. */
    atomic_fetch_add_explicit(&p->gen, 1, memory_order_release);
    /* The heap goes with the process: the state was its only root between
     * steps, and no step will run again. fini ran first: the state may live
     * in it. Payloads it sent and nobody received yet keep it (and the
     * slot) until they are. */
    if (p->heap && parcint_pins_reap(p->heap)) {
        retire(p);
        return;
    }
    if (p->heap)
        destroy_heap(p);
    parcint_slab_put(&proc_slab, &proc_cache, p);
}

/* ---- running ---- */

static void resume(struct parcint_fwait *fw)
{
    struct parcint_proc *p =
        (struct parcint_proc *)((char *)fw -
                                offsetof(struct parcint_proc, fwait));
    schedule(p, 0);
    /* seq_cst: after the push (the drain reads the queues, then this). */
    atomic_fetch_sub_explicit(&parked_total, 1, memory_order_seq_cst);
}

/* p's batch stopped at a future message that is not ready: p stays owned
 * (the parked message is still counted) and passes to the future. */
static void finish_parked(struct parcint_proc *p, uint64_t done)
{
    uint32_t cap = cap_of(p);
    /* acq_rel: as in finish. */
    uint64_t old = atomic_fetch_sub_explicit(
        &p->sched, done * PARCINT_PROC_ONE, memory_order_acq_rel);
    if (count_of(old) - done < cap)
        unmute_waiters(p);
    atomic_fetch_add_explicit(&parked_total, 1, memory_order_seq_cst);
    struct parcint_msg *m = (struct parcint_msg *)p->box_tail;
    parc_future fh = {(struct parcint_fcell *)m->msg, m->aux};
    p->fwait.fn = resume;
    if (parcint_future_wait_async(&fh, &p->fwait) == 1)
        return; /* resume requeues it */
    /* Ready after all (or a bad handle, which the join reports): go on. */
    atomic_fetch_sub_explicit(&parked_total, 1, memory_order_seq_cst);
    parcint_ready_requeue(parcint_current(), &p->ready);
}

/* A step sent to a full queue: mute p unless p is full itself. */
static void finish_muted(struct parcint_proc *p, uint64_t done,
                         struct step_ctx *c, parcint_worker *w)
{
    struct parcint_proc *r = c->mute_on;
    uint32_t cap = cap_of(p);
    /* relaxed: a first guess for the CAS below, which decides. */
    uint64_t old = atomic_load_explicit(&p->sched, memory_order_relaxed), new;
    do {
        new = old - done * PARCINT_PROC_ONE;
        if (count_of(new) < cap)
            new |= PARCINT_PROC_MUTED;
        /* seq_cst: acq_rel as in finish, and ordered before our push on r's
         * waiters (see unmute_waiters). */
    } while (!atomic_compare_exchange_weak_explicit(
        &p->sched, &old, new, memory_order_seq_cst, memory_order_relaxed));
    uint64_t left = count_of(new);
    if (left < cap)
        unmute_waiters(p);
    if (left == 0 && (new & PARCINT_PROC_DROPPED)) {
        reclaim(p);
        return;
    }
    if (!(new & PARCINT_PROC_MUTED)) { /* overloaded: never muted */
        if (active(new))
            parcint_ready_requeue(w, &p->ready);
        return;
    }
    if (w)
        w->proc_mutes++;
    struct parcint_msg *m = parcint_slab_get(&msg_slab, &msg_cache);
    if (m) {
        m->msg = p;
        /* relaxed: our own field. */
        m->aux = atomic_load_explicit(&p->gen, memory_order_relaxed);
        struct parcint_msg *top =
            atomic_load_explicit(&r->waiters, memory_order_relaxed);
        do
            /* relaxed: published by the CAS. */
            atomic_store_explicit(&m->link.next, (struct parcint_mlink *)top,
                                  memory_order_relaxed);
        /* seq_cst: release of the node to unmute_waiters' exchange, and
         * before our load of r's count below (see unmute_waiters). */
        while (!atomic_compare_exchange_weak_explicit(
            &r->waiters, &top, m, memory_order_seq_cst,
            memory_order_relaxed));
    }
    /* seq_cst: see unmute_waiters. r drained already (or is gone, or we
     * had no memory for the node): unmute ourselves. */
    if (!m ||
        count_of(atomic_load_explicit(&r->sched, memory_order_seq_cst)) <
            cap_of(r) ||
        atomic_load_explicit(&r->gen, memory_order_seq_cst) != c->mute_gen)
        unmute(p, m ? m->aux : atomic_load_explicit(&p->gen,
                                                      memory_order_relaxed));
}

/* The end of a turn that ran done steps. */
static void finish(struct parcint_proc *p, uint64_t done, parcint_worker *w)
{
    /* Read while p is ours: after the update below it may not be. */
    uint32_t cap = cap_of(p);
    /* acq_rel: release our turn's writes (the state, the mailbox's tail) to
     * whoever schedules p next, through this word (their CAS acquires); and
     * acquire theirs before we reclaim. */
    uint64_t old = atomic_fetch_sub_explicit(
        &p->sched, done * PARCINT_PROC_ONE, memory_order_acq_rel);
    uint64_t new = old - done * PARCINT_PROC_ONE;
    uint64_t left = count_of(new);
    if (left < cap)
        unmute_waiters(p);
    if (active(new))
        parcint_ready_requeue(w, &p->ready);
    else if (left == 0 && (new & PARCINT_PROC_DROPPED))
        reclaim(p);
}

/* A step's return value for its reply: an object of the process's heap
 * would die with a later collection of that heap, or with the process, so
 * the reply holds a copy of it (and, for a layout object, of what its
 * pointer fields reach) and each joiner gets a copy in its own heap
 * (parc_copy's rule: pointer-free objects and layout objects only). */
static void give_reply(struct parcint_promise *r, void *out, void *heap)
{
    size_t size;
    const void *bad = NULL;
    if (!heap) { /* a process that never allocated: the common case */
        parcint_promise_fulfill(r, out);
        return;
    }
    switch (parcint_heap_object(heap, out, &size)) {
    case PARCINT_OBJ_NONE:
        parcint_promise_fulfill(r, out);
        return;
    case PARCINT_OBJ_ATOMIC:
    case PARCINT_OBJ_LAYOUT:
        switch (parcint_promise_fulfill_copy(r, out, &bad)) {
        case 0:
            return;
        case EINVAL:
            parcint_complain(EINVAL, "parc_proc step",
                             "the reply %p reaches %p, which may hold "
                             "pointers (parc_alloc, not parc_alloc_atomic or "
                             "parc_alloc_layout) and cannot be copied to the "
                             "joiner; replying NULL", out, bad);
            return;
        default:
            parcint_complain(ENOMEM, "parc_proc step",
                             "no memory to hand over the reply %p; "
                             "replying NULL", out);
            return;
        }
    default:
        parcint_complain(EINVAL, "parc_proc step",
                         "the reply %p is in the process's heap but is not "
                         "the start of a parc_alloc_atomic or "
                         "parc_alloc_layout object (only those can be copied "
                         "to the joiner); replying NULL",
                         out);
        parcint_promise_fulfill(r, NULL);
    }
}

/* Runs a turn of p; returns nonzero when a step's message had a pin it
 * released. */
static int run_turn(parcint_worker *w, struct parcint_proc *p)
{
    struct step_ctx c = {.proc = p, .state = p->state}, *outer = ctx;
    unsigned me = w ? w->id : NO_WORKER;
    if (w) {
        if (p->last_worker != me && p->last_worker != NO_WORKER)
            w->proc_moves++;
        w->proc_turns++;
    }
    p->last_worker = (uint16_t)me;
    ctx = &c;
    /* The process's heap is the thread's task heap for the turn: parc_alloc
     * and parc_copy in a step, and a future message's heap adopted at its
     * join, land in it (made at the first allocation). */
    void *outer_heap = parcint_task_heap;
    parcint_task_heap = p->heap;
    struct heap_count hc = {0, 0};
    if (p->heap)
        hc = (struct heap_count){1, parcint_heap_chunks(p->heap)};
    uint64_t done = 0;
    int parked = 0, unpinned = 0;
    while (done < p->batch) {
        struct parcint_msg *m;
        if (p->parked) {
            p->parked = 0;
            m = (struct parcint_msg *)p->box_tail;
        } else {
            int why;
            struct parcint_mlink *retired;
            struct parcint_mlink *l =
                parcint_mailbox_pop(box(p), &retired, &why);
            if (!l)
                break; /* empty, or a sender's link is pending */
            if (retired != &p->box_stub)
                parcint_slab_put(&msg_slab, &msg_cache, retired);
            m = (struct parcint_msg *)l;
        }
        void *in = m->msg;
        if (m->flags & MSG_FUTURE) {
            parc_future fh = {(struct parcint_fcell *)m->msg, m->aux};
            in = NULL;
            if (!parcint_future_live(&fh))
                /* Consumed behind our back through a copy of the handle
                 * the sender kept (a misuse): say so, and step on NULL
                 * rather than wait for ever. */
                parcint_complain(EINVAL, "parc_proc_send_future",
                                 "the future sent was joined or dropped "
                                 "by someone else before its step");
            else if (!parc_future_ready(&fh)) {
                p->parked = 1; /* m is the mailbox's first node */
                parked = 1;
                break;
            } else
                parc_future_join(&fh, &in);
        }
        c.msg = m;
        void *out = p->step(c.state, in);
        if (m->reply) {
            if (parcint_task_heap)
                count_heap(parcint_task_heap, &hc);
            give_reply(m->reply, out, parcint_task_heap);
        }
        /* The step has returned: its payload may die with its sender's
         * heap's next collection. */
        if (m->pin) {
            parcint_pin_release(m->pin);
            unpinned = 1;
        }
        /* A step boundary: the step's frames are gone, c.state is the root
         * (under PARC_GC_STRESS, always). */
        if (parcint_task_heap)
            parcint_heap_collect_due(parcint_task_heap);
        if (w && m->sender != me)
            w->proc_cross++;
        /* m stays in the mailbox as its first node: the next pop frees it
         * (mailbox.h). */
        done++;
        if (c.mute_on)
            break; /* finish this step, then be muted */
    }
    ctx = outer;
    /* What the steps allocated since the last reply, and what the
     * collections after them gave back. */
    if (parcint_task_heap)
        count_heap(parcint_task_heap, &hc);
    p->heap = parcint_task_heap;
    parcint_task_heap = outer_heap;
    if (w)
        w->proc_steps += done;
    if (parked)
        finish_parked(p, done);
    else if (c.mute_on)
        finish_muted(p, done, &c, w);
    else
        finish(p, done, w);
    return unpinned;
}

/* Turns run per call of the work hook before it returns to the idle loop,
 * which reads the clock after each item it runs. */
#define TURNS_PER_CALL 64

/* The work hook: runs ready processes. w is NULL on a thread that is not a
 * worker helping at exit. */
static int proc_run(parcint_worker *w)
{
    /* An idle round with nothing to run must not bump the epoch, or the
     * exit drain would never see the workers quiet. */
    if (!parcint_ready_any(w))
        return 0;
    if (w)
        parcint_ready_busy(w, 1);
    struct parcint_ready_link *l = parcint_ready_take(w);
    int ran = l != NULL, unpinned = 0;
    for (int turns = 0; l; l = parcint_ready_take(w)) {
        unpinned |= run_turn(w, of_link(l));
        if (++turns == TURNS_PER_CALL)
            break;
    }
    if (unpinned) {
        /* seq_cst fence: after our release stores of pins, before our load
         * of retired_n; pairs with the fence in retire. */
        atomic_thread_fence(memory_order_seq_cst);
        /* relaxed: ordered by the fence. */
        if (atomic_load_explicit(&retired_n, memory_order_relaxed))
            sweep_retired();
    }
    if (w) {
        /* The next slot must be empty outside this loop (ready.h). */
        if ((l = parcint_ready_take_next(w)))
            parcint_ready_requeue(w, l);
        parcint_ready_busy(w, 0);
    }
    return ran;
}

static int proc_pending(parcint_worker *w)
{
    (void)w;
    return parcint_ready_pending();
}

static int none_parked(void)
{
    /* seq_cst: read between the drain's reads of the queues (ready.c);
     * resume decrements after its push. */
    return atomic_load_explicit(&parked_total, memory_order_seq_cst) == 0;
}

/* How long the drain waits with processes parked and nothing else to run
 * before it reports them and lets the program end. */
#define DRAIN_PARKED_NS 2000000000ull

/* At exit: every message sent is processed (docs/processes.md), but for
 * those of processes parked on a future nothing completes. */
static void proc_drain(parcint_worker *w0)
{
    (void)w0;
    parcint_worker *w = parcint_current();
    unsigned idle = 0;
    uint64_t since = 0; /* when the drain found nothing to run, or 0 */
    for (;;) {
        int ran = w ? parcint_run_work_hooks(w) : proc_run(NULL);
        if (ran) {
            idle = 0;
            since = 0;
            continue;
        }
        if (parcint_ready_quiet(none_parked))
            return;
        /* Only parked processes are left (or a runner's turn is ending):
         * their futures may be computed elsewhere, so wait, but not for
         * ever: a deferred reply never given would hold exit for good. */
        uint64_t now = parcint_now_ns();
        if (!since)
            since = now;
        else if (now - since > DRAIN_PARKED_NS) {
            /* seq_cst: as in none_parked. */
            uint32_t n =
                atomic_load_explicit(&parked_total, memory_order_seq_cst);
            if (n) {
                fprintf(stderr,
                        "parc: processes: %u process%s still wait%s at exit "
                        "for a future message that nothing completed in "
                        "2 s (a deferred reply never given?); their queues "
                        "are not finished\n",
                        n, n == 1 ? "" : "es", n == 1 ? "s" : "");
                return;
            }
            since = now;
        }
        if (++idle < 64)
            parcint_cpu_relax();
        else
            sched_yield();
    }
}

/* Before main, hence before the runtime starts (hooks are fixed then). */
__attribute__((constructor)) static void plug_into_scheduler(void)
{
    if (parcint_hook_work(proc_run, proc_pending) ||
        parcint_hook_exit(proc_drain))
        parcint_misuse("libparc", "cannot register the process scheduler");
}

/* ---- the API ---- */

int parc_proc_spawn(parc_proc *out, parc_step_fn step, void *state,
                    const parc_proc_opts *opts)
{
    static const char call[] = "parc_proc_spawn";
    if (!out || !step)
        return parcint_complain(EINVAL, call, "null %s",
                                out ? "step function" : "handle pointer");
    parc_proc_opts o = opts ? *opts : (parc_proc_opts){0};
    if (o.kind != PARC_PROC_CONTAINED && o.kind != PARC_PROC_ACTOR)
        return parcint_complain(EINVAL, call, "unknown kind %u", o.kind);
    if (o.capacity > PARC_PROC_MAX_CAPACITY)
        return parcint_complain(EINVAL, call, "capacity %u is above %u",
                                o.capacity, PARC_PROC_MAX_CAPACITY);
    /* Processes are work for the workers: start the runtime (the caller
     * becomes worker 0 if it is the first). */
    if (!parcint_started() && !parcint_current())
        parcint_adopt();
    struct parcint_proc *p = parcint_slab_get(&proc_slab, &proc_cache);
    if (!p)
        return ENOMEM;
    /* relaxed, all: the handle reaches other threads only through the
     * program's own synchronization, and the first send's CAS (acq_rel)
     * carries these to the runner. */
    atomic_store_explicit(&p->sched, 0, memory_order_relaxed);
    atomic_store_explicit(&p->handles, 1, memory_order_relaxed);
    atomic_store_explicit(&p->max_queued, 0, memory_order_relaxed);
    parcint_mailbox_init(box(p));
    atomic_store_explicit(&p->capacity,
                          o.capacity ? o.capacity : PARC_PROC_CAPACITY,
                          memory_order_relaxed);
    p->batch = o.batch ? o.batch : PARC_PROC_BATCH;
    p->step = step;
    p->state = state;
    p->fini = o.fini;
    p->parked = 0;
    p->heap = NULL;
    p->kind = (uint16_t)o.kind;
    p->last_worker = NO_WORKER;
    /* waiters is left as it is: nodes of a former incarnation's muted
     * senders are theirs to be unmuted (a harmless spurious unmute). */
    out->p = p;
    out->gen = atomic_load_explicit(&p->gen, memory_order_relaxed);
    return 0;
}

/* An ordinary sender finds p full: run other work until there is room. */
static void help(unsigned *spins)
{
    /* A thread that is not a worker helps too (w NULL): at one worker,
     * worker 0 may be busy elsewhere (in pthread_join, say) and nobody
     * else would make room. */
    parcint_worker *w = parcint_current();
    if (parcint_run_work_hooks(w)) {
        *spins = 0;
        return;
    }
    if (w)
        parc_poll();
    if (++*spins < 64)
        parcint_cpu_relax();
    else
        sched_yield();
}

static int enqueue(struct parcint_proc *p, const parc_proc *h,
                   struct parcint_msg *m, struct step_ctx *c)
{
    parcint_worker *w = parcint_current();
    m->sender = w ? w->id : NO_WORKER;
    /* relaxed: the CAS below decides. */
    uint32_t cap = cap_of(p);
    uint64_t old = atomic_load_explicit(&p->sched, memory_order_relaxed), new;
    unsigned spins = 0;
    for (;;) {
        if (count_of(old) >= cap && !c) {
            help(&spins);
            /* relaxed: as above, the CAS decides. */
            old = atomic_load_explicit(&p->sched, memory_order_relaxed);
            continue;
        }
        new = old + PARCINT_PROC_ONE;
        if (count_of(new) >= cap)
            new &= ~PARCINT_PROC_MUTED; /* overloaded: never muted */
        /* acq_rel: acquire the last runner's writes when we make p active
         * (we hand it to a ready queue); release ours to the runner. */
        if (atomic_compare_exchange_weak_explicit(&p->sched, &old, new,
                                                  memory_order_acq_rel,
                                                  memory_order_relaxed))
            break;
    }
    uint32_t n = (uint32_t)count_of(new);
    /* relaxed: a statistic; the CAS only raises it. */
    uint32_t max = atomic_load_explicit(&p->max_queued, memory_order_relaxed);
    while (n > max && !atomic_compare_exchange_weak_explicit(
                          &p->max_queued, &max, n, memory_order_relaxed,
                          memory_order_relaxed))
        ;
    parcint_mailbox_push(&p->box_head, &m->link);
    if (!active(old) && active(new))
        schedule(p, c != NULL);
    if (c && count_of(old) >= cap && p != c->proc) {
        c->mute_on = p;
        c->mute_gen = h->gen;
    }
    return 0;
}

static int send(const parc_proc *h, void *msg, uint64_t aux, unsigned flags,
                parc_future *reply, struct parcint_promise *forwarded,
                const char *call)
{
    int err;
    struct parcint_proc *p = live(h, call, &err);
    if (!p)
        return err;
    struct step_ctx *c = ctx;
    if (c && c->proc->kind != PARC_PROC_ACTOR)
        return parcint_complain(EPERM, call,
                                "a contained step cannot send (make the "
                                "process PARC_PROC_ACTOR)");
    struct parcint_msg *m = parcint_slab_get(&msg_slab, &msg_cache);
    if (!m)
        return ENOMEM;
    m->msg = msg;
    m->aux = aux;
    m->flags = flags;
    m->reply = forwarded;
    m->pin = NULL;
    /* A payload in the heap this thread allocates in stays alive until
     * its step has returned (pin.h). (A future message's cell is malloc'd:
     * never in a heap.) */
    if (parcint_pin_wanted(msg) && parcint_pin_take(msg, &m->pin)) {
        parcint_slab_put(&msg_slab, &msg_cache, m);
        return ENOMEM;
    }
    if (reply && !(m->reply = parcint_promise_new(reply))) {
        if (m->pin)
            parcint_pin_release(m->pin); /* the heap's owner (us) frees it */
        parcint_slab_put(&msg_slab, &msg_cache, m);
        return ENOMEM;
    }
    return enqueue(p, h, m, c);
}

int parc_proc_send(const parc_proc *h, void *msg, parc_future *reply)
{
    return send(h, msg, 0, 0, reply, NULL, "parc_proc_send");
}

int parc_proc_send_future(const parc_proc *h, parc_future *msg,
                          parc_future *reply)
{
    static const char call[] = "parc_proc_send_future";
    if (!msg || !parcint_future_live(msg))
        return parcint_complain(EINVAL, call, "bad future handle");
    parc_future f = *msg;
    *msg = (parc_future){0};
    int err = send(h, f.cell, f.gen, MSG_FUTURE, reply, NULL, call);
    if (err)
        parc_future_drop(&f); /* consumed, as promised */
    return err;
}

int parc_proc_forward(const parc_proc *h, void *msg)
{
    static const char call[] = "parc_proc_forward";
    struct step_ctx *c = ctx;
    if (!c || c->proc->kind != PARC_PROC_ACTOR)
        return parcint_complain(EPERM, call, "only an actor's step forwards");
    int err = send(h, msg, 0, 0, NULL, c->msg->reply, call);
    if (!err)
        c->msg->reply = NULL; /* owed by the forwarded message now */
    return err;
}

int parc_proc_defer(parc_reply *out)
{
    struct step_ctx *c = ctx;
    if (!out)
        return parcint_complain(EINVAL, "parc_proc_defer", "null output");
    if (!c || c->proc->kind != PARC_PROC_ACTOR) {
        out->promise = NULL;
        return parcint_complain(EPERM, "parc_proc_defer",
                                "only an actor's step defers its reply");
    }
    out->promise = c->msg->reply;
    c->msg->reply = NULL; /* the step's return value is discarded */
    return 0;
}

int parc_reply_give(parc_reply *r, void *value)
{
    if (!r || !r->promise)
        return parcint_complain(EINVAL, "parc_reply_give",
                                "no reply (none was asked, or it was given)");
    struct parcint_promise *p = r->promise;
    r->promise = NULL;
    /* From a step, the value may be in the running process's heap. */
    if (ctx)
        give_reply(p, value, parcint_task_heap);
    else
        parcint_promise_fulfill(p, value);
    return 0;
}

int parc_proc_state_set(void *state)
{
    struct step_ctx *c = ctx;
    if (!c)
        return parcint_complain(EPERM, "parc_proc_state_set",
                                "only a step sets its process's state");
    /* c->state is in run_turn's frame: the collector's root from now on. */
    c->state = state;
    c->proc->state = state;
    return 0;
}

int parc_proc_heaps_get(parc_proc_heaps *out)
{
    if (!out)
        return parcint_complain(EINVAL, "parc_proc_heaps_get", "null output");
    /* relaxed: a snapshot of statistics. */
    out->heaps = atomic_load_explicit(&heaps_live, memory_order_relaxed);
    out->bytes = atomic_load_explicit(&heap_chunks, memory_order_relaxed) *
                 PARCINT_CHUNK;
    return 0;
}

int parc_proc_copy(const parc_proc *h, parc_proc *out)
{
    int err;
    struct parcint_proc *p = live(h, "parc_proc_copy", &err);
    if (!p)
        return err;
    if (!out)
        return parcint_complain(EINVAL, "parc_proc_copy",
                                "null output handle");
    /* relaxed: a live handle keeps the count above zero; only a borrowed
     * one (parc_proc_self) can find it at zero, after the last drop. */
    uint32_t n = atomic_load_explicit(&p->handles, memory_order_relaxed);
    do
        if (n == 0)
            return parcint_complain(ESRCH, "parc_proc_copy",
                                    "the process's last handle was dropped");
    /* relaxed: the count only; it publishes nothing. */
    while (!atomic_compare_exchange_weak_explicit(
        &p->handles, &n, n + 1, memory_order_relaxed, memory_order_relaxed));
    *out = *h;
    return 0;
}

int parc_proc_drop(parc_proc *h)
{
    int err;
    struct parcint_proc *p = live(h, "parc_proc_drop", &err);
    if (!p)
        return err;
    h->p = NULL;
    h->gen = 0;
    /* acq_rel: the last dropper comes after every other handle's sends. */
    if (atomic_fetch_sub_explicit(&p->handles, 1, memory_order_acq_rel) != 1)
        return 0;
    /* release: pairs with live()'s acquire; every handle is stale now. */
    atomic_fetch_add_explicit(&p->gen, 1, memory_order_release);
    /* acq_rel: against the runner's finish on the same word: exactly one
     * of us sees both DROPPED and a zero count, and reclaims. */
    uint64_t old = atomic_fetch_or_explicit(&p->sched, PARCINT_PROC_DROPPED,
                                            memory_order_acq_rel);
    if (count_of(old) == 0)
        reclaim(p);
    return 0;
}

int parc_proc_stats_get(const parc_proc *h, parc_proc_stats *out)
{
    int err;
    struct parcint_proc *p = live(h, "parc_proc_stats_get", &err);
    if (!p)
        return err;
    if (!out)
        return parcint_complain(EINVAL, "parc_proc_stats_get",
                                "null output");
    /* relaxed: a snapshot. */
    uint64_t s = atomic_load_explicit(&p->sched, memory_order_relaxed);
    out->queued = count_of(s);
    out->max_queued =
        atomic_load_explicit(&p->max_queued, memory_order_relaxed);
    out->capacity = cap_of(p);
    out->batch = p->batch;
    out->muted = (s & PARCINT_PROC_MUTED) != 0;
    return 0;
}

int parc_proc_self(parc_proc *out)
{
    struct step_ctx *c = ctx;
    if (!out)
        return parcint_complain(EINVAL, "parc_proc_self", "null output");
    if (!c) {
        *out = (parc_proc){0};
        return EPERM;
    }
    out->p = c->proc;
    /* relaxed: our own process; its generation changes only at drop. */
    out->gen = atomic_load_explicit(&c->proc->gen, memory_order_relaxed);
    return 0;
}

size_t parc_proc_size(void) { return sizeof(struct parcint_proc); }
