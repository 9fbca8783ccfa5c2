/* parc.h: the public interface of libparc and of the parc language.
 *
 * Three layers, each usable on its own:
 *   - marks and pragmas (PARC_PURE, PARC_CONTAINED, #pragma parc fork/join), which
 *     the GCC plugin checks and lowers; without the plugin they vanish and the
 *     program is its own serial elision;
 *   - strict fork/join on frames that live in the parent's stack (parc_fork,
 *     parc_pop, parc_join): the ABI the plugin emits, callable by hand;
 *   - futures (parc_future_*): reference-counted, joinable in any order.
 *
 * docs/runtime.md explains the frame layout, the split deque under parc_fork and
 * parc_pop, and why the fast paths below contain no fence and no library call.
 */
#ifndef PARC_H
#define PARC_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
#error "parc.h is a C11 header; parc is a C language extension"
#endif

/* ---- Marks ------------------------------------------------------------------
 * With the plugin loaded (it predefines __PARC__) the marks are attributes it
 * checks over the call graph; without it they expand to nothing. */
#ifdef __PARC__
#define PARC_PURE __attribute__((parc_pure))
#define PARC_CONTAINED __attribute__((parc_contained))
#else
#define PARC_PURE
#define PARC_CONTAINED
#endif

/* ---- Configuration ----------------------------------------------------------- */

/* Sets the number of workers before the runtime starts (the first fork, future
 * or parc_start starts it). Returns 0, EINVAL for 0 or more than PARC_MAX_WORKERS,
 * or EBUSY once the runtime runs. Default: $PARC_WORKERS, else the CPUs in
 * sched_getaffinity. */
#define PARC_MAX_WORKERS 256
int parc_set_workers(unsigned n);

/* Starts the runtime now (otherwise the first fork does) and makes the calling
 * thread worker 0. Returns 0, or an errno value if threads cannot be made. */
int parc_start(void);

/* The number of workers the runtime runs (or will run). */
unsigned parc_workers(void);

/* The calling thread's worker index, or -1 on a thread that is not a worker. */
int parc_worker_id(void);

/* Whether the calling function's `#pragma parc fork`s run as plain calls:
 * with the plugin, 1 in a function's sequential clone and 0 in its parallel
 * version (docs/deparallelization.md, "Choosing the sequential algorithm");
 * without it GCC ignores the pragmas, so 1. A program may use it to give the
 * sequential case an algorithm that does not pay for parallelism it cannot
 * use (a serial merge instead of a divide and conquer one); both choices
 * must compute the same result. The plugin replaces every call by its
 * constant; the library's function, which only a call the plugin cannot see
 * reaches (through a pointer), says 0: not known to be sequential. */
int parc_sequential(void);
#ifndef __PARC__
#define parc_sequential() 1
#endif

/* With PARC_SCALE=1, the run's work, span and parallelism are reported at
 * exit; these narrow the report to the region between them (a benchmark's
 * kernel, say), called at the top level of the program, outside any fork.
 * Without PARC_SCALE they do nothing. */
void parc_scale_begin(void);
void parc_scale_end(void);

/* ---- Strict fork/join: the frame ABI -------------------------------------------
 * A frame lives in the forking function's stack frame, usually as the first
 * member of a struct that also holds the call's arguments and result:
 *
 *     struct fib_call { parc_frame f; long n, r; };
 *     static void fib_thunk(parc_frame *f) {
 *         struct fib_call *c = (struct fib_call *)f;
 *         c->r = fib(c->n);
 *     }
 *     struct fib_call a = { .n = n - 1 };
 *     parc_fork(&a.f, fib_thunk);         // a may now run on another worker
 *     long b = fib(n - 2);
 *     if (parc_pop(&a.f)) a.r = fib(a.n); // not stolen: a plain call
 *     return a.r + b;
 *
 * Rules: joins are LIFO (the last frame forked is joined first); a function joins
 * every frame it forked before it returns; a frame is forked once per join.
 * parc_pop and parc_join abort with a message on a frame that is not the
 * innermost pending one of this thread (join twice, out of order, never forked).
 * A fork that ran in place (on a thread that is not a worker, or with the
 * deque full) has already run when its fork returns: popping it again returns
 * 0 again, which is harmless. */

typedef struct parc_frame parc_frame;
typedef void (*parc_thunk)(parc_frame *);

struct parc_frame {
    parc_thunk fn; /* what a thief runs: fn(frame) */
};

/* The hot half of a worker: what the inline fast paths touch. The cold half
 * (public steal word, marks of stolen frames, statistics) is in
 * runtime/worker.h. */
struct parcint_hot {
    parc_frame **head;  /* next free slot of this worker's deque (owner only) */
    parc_frame **split; /* slots at or above split are private (owner only) */
    parc_frame **end;   /* one past the last slot (owner only) */
    uint64_t forks;     /* statistics, owner only */
    /* The fork fast path continues while head < limit. limit is end, or NULL
     * when another thread wants the owner's attention at its next fork: a
     * thief asks it to share work, or a poll is requested (heartbeat,
     * collection, messages); the reason is in signal. One compare thus covers
     * a full deque and every request. On its own line: others write it. */
    _Alignas(64) _Atomic(parc_frame **) limit;
    _Atomic uint32_t signal;
};

/* The calling thread's worker, or a shared stand-in (limit NULL, signal
 * nonzero) on a thread that is not a worker, so that its forks always take the
 * slow path, which starts the runtime or runs the call in place. Initial-exec
 * TLS: one %fs-relative load. */
extern __thread struct parcint_hot *parcint_self
    __attribute__((tls_model("initial-exec")));

void parcint_fork_slow(struct parcint_hot *w, parc_frame *f);
int parcint_pop_slow(struct parcint_hot *w, parc_frame *f);
void parcint_poll_slow(struct parcint_hot *w);

/* Makes f (whose fn is set to fn here) available to thieves; the caller goes on
 * with its continuation. No fence, no atomic read-modify-write, no call: a
 * thief learns of f only when the owner later publishes part of its private
 * deque (runtime/deque.c). */
static inline __attribute__((always_inline)) void
parc_fork(parc_frame *f, parc_thunk fn)
{
    struct parcint_hot *w = parcint_self;
    parc_frame **h = w->head;
    f->fn = fn;
    /* relaxed: only the value matters; a request is served by the slow path,
     * whose seq_cst operations order it against the requester. */
    if (__builtin_expect(
            h >= atomic_load_explicit(&w->limit, memory_order_relaxed), 0)) {
        parcint_fork_slow(w, f);
        return;
    }
    *h = f;
    w->head = h + 1;
    w->forks++;
}

/* Returns 1 when f was still on this worker's deque: it is removed and the caller
 * runs the call itself (a plain call). Returns 0 when f already ran elsewhere and
 * has finished: its results are in the frame. While a thief runs f, the caller
 * steals back only from that thief (leapfrogging), never unrelated work.
 * One test decides: the owner tags a slot's pointer when it makes the slot
 * public, and the slot below the deque's first holds NULL, so the top slot
 * equals f exactly when f is the innermost frame and still private. */
static inline __attribute__((always_inline)) int
parc_pop(parc_frame *f)
{
    struct parcint_hot *w = parcint_self;
    parc_frame **h = w->head - 1;
    if (__builtin_expect(*h == f, 1)) {
        w->head = h;
        return 1;
    }
    return parcint_pop_slow(w, f);
}

/* parc_pop, then the call through its thunk if it was not stolen. */
static inline __attribute__((always_inline)) void
parc_join(parc_frame *f)
{
    if (parc_pop(f))
        f->fn(f);
}

/* The poll point: a relaxed load and a predictable branch. Long loops that do not
 * fork may call it so that requests (sharing work, collection, messages) are
 * served; forks poll already. */
static inline __attribute__((always_inline)) void
parc_poll(void)
{
    struct parcint_hot *w = parcint_self;
    /* relaxed: as in parc_fork. */
    if (__builtin_expect(
            atomic_load_explicit(&w->limit, memory_order_relaxed) == NULL, 0))
        parcint_poll_slow(w);
}

/* ---- What the plugin lowers #pragma parc fork / join to ------------------------
 * Not for hand use (the strict ABI above is). The plugin (plugin/gcc-lower.cc)
 * gives each fork site a frame struct whose first member is a parc_lframe and
 * an outlined thunk, and calls these with the address of a per-function chain
 * of pending frames, newest first: a join joins the whole chain (Cilk's sync).
 * All of them inline to the strict ABI's fast paths; none calls libparc unless
 * a fast path does. */

struct parc_lframe {
    parc_frame frame;
    struct parc_lframe *next; /* the next older pending fork of the function */
};

/* Lazy forks (the plugin's, unless -fplugin-arg-parc-naive, which passes
 * seq NULL: always fork). While this worker holds enough frames that no thief
 * has taken, forked by the activations above this one (PARC_LAZY_HOLD, by
 * default chosen from the worker count: docs/runtime.md), another fork only
 * adds overhead: the call runs at once through the callee's sequential clone
 * (seq, a thunk like fn), which never forks and never polls, so it runs as
 * fast as the serial program. Otherwise the frame is forked and published at
 * once, so that thieves can take it while the owner runs clones
 * (parcint_fork_public). Both are library calls, but only forks in the
 * parallel versions of functions reach them: the clones do all the rest.
 * parcint_lazy_now says which: 0 fork, 1 run seq now, 2 run seq now through
 * parcint_lazy_timed, which times the piece for PARC_STATS (so that with
 * statistics off the run-now path costs one compare of a register). */
int parcint_lazy_now(struct parcint_hot *w, const parc_frame *f);
void parcint_lazy_timed(parc_frame *f, parc_thunk seq);
void parcint_fork_public(struct parcint_hot *w, parc_frame *f, parc_thunk fn);

static inline __attribute__((always_inline)) int
parcint_lsurplus(parc_thunk seq, const parc_frame *f)
{
    return seq ? parcint_lazy_now(parcint_self, f) : 0;
}

/* Runs a lazy fork's call now; how is parcint_lsurplus's nonzero answer. */
static inline __attribute__((always_inline)) void
parcint_lrun(int how, parc_frame *f, parc_thunk seq)
{
    if (__builtin_expect(how == 1, 1))
        seq(f);
    else
        parcint_lazy_timed(f, seq);
}

static inline __attribute__((always_inline)) void
parcint_lfork_frame(parc_frame *f, parc_thunk fn, parc_thunk seq)
{
    if (seq)
        parcint_fork_public(parcint_self, f, fn);
    else
        parc_fork(f, fn);
}

static inline __attribute__((always_inline)) void
parcint_lfork(struct parc_lframe **pending, struct parc_lframe *f,
              parc_thunk fn, parc_thunk seq)
{
    int how = parcint_lsurplus(seq, &f->frame);
    if (how) {
        parcint_lrun(how, &f->frame, seq);
        return;
    }
    f->next = *pending;
    *pending = f;
    parcint_lfork_frame(&f->frame, fn, seq);
}

/* A function none of whose forks can run twice before a join needs no chain:
 * each site has a flag, and a join tries the sites in the reverse of an
 * order every path respects. Both fold away in straight-line code, and the
 * thunk, a constant here, becomes a direct (inlinable) call. */
static inline __attribute__((always_inline)) void
parcint_lfork1(unsigned char *forked, struct parc_lframe *f, parc_thunk fn,
               parc_thunk seq)
{
    int how = parcint_lsurplus(seq, &f->frame);
    if (how) {
        parcint_lrun(how, &f->frame, seq);
        return;
    }
    *forked = 1;
    parcint_lfork_frame(&f->frame, fn, seq);
}

static inline __attribute__((always_inline)) void
parcint_ljoin1(unsigned char *forked, struct parc_lframe *f, parc_thunk fn)
{
    if (*forked) {
        *forked = 0;
        if (parc_pop(&f->frame))
            fn(&f->frame);
    }
}

/* Loop records: promotion inside sequential clones (runtime/promote.c). A
 * split loop's range function runs its whole range as one loop in its
 * sequential clone. While some worker is hungry, or in the outer levels of a
 * piece (parcint_lwant), the clone runs instead a copy of itself whose loop
 * keeps a record in its stack, linked on this thread's list with plain
 * stores (only this thread reads it), stores the index it runs into it, and
 * reads its end from it. At the loop's entry the copy polls, one relaxed
 * load. When a thief that found nothing public has asked
 * this worker to share, the poll promotes the oldest loop's untouched upper
 * half into a public frame, which runs the parallel range function; the loop
 * stops at the cut and joins the promoted parts when its own is done.
 * Indices are kept as unsigned long long, whatever the loop's type: only
 * differences are taken, so signed and unsigned indices alike work. */
struct parcint_lrec;
struct parcint_lpiece {
    parc_frame frame;          /* fn: the range function's promote thunk */
    struct parcint_lrec *rec;  /* whose captures the thunk reads */
    unsigned long long lo, hi; /* the promoted part */
};
#define PARCINT_LPIECES 4 /* promoted parts one loop may have pending */
struct parcint_lrec {
    struct parcint_lrec *prev; /* the next older loop on this thread */
    unsigned long long cur;    /* the iteration running */
    unsigned long long hi;     /* end of the loop's own part */
    unsigned npieces;          /* promoted parts pending: pieces[0..npieces) */
    parc_thunk promote;        /* runs a piece through the range function */
    void *caps;                /* the range function's captured values */
    unsigned long long end;    /* hi before the first promotion */
    struct parcint_lpiece pieces[PARCINT_LPIECES];
};

extern __thread struct parcint_lrec *parcint_loops
    __attribute__((tls_model("initial-exec")));

/* Workers looking for work: idle, or waiting at a join with nothing to
 * help with (runtime/promote.c). A clone's loop keeps its record only while
 * this is not 0: a worker that is busy with others all busy pays nothing,
 * and one worker alone never does. */
extern _Atomic unsigned parcint_hungry;
/* Levels of loops this thread may still record while nobody is hungry: set
 * to PARCINT_LROOM when it starts a piece (a lazy fork run through its
 * clone, parcint_lazy_now), one less per record linked, one more per record
 * unlinked. A piece's outermost loops, its biggest, keep records even if
 * nobody was hungry when they started. (A piece started inside another's
 * loops leaves the count higher for the rest of the outer one: more records,
 * never fewer.) */
extern __thread int parcint_lroom __attribute__((tls_model("initial-exec")));
#ifndef PARCINT_LROOM
#define PARCINT_LROOM 4
#endif

void parcint_lpoll(struct parcint_hot *w);
void parcint_lleave_slow(struct parcint_lrec *r, void *sum, unsigned size);

/* Only a loop of two iterations or more is linked: a single iteration
 * never has one left that it has not started. A loop's poll comes before
 * its link, so a promotion never sees its record before the loop has
 * stored cur; and it is linked only if lo < hi, so cur is always set.
 * Returns whether it linked r: only then does the caller store the
 * captures (*caps), which only a promotion reads, and no poll comes
 * between. */
static inline __attribute__((always_inline)) int
parcint_lenter(struct parcint_lrec *r, unsigned long long lo,
               unsigned long long hi, parc_thunk promote, void *caps)
{
    r->hi = hi;
    if ((long long)(hi - lo) < 2)
        return 0;
    struct parcint_hot *w = parcint_self;
    /* relaxed: as in parc_poll. */
    if (__builtin_expect(
            atomic_load_explicit(&w->limit, memory_order_relaxed) == NULL, 0))
        parcint_lpoll(w);
    r->npieces = 0;
    r->promote = promote;
    r->caps = caps;
    r->prev = parcint_loops;
    parcint_loops = r;
    parcint_lroom--;
    return 1;
}

/* At the entry of a split loop's sequential clone: whether to run the copy
 * with the loop record (lo, hi: its range). A loop of fewer than two
 * iterations never has one that it has not started, so never a record.
 * relaxed: a stale count only makes this loop recorded or not, which
 * changes what a later promotion may find, not what the program computes. */
static inline __attribute__((always_inline)) int
parcint_lwant(unsigned long long lo, unsigned long long hi)
{
    return __builtin_expect(
        (atomic_load_explicit(&parcint_hungry, memory_order_relaxed) |
         (unsigned)(parcint_lroom > 0)) != 0, 0) &&
        (long long)(hi - lo) >= 2;
}

/* The loop is done with its own part: unlinks it (a linked record is the
 * newest: loops end in the reverse order they start, and a record at this
 * address is linked only while this loop runs), joins its promoted parts
 * (newest first), and, for a clone whose sum is fused (sum not NULL: the
 * array, elements of size bytes), adds their results into element 0 in
 * index order, after what the loop added itself. */
static inline __attribute__((always_inline)) void
parcint_lleave(struct parcint_lrec *r, void *sum, unsigned size)
{
    if (parcint_loops != r)
        return;
    parcint_loops = r->prev;
    parcint_lroom++;
    if (__builtin_expect(r->npieces != 0, 0))
        parcint_lleave_slow(r, sum, size);
}

/* What a promote thunk reads from its piece. */
static inline __attribute__((always_inline)) unsigned long long
parcint_lpiece_lo(parc_frame *f)
{
    return ((struct parcint_lpiece *)f)->lo;
}

static inline __attribute__((always_inline)) unsigned long long
parcint_lpiece_hi(parc_frame *f)
{
    return ((struct parcint_lpiece *)f)->hi;
}

static inline __attribute__((always_inline)) void *
parcint_lpiece_caps(parc_frame *f)
{
    return ((struct parcint_lpiece *)f)->rec->caps;
}

/* The grain of a counted loop of n iterations split divide and conquer (the
 * plugin's cilk_for): as Cilk, about 8 pieces per worker, at most 2048
 * iterations a piece. */
static inline unsigned long long
parcint_lgrain(unsigned long long n)
{
    unsigned long long g = n / (8ull * parc_workers());
    return g < 1 ? 1 : g > 2048 ? 2048 : g;
}

/* A site that can fork again before its join (in a loop) takes its frames
 * from a fixed array; past its end the call runs inline, in order, in the
 * spill frame, so stack use stays bounded. */
static inline __attribute__((always_inline)) struct parc_lframe *
parcint_lslot(void *frames, unsigned *used, unsigned cap, size_t size,
              struct parc_lframe *spill)
{
    unsigned u = *used;
    if (__builtin_expect(u < cap, 1)) {
        *used = u + 1;
        return (struct parc_lframe *)((char *)frames + (size_t)u * size);
    }
    return spill;
}

/* A function whose only fork is in a loop needs no chain either: its frames
 * are the array's first *used slots, joined from the last (the hand API's
 * shape: see bench/nqueens/parc-api.c). */
static inline __attribute__((always_inline)) void
parcint_lfork_slot1(struct parc_lframe *f, parc_thunk fn,
                    struct parc_lframe *spill, parc_thunk seq)
{
    int how;
    if (__builtin_expect(f == spill, 0))
        (seq ? seq : fn)(&f->frame);
    else if ((how = parcint_lsurplus(seq, &f->frame))) {
        /* Ran now: the join skips the slot, which stays taken until then so
         * that its writes record (if any) stays valid for the checks. */
        f->frame.fn = NULL;
        parcint_lrun(how, &f->frame, seq);
    } else
        parcint_lfork_frame(&f->frame, fn, seq);
}

static inline __attribute__((always_inline)) void
parcint_ljoin_slots(void *frames, unsigned *used, size_t size, parc_thunk fn)
{
    for (unsigned u = *used; u > 0; u--) {
        struct parc_lframe *f =
            (struct parc_lframe *)((char *)frames + (size_t)(u - 1) * size);
        if (f->frame.fn && parc_pop(&f->frame))
            fn(&f->frame);
    }
    *used = 0;
}

static inline __attribute__((always_inline)) void
parcint_lfork_slot(struct parc_lframe **pending, struct parc_lframe *f,
                   parc_thunk fn, struct parc_lframe *spill, parc_thunk seq)
{
    int how;
    if (__builtin_expect(f == spill, 0))
        (seq ? seq : fn)(&f->frame);
    else if ((how = parcint_lsurplus(seq, &f->frame)))
        /* not linked: the chain holds forked frames only */
        parcint_lrun(how, &f->frame, seq);
    else {
        f->next = *pending;
        *pending = f;
        parcint_lfork_frame(&f->frame, fn, seq);
    }
}

/* The writes(...) regions of a fork, [lo, hi) in bytes, checked when it forks
 * against those of the function's other pending forks (unless the plugin
 * proved them disjoint, or -fplugin-arg-parc-check-writes=no). */
struct parc_lregion {
    uintptr_t lo, hi;
};
struct parc_lwrites {
    struct parc_lwrites *next; /* the next older pending fork with regions */
    const char *where;         /* "file:line" of the fork */
    size_t n;
    struct parc_lregion r[];
};

__attribute__((noreturn, cold)) void
parcint_writes_overlap(const struct parc_lwrites *w, size_t i,
                       const struct parc_lwrites *o, size_t j);

/* Checks w against the pending forks' regions, then links it unless its frame
 * is the spill frame (that call runs inline now and is never pending). */
static inline __attribute__((always_inline)) void
parcint_lwrites(struct parc_lwrites **pending, struct parc_lwrites *w,
                const struct parc_lframe *f, const struct parc_lframe *spill)
{
    for (const struct parc_lwrites *o = *pending; o; o = o->next)
        for (size_t i = 0; i < w->n; i++)
            for (size_t j = 0; j < o->n; j++)
                if (w->r[i].lo < o->r[j].hi && o->r[j].lo < w->r[i].hi)
                    parcint_writes_overlap(w, i, o, j);
    if (f != spill) {
        w->next = *pending;
        *pending = w;
    }
}

/* Joins the chain, newest first. likely is the thunk most frames have (the
 * site in the loop): comparing with it turns the call into a direct one, which
 * GCC inlines. */
static inline __attribute__((always_inline)) void
parcint_ljoin(struct parc_lframe **pending, parc_thunk likely)
{
    struct parc_lframe *f = *pending;
    while (f) {
        struct parc_lframe *older = f->next;
        if (parc_pop(&f->frame)) {
            if (__builtin_expect(f->frame.fn == likely, 1))
                likely(&f->frame);
            else
                f->frame.fn(&f->frame);
        }
        f = older;
    }
    *pending = NULL;
}

/* ---- Memory ------------------------------------------------------------------
 * Garbage-collected task heaps (docs/heap.md). Every task allocates in a heap
 * of its own: a stolen frame or a future's call starts with a fresh one, which
 * joins its parent's heap at the join. A heap is collected by the thread
 * running its task, alone, while every other thread goes on. The collector is
 * non-moving, and conservative but for layout objects: any aligned word in a
 * root or in an object from parc_alloc, and any pointer word of an object
 * from parc_alloc_layout, that points into an object (or one past its end)
 * keeps it alive.
 * Roots are the task's stack and registers and the regions of parc_root_add;
 * parc pointers kept only in malloc'd or static memory, or in another task's
 * stack, are invisible unless registered. When a thread that is not a
 * worker ends, its heap is collected with its stack gone: only what
 * registered roots (and messages in flight) reach outlives it. What tasks
 * may share is stated in docs/heap.md ("Rules for the hand API").
 *
 * Environment: PARC_GC_STRESS=N collects at every Nth allocation slow path
 * (1: every allocation); PARC_GC_STATS=1 reports per thread at exit;
 * PARC_GC_TRACE=1 prints a line per collection on stderr;
 * PARC_HEAP_MAX=MiB caps all heaps together; PARC_OOM=abort aborts with a
 * message on exhaustion instead of returning NULL; PARC_GC_GEN=off turns the
 * generational collector off (auto, the default, uses it where the kernel
 * can track written pages: docs/heap.md, "Generations"); PARC_GC_PAUSE_US=N
 * sets a pause goal (nurseries sized to it, full collections marked in
 * slices; none by default). */

/* size bytes, zeroed, which may hold parc pointers (scanned conservatively:
 * every aligned word that looks like a pointer keeps its target). NULL with
 * errno ENOMEM when no memory is left after a collection. */
void *parc_alloc(size_t size);
/* size bytes, zeroed, which never hold pointers that must keep objects alive
 * (never scanned): numbers, strings, pixels. */
void *parc_alloc_atomic(size_t size);

/* Precise layouts (docs/heap.md, "Layouts"): which words of an object are
 * pointers, as Boehm's GC_make_descriptor says it with a bitmap, here with
 * the fields' offsets:
 *
 *     struct node { long key; struct node *left, *right; char *name; };
 *     static const size_t ptrs[] = {offsetof(struct node, left),
 *                                   offsetof(struct node, right),
 *                                   offsetof(struct node, name)};
 *     const parc_layout *L = parc_layout_new(sizeof(struct node), ptrs, 3);
 *     struct node *n = parc_alloc_layout(L, 1);    // one node
 *     struct node *v = parc_alloc_layout(L, 100);  // an array of 100
 *
 * The collector reads only those words of a layout object (a key that looks
 * like an address keeps nothing), and parc_copy can copy it deeply. A layout
 * is immutable and lives as long as the program (make one per type, once:
 * like Boehm's descriptors, layouts are never freed). */
typedef struct parc_layout parc_layout;
/* The layout of an element of size bytes whose pointers are the n words at
 * pointer_offsets (bytes, from offsetof; any order; NULL when n is 0: an
 * element without pointers). NULL with errno EINVAL (and a message) when
 * size is 0, an offset is not a multiple of sizeof(void *), a pointer does
 * not lie wholly inside size, an offset is listed twice, or size is not a
 * multiple of sizeof(void *) while n > 0 (the next element's pointers would
 * be misaligned); ENOMEM without memory. */
const parc_layout *parc_layout_new(size_t size, const size_t *pointer_offsets,
                                   size_t n);
/* count elements of layout l, adjacent (an array; count 1: one object),
 * zeroed, in the caller's heap; 16-aligned when the element size is a
 * multiple of 16, 8-aligned otherwise (as parc_alloc). Only its pointer
 * words keep objects alive (they may also be NULL or point outside parc
 * heaps); the collector never reads its other words. NULL with errno EINVAL for a NULL layout, ENOMEM when count x size
 * overflows or no memory is left after a collection. */
void *parc_alloc_layout(const parc_layout *l, size_t count);

/* A copy of obj in the caller's heap. obj must start an object of any
 * task's heap (an ancestor's, say, that the caller reaches by the rules of
 * docs/heap.md):
 * - from parc_alloc_atomic: its bytes are copied;
 * - from parc_alloc_layout: a deep copy: the object and every parc object
 *   reachable from it through pointer fields, each copied once (shared
 *   objects stay shared, cycles stay cycles; a pointer into an object,
 *   or one past its end, points into that object's copy); pointer fields
 *   that point outside parc heaps are copied as they are.
 * NULL with errno EINVAL (and a message) when obj is not the start of a
 * parc object, or when it, or an object its pointer fields reach, was
 * allocated with parc_alloc (scanned conservatively: a word that only looks
 * like a pointer would be rewritten); nothing is allocated then. ENOMEM
 * without memory (what was copied is garbage). */
void *parc_copy(const void *obj);
/* Registers [addr, addr + len) as a root: the parc pointers stored there keep
 * their objects alive (globals, malloc'd tables). Returns 0, EINVAL for an
 * empty region, ENOMEM. */
int parc_root_add(const void *addr, size_t len);
/* Unregisters the region that starts at addr. Returns 0, or EINVAL (with a
 * message) if no region starts there. */
int parc_root_remove(const void *addr);
/* Collects the calling task's heap now, fully (old objects too). Returns 0. */
int parc_gc_collect(void);
/* Bytes found live by the last collection of the calling task's heap (after
 * a minor collection: old objects that may have died since are counted). */
size_t parc_heap_live(void);

/* The collections run by the calling thread so far, in every heap it ran
 * (what PARC_GC_STATS=1 prints at exit for it). Pauses are read from a
 * histogram: p50 and p99 to within 3.2%, the maximum exact. */
struct parc_gc_stats {
    unsigned long minor, full;  /* collections of each kind */
    double pause_p50_us, pause_p99_us, pause_max_us; /* all collections */
    double minor_p50_us, minor_p99_us, minor_max_us; /* minor ones only */
};
/* Fills *out and returns 0; ENOSYS (out untouched) unless PARC_GC_STATS=1
 * was set when the thread first allocated. */
int parc_gc_stats(struct parc_gc_stats *out);

/* ---- Futures -------------------------------------------------------------------
 * A future is a call whose value is wanted later, joinable in any order from any
 * thread. A handle (parc_future) is a value naming one reference; copy makes
 * another reference, join and drop each consume theirs. Using a consumed handle
 * is detected and answered with EINVAL (and a message on stderr naming the call)
 * rather than touching freed memory. */

typedef struct parc_future {
    struct parcint_fcell *cell;
    uint64_t gen;
} parc_future;

typedef void *(*parc_future_fn)(void *arg);

enum {
    /* The call is pure: if every handle is dropped before it starts, it is not
     * run at all. Other dropped futures still run, so that their effects never
     * depend on timing. */
    PARC_FUTURE_PURE = 1u << 0,
};

/* Creates a future for fn(arg) that workers may start at once. */
int parc_future_fork(parc_future *out, parc_future_fn fn, void *arg,
                     unsigned flags);
/* Creates a lazy future: fn(arg) runs only when needed, joined or upgraded. */
int parc_future_lazy(parc_future *out, parc_future_fn fn, void *arg,
                     unsigned flags);
/* Upgrades a lazy future to parallel work (no effect once started). */
int parc_future_par(const parc_future *h);
/* Makes the value ready: runs the call here if it has not started, helps the
 * worker running it otherwise. The handle stays valid. */
int parc_future_need(const parc_future *h);
/* Waits for (or computes) the value, stores it in *value (if value is not NULL)
 * and consumes the handle. */
int parc_future_join(parc_future *h, void **value);
/* Nonzero when the value is ready (never blocks); 0 also for a bad handle. */
int parc_future_ready(const parc_future *h);
/* Makes *out a new handle to the same future. */
int parc_future_copy(const parc_future *h, parc_future *out);
/* Consumes the handle without waiting. */
int parc_future_drop(parc_future *h);

/* ---- Processes -----------------------------------------------------------------
 * A process function (seed 000's PF i o = [i -> (o * PF i o)]) in C: a step
 * over a state, o = step(state, i), forked into a process with a queue.
 * Steps of one process run one at a time, in send order (per sender); different
 * processes run in parallel on the workers (N:M). A step runs to completion on
 * a worker and must never block it. docs/processes.md has the rules in full.
 *
 *     static void *count(void *state, void *msg) {
 *         long *n = state; *n += (long)msg; return (void *)*n;
 *     }
 *     parc_proc p; parc_future r;
 *     parc_proc_spawn(&p, count, &total, NULL);
 *     parc_proc_send(&p, (void *)5, &r);    // r: the reply of this step
 *     parc_future_join(&r, &v);             // helps run processes meanwhile
 *     parc_proc_drop(&p);                   // the queue is finished first
 *
 * Each process has a heap of its own (made at its first allocation, freed
 * with it): in a step, parc_alloc and parc_copy allocate there. Its roots
 * are the state (parc_proc_state_set makes an object of that heap the
 * state) and, while a step runs, the step's stack. Payloads are valid
 * during the step that receives them: parc_copy what is kept. A reply that
 * starts a parc_alloc_atomic or parc_alloc_layout object of the heap reaches
 * each joiner as a copy (a deep one for a layout object, as parc_copy makes)
 * in the joiner's heap. docs/processes.md, "Process heaps". */

typedef struct parc_proc {
    struct parcint_proc *p;
    uint64_t gen;
} parc_proc;

typedef void *(*parc_step_fn)(void *state, void *msg);

enum {
    /* Cannot send or wait; a message may be a future (parc_proc_send_future)
     * and the step runs once its value is ready. Deterministic. */
    PARC_PROC_CONTAINED = 0,
    /* May send to other processes (parc_proc_send, parc_proc_forward):
     * rings, servers. Nondeterministic across senders. */
    PARC_PROC_ACTOR = 1,
};

typedef struct parc_proc_opts {
    unsigned kind;     /* PARC_PROC_CONTAINED (the default) or PARC_PROC_ACTOR */
    unsigned capacity; /* queue capacity; 0: PARC_PROC_CAPACITY */
    unsigned batch;    /* steps per turn on a worker; 0: PARC_PROC_BATCH */
    /* Runs once when the process is reclaimed (its last handle dropped and
     * its queue finished), on the thread that reclaims it; may be NULL. */
    void (*fini)(void *state);
} parc_proc_opts;

#define PARC_PROC_CAPACITY 1024u
#define PARC_PROC_BATCH 32u
#define PARC_PROC_MAX_CAPACITY (1u << 30)

/* Creates a process with one handle. opts may be NULL (a contained process
 * with the defaults). Returns 0, EINVAL, or ENOMEM. */
int parc_proc_spawn(parc_proc *out, parc_step_fn step, void *state,
                    const parc_proc_opts *opts);

/* Queues msg. With reply non-NULL, *reply becomes a future of the step's
 * return value; with NULL nothing is allocated for it. From an ordinary task
 * or thread, a full queue makes the call help (run processes, futures) until
 * there is room; from an actor's step it never waits: the queue overflows
 * and the sending process is muted after this step until the receiver
 * drains. Returns 0; ESRCH when the process no longer exists (its last
 * handle was dropped); EINVAL for a null or consumed handle; EPERM from a
 * contained step; ENOMEM. */
int parc_proc_send(const parc_proc *h, void *msg, parc_future *reply);

/* Queues a future as the message: the step runs, in its turn, once the
 * future is ready, and receives its value; the process waits without
 * holding a worker. Consumes *msg (also on error, except EINVAL for msg
 * itself). Errors as parc_proc_send. */
int parc_proc_send_future(const parc_proc *h, parc_future *msg,
                          parc_future *reply);

/* From an actor's step only: queues msg on h and hands it the reply owed
 * for the current message (OTP's noreply then gen_server:reply), so the
 * current step's return value is discarded. A message sent without a reply
 * forwards none. Errors as parc_proc_send, and EPERM outside an actor step. */
int parc_proc_forward(const parc_proc *h, void *msg);

/* A reply owed, taken out of a step to be given later (OTP's noreply, then
 * gen_server:reply(From, Value)). */
typedef struct parc_reply {
    struct parcint_promise *promise;
} parc_reply;

/* From an actor's step: takes the reply owed for the current message, so
 * that the step's return value is discarded and parc_reply_give makes the
 * sender's future instead, later, from any step or thread. out->promise is
 * NULL when the message was sent without a reply. Returns 0, or EPERM
 * outside an actor step. A reply taken and never given leaves its joiners
 * waiting forever. */
int parc_proc_defer(parc_reply *out);
/* Gives a deferred reply (once: the reply is cleared). Returns 0, or
 * EINVAL for an empty or given reply. */
int parc_reply_give(parc_reply *r, void *value);

/* Makes *out another handle to the same process. */
int parc_proc_copy(const parc_proc *h, parc_proc *out);

/* Consumes the handle and clears *h. Dropping the last handle makes every
 * handle stale (sends return ESRCH); the queued messages are all still
 * processed, then the process is reclaimed (fini runs). */
int parc_proc_drop(parc_proc *h);

/* The runtime's own counters of a process. */
typedef struct parc_proc_stats {
    uint64_t queued;     /* messages sent and not yet processed */
    uint64_t max_queued; /* the most ever queued at once */
    unsigned capacity;
    unsigned batch;
    int muted;           /* muted now (an actor whose receiver is full) */
} parc_proc_stats;
int parc_proc_stats_get(const parc_proc *h, parc_proc_stats *out);

/* The handle of the process whose step the calling thread runs, without a
 * reference of its own (copy it to keep it); *out is cleared and EPERM
 * returned outside a step. */
int parc_proc_self(parc_proc *out);

/* From a step: makes state the process's state, the first argument of its
 * later steps and of fini, and the root of its heap (an object of that
 * heap, with everything it reaches, stays alive). Returns 0, or EPERM
 * outside a step. */
int parc_proc_state_set(void *state);

/* Process heaps in existence and the bytes (chunks) they hold, over every
 * process: counted before each reply is given (a joiner of the reply reads
 * what the step allocated), at the end of each turn, and when a process is
 * reclaimed with its heap. */
typedef struct parc_proc_heaps {
    uint64_t heaps;
    uint64_t bytes;
} parc_proc_heaps;
int parc_proc_heaps_get(parc_proc_heaps *out);

/* Bytes an idle process with an empty queue occupies (no per-object header:
 * processes come from type-stable slabs); one that has had messages keeps
 * its mailbox's last node besides (48 bytes). */
size_t parc_proc_size(void);

#endif /* PARC_H */
