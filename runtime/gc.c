/* gc.c: the collector of one task heap.
 *
 * Algorithm: conservative, non-moving mark-sweep in the manner of Boehm,
 * Demers and Weiser ("Garbage collection in an uncooperative environment",
 * SP&E 1988) -- every aligned word of the roots and of scanned objects that
 * points into (or one past) an object keeps it alive -- with lazy sweeping
 * (Hughes 1982) reduced to its least: a collection only sets mark bits; the
 * allocator later finds holes between marked cells as it reaches each chunk
 * (heap.c), in the way of Immix's line marks (Blackburn and McKinley, PLDI
 * 2008), so the pause is the mark plus one pass over the chunk headers.
 *
 * Where parc departs: the collection covers one task heap only, and is run by
 * the thread running that task while every other thread goes on (no global
 * pause, nobody waits). It marks only words that point into chunks of this
 * heap (the owner table, chunk.h); pointers into ancestors' or other tasks'
 * heaps are not followed. docs/heap.md argues why that is safe for
 * disentangled programs -- children reach their ancestors' objects only
 * through their frames, which live in the ancestors' stacks -- and lists the
 * rules for the hand API.
 *
 * Full collections of heaps with generations are incremental: the
 * mostly-parallel collection of Boehm, Demers and Shenker ("Mostly parallel
 * garbage collection", PLDI 1991) run in slices on the heap's own thread,
 * with the kernel's written-page sets as the dirty bits and new objects
 * allocated black; "incremental full collections" below says where parc
 * departs from it. Minor collections are sized to a pause goal
 * (size_nursery, PARC_GC_PAUSE_US).
 *
 * Roots: this thread's stack from the collector's own frame to the stack's
 * base (and AddressSanitizer's fake frames it refers to), its registers
 * (spilled there by __builtin_unwind_init), and the regions of
 * parc_root_add. The mark stack is malloc'd and grows: no
 * recursion.
 *
 * Scanning reads words it does not own: the whole stack (AddressSanitizer's
 * redzones among them) and objects other tasks may be writing (a stolen
 * child's result in its frame). Such a word can only hold a pointer into a
 * heap other than this one or a value that keeps nothing alive here (a
 * disentangled child never stores pointers to its new objects in ancestor
 * memory the ancestor's collector would need), so the reads are exempt from
 * the sanitizers (PARCINT_SCAN).
 */
#define _GNU_SOURCE
#include "gc.h"

#include "dirty.h"
#include "gcstats.h"
#include "pin.h"
#include "platform.h"
#include "roots.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SANITIZE_ADDRESS__
#include <sanitizer/asan_interface.h>
#endif

/* Collect when the bytes allocated since the last collection reach
 * max(FACTOR x live, MIN_THRESHOLD): the heap grows to at most about
 * (1 + FACTOR) x live between collections, and the mark's cost per allocated
 * byte is at most 1 / FACTOR of a byte marked. Measured on binarytrees 19
 * (docs/heap.md): FACTOR 2 took 25% less time than 1 but 40% more memory,
 * above Boehm's; 1 keeps the peak near Boehm's and the time well below it. Also (heap.c) when the heap
 * would grow after allocating its own size since the last collection:
 * the live size the threshold came from may be stale. */
#define FACTOR 1
#define MIN_THRESHOLD ((size_t)4 << 20)

/* Generations (docs/heap.md): a minor collection marks only young objects,
 * so its cost is what survives plus the written pages, not the live size.
 * Objects promoted and then dropped are found only by a full collection,
 * so a heap with generations keeps to a budget: its old objects (live or
 * dead) and its next nursery together within BUDGET_NUM / BUDGET_DEN times
 * the largest live size its recent full collections found (live_peak, at
 * least MIN_THRESHOLD). The nursery is FACTOR x that size where the budget
 * leaves room for it, else what the budget leaves (or less, where the pause
 * goal asks for less); once that is below 1 / FLOOR_DIV of the size, the
 * next collection is full.
 *
 * Why the largest size, and 1.5 times it: a program's live size swings
 * (binarytrees builds and drops trees: at depth 21 it is 128 to 192 MiB),
 * and a full collection finds whatever phase it lands in. The budget of
 * before, 2.25 times the last full collection's live size, was 2.25 times a
 * sample anywhere in the swing: 288 to 432 MiB (346 to 435 measured, libgc
 * 316). The largest recent size is the top of the swing whatever phase the
 * collections sample, so a factor near libgc's own bounds the heap in every
 * phase: 293 MiB at depth 21 and 88 at 19 (libgc 108), one worker, in
 * every run. The price is full collections: 21 against 11 at depth 21, a
 * quarter of a second more marking in a run of six (docs/heap.md,
 * "Budget from the largest live size"). live_peak falls a quarter of the
 * way to each smaller size a full collection finds (PEAK_FALL), so that
 * a phase whose collections all land low keeps the top; but to the size
 * found where that is below a quarter of it (PEAK_DROP): a heap that lost
 * most of its data shrank, and the nursery's empty chunks, which the
 * budget's base sizes, go back to the OS at once
 * (heap_shrinks_memory_back_to_os.c: 64 of 96 MiB were kept until then).
 *
 * With a pause goal the budget stays 2.25 times (GOAL_*): full collections
 * are incremental there, and objects allocated while one marks stay old
 * until the next, so the smaller budget brought twice the full collections
 * (gcpause: 12 to 13 against 6, and 20 to 50% more time) and no smaller
 * peak (215 to 237 MiB against 208 to 215). A floor of half the size
 * there, as before; without a goal a quarter, since the room the smaller
 * budget leaves above the live size is smaller too. */
#define BUDGET_NUM 3
#define BUDGET_DEN 2
#define FLOOR_DIV 4
#define GOAL_BUDGET_NUM 9
#define GOAL_BUDGET_DEN 4
#define GOAL_FLOOR_DIV 2
#define PEAK_FALL 4
#define PEAK_DROP 4

/* A chunk whose old objects fill at least DENSE_NUM / DENSE_DEN of its cells
 * is parked (its class's old list): the allocator does not use its holes
 * until a full collection finds it sparser. Young objects then go to fresh
 * or sparse chunks, so the pages of dense old chunks are written only by
 * the program's stores into old objects: a minor collection rescans few
 * pages, and the allocator takes few write faults. The price: holes in
 * parked chunks wait for the next full collection. */
#define DENSE_NUM 1
#define DENSE_DEN 2

#define PARCINT_SCAN __attribute__((no_sanitize_address, no_sanitize_thread))

size_t parcint_gc_min_threshold(void) { return MIN_THRESHOLD; }

struct range {
    const char *lo, *hi;
};

struct marker {
    uint64_t id;
    struct range *stack;
    size_t n, cap;
    int failed; /* the mark stack could not grow: rescan (below) */
    int defer;  /* scan() leaves what it reaches on the stack (incremental) */
    int owned;  /* the stack is an incremental collection's, not the thread's */
};

static __thread struct range *mark_stack;
static __thread size_t mark_cap;
static __thread const char *stack_hi;

/* Grows the mark stack; on failure the object stays marked but unscanned,
 * and rescan() finishes the mark by rescanning every marked object (slow,
 * never wrong). Returns 0 then. */
__attribute__((noinline)) static int grow(struct marker *m)
{
    size_t ncap = m->cap ? 2 * m->cap : 4096;
    struct range *s = realloc(m->stack, ncap * sizeof *s);
    if (!s) {
        m->failed = 1;
        return 0;
    }
    m->stack = s;
    m->cap = ncap;
    if (!m->owned) /* the thread's stack, kept between collections */
        parcint_keep_until_exit(PARCINT_KEPT_MARK_STACK, s);
    return 1;
}

/* Pushes [lo, hi) on the mark stack, to be scanned as an object is; -1
 * when the stack cannot grow. */
static int push_range(struct marker *m, const char *lo, const char *hi)
{
    if (m->n == m->cap && !grow(m))
        return -1;
    m->stack[m->n].lo = lo;
    m->stack[m->n].hi = hi;
    m->n++;
    return 0;
}

/* Marks the object of this heap that word w points into (or one past), if
 * any and unmarked, and pushes it to be scanned: its range [lo, hi), or for
 * a layout object its range tagged (lo + 1: cells are 8-aligned), whose
 * pointer words alone scan_layout reads.
 *
 * The cell of an offset is (off * recip) >> 40 with recip = 2^40 / cell + 1:
 * the error off / 2^40 < 2^-22 is below 1 / cell >= 2^-15, the smallest
 * distance of off / cell from the next integer, so the result is exact. */
PARCINT_SCAN static inline __attribute__((always_inline)) void
mark_word(struct marker *m, uintptr_t w, uintptr_t base, size_t nchunks,
          uint64_t id)
{
    size_t i = (w - base) >> PARCINT_CHUNK_SHIFT;
    if (i >= nchunks)
        return;
    /* relaxed: see chunk.h; only our own id matters. A chunk we
     * parked carries our id tagged: it holds only old (marked)
     * objects, so it is skipped here too (gc.c, generations). */
    if (atomic_load_explicit(&parcint_chunks.owner[i],
                             memory_order_relaxed) != id)
        return;
    parcint_chunk *c = parcint_chunk_header(parcint_chunks.first[i]);
    const char *q = (const char *)w;
    const char *olo, *ohi;
    if (c->kind == PARCINT_CHUNK_SMALL) {
        uint64_t cell = ((uint64_t)(q - c->objs) * c->recip) >> 40;
        if (cell >= c->nobj)
            return;
        uint64_t bit = (uint64_t)1 << (cell & 63);
        if (c->marks[cell >> 6] & bit)
            return;
        c->marks[cell >> 6] |= bit;
        c->live++; /* the header's line is loaded already (c->kind) */
        olo = c->objs + cell * c->cell;
        ohi = olo + c->cell;
    } else if (c->kind == PARCINT_CHUNK_LARGE) {
        if (c->marks[0])
            return;
        c->marks[0] = 1;
        olo = c->objs;
        ohi = c->objs + c->size;
    } else {
        return; /* an empty chunk kept for reuse */
    }
    /* One test on the path of parc_alloc objects (flags 0). */
    if (__builtin_expect(c->flags != 0, 0)) {
        if (c->flags & PARCINT_CHUNK_NOSCAN)
            return;
        olo++; /* PARCINT_CHUNK_LAYOUT: tagged for scan_layout */
    }
    if (m->n == m->cap && !grow(m))
        return;
    m->stack[m->n].lo = olo;
    m->stack[m->n].hi = ohi;
    m->n++;
}

/* The pointer words in [lo, hi) of the layout object lo lies in, and only
 * those: a word of it that is not a pointer keeps nothing alive, whatever
 * it holds. [lo, hi) is the object's cell, or (a large object's written
 * pages, scan_written) part of it. */
PARCINT_SCAN static void scan_layout(struct marker *m, const char *lo,
                                     const char *hi, uintptr_t base,
                                     size_t nchunks, uint64_t id)
{
    size_t i = ((uintptr_t)lo - base) >> PARCINT_CHUNK_SHIFT;
    parcint_chunk *c = parcint_chunk_header(parcint_chunks.first[i]);
    const char *obj = c->objs;
    if (c->kind == PARCINT_CHUNK_SMALL)
        obj += (((uint64_t)(lo - c->objs) * c->recip) >> 40) * c->cell;
    size_t count;
    const parc_layout *l = parcint_layout_of(c, obj, &count);
    if (!l || !l->n)
        return; /* a cell never handed out, or no pointers */
    size_t e = lo > obj ? (size_t)(lo - obj) / l->size : 0;
    size_t end = ((size_t)(hi - obj) + l->size - 1) / l->size;
    if (end > count)
        end = count;
    for (; e < end; e++) {
        const char *elem = obj + e * l->size;
        for (size_t f = 0; f < l->n; f++) {
            const char *p = elem + l->off[f];
            if (p >= lo && p < hi)
                mark_word(m, *(const uintptr_t *)p, base, nchunks, id);
        }
    }
}

/* Scans one object (or root range) [lo, hi): each word that points into
 * (or one past) an unmarked object of this heap marks it, and a marked
 * object's range goes on the mark stack (grey) for drain below. A range
 * tagged by mark_word (lo odd) is a layout object's: only its pointer words
 * are read (scan_layout). */
PARCINT_SCAN static inline __attribute__((always_inline)) void
scan_object(struct marker *m, const char *lo, const char *hi)
{
    const uintptr_t base = (uintptr_t)parcint_chunks.base;
    const size_t nchunks = parcint_chunks.n;
    const uint64_t id = m->id;
    if ((uintptr_t)lo & 1) {
        scan_layout(m, lo - 1, hi, base, nchunks, id);
        return;
    }
    const char *p = (const char *)(((uintptr_t)lo + 7) & ~(uintptr_t)7);
    for (; p + 8 <= hi; p += 8)
        mark_word(m, *(const uintptr_t *)p, base, nchunks, id);
}

/* Scans the mark stack's objects until it is empty. */
PARCINT_SCAN static void drain(struct marker *m)
{
    while (m->n) {
        m->n--;
        scan_object(m, m->stack[m->n].lo, m->stack[m->n].hi);
    }
}

/* Scans [lo, hi) and then everything it reaches; in an incremental
 * marking's slices (m->defer) only [lo, hi): the slices drain the rest. */
PARCINT_SCAN static void scan(struct marker *m, const char *lo, const char *hi)
{
    scan_object(m, lo, hi);
    if (!m->defer)
        drain(m);
}

static void scan_region(void *ctx, const char *lo, const char *hi)
{
    scan(ctx, lo, hi);
}

/* Scans [lo, hi), an object of chunk c or (scan_written) part of a large
 * one, and what it reaches: precisely when c holds layout objects (the
 * range tagged as mark_word tags it). */
static void scan_known(struct marker *m, const parcint_chunk *c,
                       const char *lo, const char *hi)
{
    if (c->flags & PARCINT_CHUNK_LAYOUT)
        lo++;
    scan(m, lo, hi);
}

/* Calls fn(ctx, ch) for every small chunk of h on a done, old or todo list
 * (all of them, once a collection has retired its holes); stops at fn's
 * first nonzero answer and returns it. */
static int each_listed_chunk(parcint_heap *h,
                             int (*fn)(void *ctx, parcint_chunk *ch), void *ctx)
{
    for (int k = 0; k < PARCINT_KINDS; k++)
        for (unsigned c = 0; c < PARCINT_NCLASSES; c++)
            for (int l = 0; l < 3; l++)
                for (parcint_chunk *ch = l == 2 ? h->cls[k][c].todo.head
                                         : l ? h->cls[k][c].old.head
                                             : h->cls[k][c].done.head;
                     ch; ch = ch->next) {
                    int r = fn(ctx, ch);
                    if (r)
                        return r;
                }
    return 0;
}

static int rescan_chunk(void *ctx, parcint_chunk *ch)
{
    struct marker *m = ctx;
    if (!(ch->flags & PARCINT_CHUNK_NOSCAN))
        for (uint32_t i = 0; i < ch->nobj; i++)
            if (ch->marks[i >> 6] >> (i & 63) & 1)
                scan_known(m, ch, ch->objs + (size_t)i * ch->cell,
                           ch->objs + (size_t)(i + 1) * ch->cell);
    return 0;
}

/* After the mark stack failed to grow: every marked, scanned object is
 * scanned again until nothing new is marked. */
static void rescan(struct marker *m, parcint_heap *h)
{
    while (m->failed) {
        m->failed = 0;
        each_listed_chunk(h, rescan_chunk, m);
        for (parcint_chunk *ch = h->large.head; ch; ch = ch->next)
            if (ch->marks[0] && !(ch->flags & PARCINT_CHUNK_NOSCAN)) {
                scan_known(m, ch, ch->objs, ch->objs + ch->size);
            }
    }
}

static const char *thread_stack_hi(void)
{
    if (!stack_hi) {
        pthread_attr_t a;
        void *addr;
        size_t size;
        if (pthread_getattr_np(pthread_self(), &a) == 0) {
            if (pthread_attr_getstack(&a, &addr, &size) == 0)
                stack_hi = (const char *)addr + size;
            pthread_attr_destroy(&a);
        }
    }
    return stack_hi;
}

#ifdef __SANITIZE_ADDRESS__
/* With detect_stack_use_after_return=1, AddressSanitizer moves the locals of
 * instrumented functions into fake frames off the thread's stack. Each real
 * frame keeps the address of its fake frame, so every word of [lo, hi) that
 * lies in this thread's fake stack names a frame to scan as well. */
PARCINT_SCAN static void scan_fake_frames(struct marker *m, const char *lo,
                                          const char *hi)
{
    void *fake = __asan_get_current_fake_stack();
    if (!fake)
        return;
    const char *p = (const char *)(((uintptr_t)lo + 7) & ~(uintptr_t)7);
    for (; p + 8 <= hi; p += 8) {
        void *beg, *end;
        if (__asan_addr_is_in_fake_stack(fake, *(void *const *)p, &beg, &end))
            scan(m, beg, end);
    }
}
#else
static void scan_fake_frames(struct marker *m, const char *lo, const char *hi)
{
    (void)m, (void)lo, (void)hi;
}
#endif

/* Scans from this function's frame to the base of the stack: every frame of
 * the thread, the caller's spilled registers included. */
PARCINT_SCAN __attribute__((noinline)) static void scan_stack(struct marker *m)
{
    const char *lo = __builtin_frame_address(0);
    const char *hi = thread_stack_hi();
    if (hi && lo < hi) {
        scan(m, lo, hi);
        scan_fake_frames(m, lo, hi);
    }
}

/* __builtin_unwind_init saves every callee-saved register in this frame, so
 * a pointer that lived only in a register is on the stack scan_stack reads. */
__attribute__((noinline)) static void mark_roots(parcint_heap *h,
                                                  struct marker *m)
{
    __builtin_unwind_init();
    scan_stack(m);
    parcint_roots_scan(scan_region, m);
    parcint_pins_scan(h, scan_region, m); /* messages in flight (pin.h) */
    /* Keep this frame (and the registers it saved) alive across the calls. */
    __asm__ __volatile__("" ::: "memory");
}

/* ---- generations ---- */

struct written {
    struct marker *m;
    parcint_chunk *c;
    uint64_t scan_ns; /* time spent rescanning, the kernel's excluded */
    size_t pages;     /* written pages of cells rescanned */
    size_t old;       /* old (marked) cells on them rescanned */
};

/* A run [a, b) of written pages of chunk w->c: rescans the old (marked)
 * objects that overlap it, whole, so that the young objects they now point
 * to are marked. Young objects on the page need nothing: they are reached
 * from the roots or from an old object, or they are garbage. A large
 * object is rescanned only over the written pages. */
PARCINT_SCAN static void scan_written(void *ctx, const char *a, const char *b)
{
    struct written *w = ctx;
    parcint_chunk *c = w->c;
    if (c->kind == PARCINT_CHUNK_LARGE) {
        const char *lo = a > c->objs ? a : c->objs;
        const char *hi = b < c->objs + c->size ? b : c->objs + c->size;
        if (lo < hi) {
            size_t pages = ((size_t)(hi - lo) + 4095) / 4096;
            w->pages += pages;
            c->written += (uint32_t)pages;
            scan_known(w->m, c, lo, hi);
        }
        return;
    }
    const char *end = c->objs + (size_t)c->nobj * c->cell;
    if (a < c->objs)
        a = c->objs;
    if (b > end)
        b = end;
    if (a >= b)
        return;
    w->pages += ((size_t)(b - a) + 4095) / 4096;
    uint32_t i = (uint32_t)((size_t)(a - c->objs) / c->cell);
    uint32_t j = (uint32_t)((size_t)(b - 1 - c->objs) / c->cell);
    for (; i <= j; i++)
        if (c->marks[i >> 6] >> (i & 63) & 1) {
            w->old++;
            scan_known(w->m, c, c->objs + (size_t)i * c->cell,
                       c->objs + (size_t)(i + 1) * c->cell);
        }
}

/* The header of the chunk (or large object's run) that a lies in; *end
 * gets the address where that run ends. For the walks over a scan's
 * written regions, which may span several chunks. */
static parcint_chunk *run_at(const char *a, const char **end)
{
    const char *base = parcint_chunks.base;
    size_t i = (size_t)(a - base) >> PARCINT_CHUNK_SHIFT;
    parcint_chunk *c = parcint_chunk_header(parcint_chunks.first[i]);
    *end = base + ((c->index + c->run) << PARCINT_CHUNK_SHIFT);
    return c;
}

static void ignore_written(void *ctx, const char *a, const char *b)
{
    (void)ctx;
    /* The pages are protected again now: an empty chunk of this heap that
     * a run spans (own_gap) may have had none (heap.c's wp). */
    while (a < b)
        run_at(a, &a)->wp = 1;
}

static const char *chunk_end(parcint_chunk *c)
{
    return c->kind == PARCINT_CHUNK_LARGE ? c->objs + c->size
                                          : c->objs + PARCINT_CHUNK;
}

/* A run [a, b) of written pages in a run of adjacent tracked chunks
 * (scan_remembered): each chunk's part goes to scan_written, which ignores
 * what is not a cell (the tail of a large object's last chunk, of a small
 * chunk whose cells do not fill it). */
static void scan_written_run(void *ctx, const char *a, const char *b)
{
    struct written *w = ctx;
    uint64_t t = parcint_now_ns();
    while (a < b) {
        const char *end;
        parcint_chunk *c = run_at(a, &end);
        /* A run may span empty chunks of this heap (own_gap), which hold
         * nothing; the scan protected their written pages again, which
         * the allocator must lift when it reuses them (heap.c). */
        if (c->kind != PARCINT_CHUNK_EMPTY) {
            w->c = c;
            scan_written(w, a, end < b ? end : b);
        } else {
            c->wp = 1;
        }
        a = end;
    }
    w->scan_ns += parcint_now_ns() - t;
}

/* A scan of written pages is a system call: with a pause goal, runs of
 * tracked chunks are joined across gaps of at most GAP_MAX empty chunks of
 * this heap (own_gap). After an incremental collection some 800 tracked
 * chunks lay scattered among the empty ones, a scan per run. The scan
 * protects again the pages it reports: never another heap's (its collector
 * must see its own writes), nor a young or atomic chunk's of this heap (the
 * allocator would take a write fault per page); an empty chunk was
 * protected when it held old objects, or is written by the allocator
 * anyway. */
#define GAP_MAX 16

static int own_gap(size_t a, size_t b, uint64_t id)
{
    if (b - a > GAP_MAX || !parcint_dirty_pause_goal_ns())
        return 0;
    for (; a < b; a++)
        if (parcint_chunk_of((uintptr_t)parcint_chunk_addr(a), id) < 0 ||
            parcint_chunk_header(parcint_chunks.first[a])->kind !=
                PARCINT_CHUNK_EMPTY)
            return 0;
    return 1;
}

/* The first entry after l[i]'s run: adjacent chunks, or separated by an own
 * gap. */
static size_t run_end(parcint_chunk **l, size_t i, size_t n, uint64_t id)
{
    size_t j = i + 1;
    while (j < n) {
        size_t end = l[j - 1]->index + l[j - 1]->run;
        if (l[j]->index != end && !own_gap(end, l[j]->index, id))
            break;
        j++;
    }
    return j;
}

/* The tracked chunks of a minor collection, by index (a thread's array,
 * kept between collections as the mark stack is). */
static __thread parcint_chunk **tracked_list;
static __thread size_t tracked_cap;
static int by_index(const void *x, const void *y)
{
    size_t a = (*(parcint_chunk *const *)x)->index;
    size_t b = (*(parcint_chunk *const *)y)->index;
    return (a > b) - (a < b);
}

/* Sorts l[0, n) by index through a bitmap over the reservation's chunks (a
 * thread's, 32 KiB at the default size, kept as tracked_list is): a bit set
 * per chunk, then the words between the least and the greatest index read
 * back in order, each emptied as it is read. qsort's comparisons took 12 to
 * 40 us of a minor pause at 300 to 500 chunks. qsort still, where the bitmap
 * cannot be had. */
static __thread uint64_t *index_bits;
static void sort_by_index(parcint_chunk **l, size_t n)
{
    if (!n)
        return;
    if (!index_bits &&
        (index_bits = calloc((parcint_chunks.n + 63) / 64, sizeof *index_bits)))
        parcint_keep_until_exit(PARCINT_KEPT_INDEX_BITS, index_bits);
    if (!index_bits) {
        qsort(l, n, sizeof *l, by_index);
        return;
    }
    size_t lo = SIZE_MAX, hi = 0;
    for (size_t i = 0; i < n; i++) {
        size_t x = l[i]->index;
        index_bits[x >> 6] |= (uint64_t)1 << (x & 63);
        lo = x < lo ? x : lo;
        hi = x > hi ? x : hi;
    }
    size_t k = 0;
    for (size_t w = lo >> 6; w <= hi >> 6; w++) {
        uint64_t b = index_bits[w];
        index_bits[w] = 0;
        for (; b; b &= b - 1)
            l[k++] = parcint_chunk_header(w * 64 + (size_t)__builtin_ctzll(b));
    }
}

/* Appends ch to the tracked list; -1 when it cannot grow. */
static int list_tracked(size_t *n, parcint_chunk *ch)
{
    if (*n == tracked_cap) {
        size_t ncap = tracked_cap ? 2 * tracked_cap : 256;
        parcint_chunk **l = realloc(tracked_list, ncap * sizeof *l);
        if (!l)
            return -1;
        tracked_list = l;
        tracked_cap = ncap;
        parcint_keep_until_exit(PARCINT_KEPT_TRACKED, l);
    }
    tracked_list[(*n)++] = ch;
    return 0;
}

static int list_if_tracked(void *n, parcint_chunk *ch)
{
    return ch->tracked && list_tracked(n, ch) ? -1 : 0;
}

/* Open objects. A large object that a program writes all over between two
 * collections (gcpause's array of 2.8 MiB, four fifths of whose pages each
 * nursery rewrites) costs more protected than not: each written page is
 * protected again by the scan that reports it (an interrupt of every other
 * CPU the process runs on, per 2 MiB of page table) and then faults again at
 * its next write (about 1 us alone, 10 at two workers: the fault waits for
 * the other CPU's flush), and each is rescanned whole, 512 words for the few
 * slots written. So a minor collection that finds at least OPEN_NUM /
 * OPEN_DEN of such an object's pages written lifts its protection (one call)
 * and opens it: it keeps a twin, a copy of its words in memory mapped for it
 * (TreadMarks' twins and diffs), and every minor collection from then on
 * compares the object with its twin, with no system call, and marks from the
 * words that differ alone (rescan_open): sub-page cards without a write
 * barrier, for the price of the copy's memory and a read of both. An open
 * object is closed again (protected, its twin freed) by the next full
 * collection that stops the heap (track: a take protects every page of it,
 * all of them read as written; an incremental one keeps it open, inc_start),
 * or after QUIET_MINORS minor collections in a row found a word
 * changed on fewer than CLOSE_NUM / CLOSE_DEN of its pages: the next minor
 * collection protects it and compares it once more, and the one after that
 * judges it again (in a row: a program that writes its array once between
 * allocations that make two collections leaves every other one quiet).
 * Without a twin (a layout object, whose words are not all pointers; or no
 * memory for it) an open object is rescanned whole and closed at the
 * OPEN_MINORS-th minor collection since it opened. Objects below
 * OPEN_MIN_PAGES are left alone: their few faults cost little, and a twin
 * would not pay. */
#define OPEN_NUM 1
#define OPEN_DEN 2
#define CLOSE_NUM 1
#define CLOSE_DEN 8
#define OPEN_MIN_PAGES 64
#define QUIET_MINORS 4
#define OPEN_MINORS 16

static size_t diff_twin(struct marker *m, parcint_chunk *c, size_t from,
                        size_t to);

/* diff_twin compares four words at a time, twice a block; on x86-64 in a
 * clone for AVX2 too, chosen at load time (an ifunc), where the plain build
 * may only assume SSE2. gcpause's array of 2.8 MiB: 205 to 245 us a minor
 * collection with eight scalar compares a block, 161 to 180 with AVX2
 * (two workers). Not under the sanitizers: the clone's resolver runs while
 * the dynamic linker relocates, before their runtimes start, and under
 * ThreadSanitizer its instrumented entry crashed there. */
typedef uint64_t diff_words __attribute__((vector_size(32), aligned(8), may_alias));
#if defined(__has_feature)
#if __has_feature(thread_sanitizer) || __has_feature(address_sanitizer)
#define PARCINT_NO_CLONES 1
#endif
#endif
#if defined(__x86_64__) && defined(__gnu_linux__) && defined(__GNUC__) && \
    !defined(__SANITIZE_THREAD__) && !defined(__SANITIZE_ADDRESS__) && \
    !defined(PARCINT_NO_CLONES)
#define PARCINT_DIFF_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define PARCINT_DIFF_CLONES
#endif

static size_t large_pages(const parcint_chunk *c)
{
    return (c->size + PARCINT_PAGE - 1) / PARCINT_PAGE;
}

static void judge_open(parcint_heap *h, struct marker *m, parcint_chunk *c)
{
    size_t pages = large_pages(c);
    if (pages < OPEN_MIN_PAGES)
        return;
    if ((size_t)c->written * OPEN_DEN < pages * OPEN_NUM) {
        /* A twin mapped for it waits QUIET_MINORS such collections in a
         * row (a program may write the object all over once every other
         * collection), then goes. open_for counts them while closed. */
        if ((c->twin_ready || c->twin_asked) && ++c->open_for >= QUIET_MINORS)
            parcint_twin_unready(c);
        return;
    }
    c->open_for = 0;
    /* Without a twin (a layout object, whose words are not all pointers;
     * no memory for one) the object is rescanned whole. A twin is mapped
     * at the allocation slow path (parcint_gc_map_twins) and the object
     * opens at the next minor collection that finds it written all over
     * again: mapped here, its pages made the pause 2.3 to 3.8 ms. */
    if (!(c->flags & PARCINT_CHUNK_LAYOUT) && !c->twin_ready &&
        c->twin_asked != 2) {
        c->twin_asked = 1; /* again after a merge: the flag is the heap's */
        h->twins_asked = 1;
        return;
    }
    /* Every word's target is marked now: the written pages were just
     * rescanned, and the others hold what they held at the last
     * collection, whose targets were old then. So the twin (zero) may
     * start here: compared (diff_twin), which copies every word and marks
     * what is marked already. Not memcpy: the collector's reads of the
     * program's memory are not instrumented (PARCINT_SCAN), and another
     * thread may write it. Not filled at the slow path either: a word that
     * changed after the copy and back before the comparison (its first
     * target dead, the cell reused) would look unchanged. */
    c->twin = c->twin_ready;
    c->twin_ready = NULL;
    c->twin_asked = 0;
    if (c->twin)
        diff_twin(m, c, 0, c->size / 8);
    /* One flush in the pause, not a fault per page (0.6 us each: dirty.h). */
    parcint_dirty_unprotect(c->objs, c->objs + c->size, 0);
    c->tracked = PARCINT_TRACK_OPEN; /* open_for is 0 (above) */
}

void parcint_gc_map_twins(parcint_heap *h)
{
    h->twins_asked = 0;
    for (parcint_chunk *c = h->large.head; c; c = c->next)
        if (c->twin_asked == 1 && !c->twin_ready &&
            !(c->twin_ready = parcint_twin_new(c)))
            c->twin_asked = 2; /* no memory: it opens without one */
}

/* A chunk whose pages a take or a protection just covered: tracked (or,
 * after a refusal, 0), not open: an open object's twin goes. */
static void set_tracked(parcint_chunk *c, uint32_t tracked)
{
    if (c->kind == PARCINT_CHUNK_LARGE)
        parcint_twin_free(c);
    c->tracked = tracked;
}

/* Marks from the words [from, to) of open object c (from a multiple of 8,
 * to at most its whole words) that differ from its twin, each of which the
 * twin then takes; returns the pages with such a word. The
 * invariant: every word of a twin points to an object marked when the
 * twin took it (or to none), and marked still: a minor collection keeps
 * every mark, and an incremental full one scans the twin itself (inc_start)
 * besides the words that differ. So a word of the object equal to its
 * twin's needs nothing. Eight words are compared at a time: most blocks
 * are equal (gcpause's array: some 1,100 of 358,000 words differ a
 * collection). What it marks is left on the mark stack. */
PARCINT_DIFF_CLONES PARCINT_SCAN static size_t
diff_twin(struct marker *m, parcint_chunk *c, size_t from, size_t to)
{
    const uintptr_t base = (uintptr_t)parcint_chunks.base;
    const size_t nchunks = parcint_chunks.n;
    const uint64_t *w = (const uint64_t *)(const void *)c->objs;
    uint64_t *t = c->twin;
    size_t n = to, k = from, pages = 0, last = SIZE_MAX;
    for (; k < n; k += 8) {
        size_t e = k + 8 < n ? k + 8 : n;
        if (e - k == 8) {
            /* Plain loads (not memcpy, which the sanitizers intercept). */
            const diff_words *a = (const diff_words *)(const void *)(w + k);
            const diff_words *b = (const diff_words *)(const void *)(t + k);
            diff_words d = (a[0] ^ b[0]) | (a[1] ^ b[1]);
            if (__builtin_expect((d[0] | d[1] | d[2] | d[3]) == 0, 1))
                continue;
        }
        for (size_t j = k; j < e; j++) {
            uint64_t v = w[j]; /* once: the twin gets what was marked */
            if (v != t[j]) {
                t[j] = v;
                mark_word(m, v, base, nchunks, m->id);
                if (j / 512 != last) {
                    last = j / 512;
                    pages++;
                }
            }
        }
    }
    return pages;
}

/* A minor collection's rescan of open object c: the words that changed
 * (diff_twin), or without a twin all of them, and what they reach. Not the
 * kernel's: it is timed with the fixed part of the pause (size_nursery),
 * which it is, since it does not grow with the nursery. An object due to
 * close (QUIET_MINORS, OPEN_MINORS) is protected first, then rescanned
 * once more: a write after the protection is the next scan's to report.
 * Returns -1 when the kernel refused the protection. */
static int rescan_open(struct marker *m, parcint_chunk *c)
{
    int close = c->open_for >= (c->twin ? QUIET_MINORS : OPEN_MINORS);
    if (close && parcint_dirty_protect(c->objs, chunk_end(c)))
        return -1;
    if (!c->twin) {
        scan_known(m, c, c->objs, c->objs + c->size);
        c->open_for++;
    } else {
        size_t changed = diff_twin(m, c, 0, c->size / 8);
        drain(m);
        c->open_for = changed * CLOSE_DEN < large_pages(c) * CLOSE_NUM
                          ? c->open_for + 1
                          : 0;
    }
    if (close)
        set_tracked(c, 1);
    return 0;
}

/* The remembered set of a minor collection: the written pages of every
 * tracked chunk (pointerful, holding old objects, protected since). Every
 * old-to-young pointer was stored after the last collection, when its page
 * was protected already, so its page is reported here. Adjacent tracked
 * chunks are asked for in one scan (a system call each: one per chunk was
 * a third of a minor pause at a 0.5 ms goal). Returns -1 when the kernel
 * failed us (or the list could not grow): then the collection must be
 * full. *scan_ns gets the time spent rescanning. */
static int scan_remembered(struct marker *m, parcint_heap *h, uint64_t *scan_ns)
{
    struct written w = {m, NULL, 0, 0, 0};
    size_t n = 0;
    /* Atomic chunks are never tracked; scanned and layout chunks are. */
    if (each_listed_chunk(h, list_if_tracked, &n))
        return -1;
    for (parcint_chunk *ch = h->large.head; ch; ch = ch->next) {
        if (ch->tracked == PARCINT_TRACK_OPEN) {
            if (rescan_open(m, ch))
                return -1;
            continue;
        }
        ch->written = 0;
        if (ch->tracked && list_tracked(&n, ch))
            return -1;
    }
    sort_by_index(tracked_list, n);
    for (size_t i = 0; i < n;) {
        size_t j = run_end(tracked_list, i, n, h->id);
        if (parcint_dirty_take(tracked_list[i]->objs,
                               chunk_end(tracked_list[j - 1]),
                               scan_written_run, &w))
            return -1;
        i = j;
    }
    for (size_t i = 0; i < n; i++)
        if (tracked_list[i]->kind == PARCINT_CHUNK_LARGE)
            judge_open(h, m, tracked_list[i]);
    *scan_ns = w.scan_ns;
    parcint_gcstats_rescanned(w.old);
    return 0;
}

/* After a collection every live object is old: a pointerful chunk holding
 * live objects must be protected from now on. One already tracked stayed
 * protected but for its written pages, which scan_remembered protected
 * again (a minor collection) or which are taken now (a full one: its
 * writes were all traced). Returns -1 when the kernel refused. */
static int track(parcint_chunk *ch, int full)
{
    if (ch->flags & PARCINT_CHUNK_NOSCAN)
        return 0;
    int err = 0;
    if (ch->tracked == PARCINT_TRACK_OPEN && !full)
        return 0; /* stays open: a minor collection rescanned it */
    if (!ch->tracked)
        err = parcint_dirty_protect(ch->objs, chunk_end(ch));
    else if (full) /* closes an open object: every page of it is taken */
        err = parcint_dirty_take(ch->objs, chunk_end(ch), ignore_written, NULL);
    set_tracked(ch, !err);
    ch->wp = 1; /* also after a refusal: some pages may be protected */
    return err;
}

/* A full collection judges every chunk again: the parked ones too. */
static void unpark(parcint_class *kc, uint64_t id)
{
    for (parcint_chunk *ch = kc->old.head; ch; ch = ch->next)
        parcint_chunks_relabel(ch->index, 1, id);
    parcint_list_splice(&kc->done, &kc->old);
}

static void clear_marks(parcint_heap *h)
{
    for (int k = 0; k < PARCINT_KINDS; k++)
        for (unsigned c = 0; c < PARCINT_NCLASSES; c++)
            for (parcint_chunk *ch = h->cls[k][c].done.head; ch; ch = ch->next) {
                memset(ch->marks, 0, (ch->nobj + 63) / 64 * 8);
                ch->live = 0;
            }
    for (parcint_chunk *ch = h->large.head; ch; ch = ch->next)
        ch->marks[0] = 0;
}

/* The pause goal (PARC_GC_PAUSE_US): after each minor collection the
 * heap's next nursery is sized so that the expected pause fits, from two
 * rates measured over its earlier minor collections (moving averages, a
 * quarter weight to the newest):
 * - the fixed part: what does not grow with the nursery (the passes over
 *   the chunk headers, the written-page scans' system calls, the
 *   protection of the chunks that got survivors);
 * - the rest per byte allocated: the young survivors marked and the written
 *   pages rescanned (both measured, the rescans timed apart from the
 *   kernel's part).
 * nursery = (2 goal / 5 - fixed) / rate, within [NURSERY_MIN, the threshold of
 * before]. Written pages grow less than in proportion with the nursery
 * (a page written twice is rescanned once), so a rate measured at a larger
 * nursery underestimates a smaller one's: the next measurement corrects
 * it, and the nursery settles in a few collections. A collection whose
 * fixed part alone exceeds the goal gets NURSERY_MIN: below it the fixed
 * part would be paid ever more often for no shorter pause. */
#define NURSERY_MIN ((size_t)256 << 10)

static uint64_t average(uint64_t old, uint64_t v)
{
    return old ? (3 * old + v) / 4 : v;
}

static void size_nursery(parcint_heap *h, size_t nursery, size_t promoted,
                         uint64_t pause_ns, uint64_t scan_ns)
{
    uint64_t goal = parcint_dirty_pause_goal_ns();
    if (!goal || nursery == 0) {
        h->nursery = 0; /* no goal: the threshold alone */
        return;
    }
    if (scan_ns > pause_ns)
        scan_ns = pause_ns;
    h->minor_fixed_ns = average(h->minor_fixed_ns, pause_ns - scan_ns);
    /* ps per byte, at least 1: a rate of 0 would mean "unbounded". */
    uint64_t rate = scan_ns * 1000 / nursery;
    h->minor_ps_per_byte = average(h->minor_ps_per_byte, rate ? rate : 1);
    /* Two fifths of the goal: the goal bounds the pauses (gcpause's target
     * is their p99), and a nursery sized to the goal itself put half of
     * them above it (the estimate's error, the machine's noise). Half the
     * goal did while the fixed part was most of a pause; once it shrank
     * (chunk headers apart, live counts kept while marking) the nurseries
     * grew, and with them the part that varies: gcpause's p99 at half the
     * goal was 0.84 to 1.00 ms at two workers and 0.93 to 0.97 at one,
     * at two fifths 0.70 to 0.80 and 0.67 (docs/heap.md, Figures). */
    uint64_t aim = goal * 2 / 5;
    size_t n = NURSERY_MIN;
    if (aim > h->minor_fixed_ns) {
        uint64_t b = (aim - h->minor_fixed_ns) * 1000 / h->minor_ps_per_byte;
        n = b > (uint64_t)((size_t)-1 >> 1) ? (size_t)-1 >> 1 : (size_t)b;
    }
    /* Most of the nursery survived: its objects were young but not short
     * lived (binarytrees' tree under construction), and a smaller nursery
     * would only promote them sooner, to die old and bring full
     * collections (at load 7, a 1 ms goal without this rule ran
     * binarytrees 19 with 22 full collections against 9 and 35% slower).
     * Grow instead; the threshold of before still caps it. */
    if (promoted * 2 > nursery && n < 2 * nursery) {
        /* ... but only as far as the goal itself, not half of it, allows:
         * gcpause's heap, built in its first nurseries, doubled them to 17
         * to 23 MiB, minor pauses of 1.4 to 1.9 ms. */
        uint64_t most = 0;
        if (goal > h->minor_fixed_ns)
            most = (goal - h->minor_fixed_ns) * 1000 / h->minor_ps_per_byte;
        n = most >= 2 * (uint64_t)nursery ? 2 * nursery
            : most > n                    ? (size_t)most : n;
    }
    h->nursery = n > NURSERY_MIN ? n : NURSERY_MIN;
}

/* The live size a heap's budget is made of: the largest its recent full
 * collections found (live_peak, kept by sort_chunks). */
static size_t budget_base(const parcint_heap *h)
{
    return h->live_peak > MIN_THRESHOLD ? h->live_peak : MIN_THRESHOLD;
}

/* What the budget leaves for the next nursery beside the old objects. */
static size_t budget_room(const parcint_heap *h)
{
    size_t budget = parcint_dirty_pause_goal_ns()
                        ? budget_base(h) / GOAL_BUDGET_DEN * GOAL_BUDGET_NUM
                        : budget_base(h) / BUDGET_DEN * BUDGET_NUM;
    return budget > h->live ? budget - h->live : 0;
}

/* Below this room the next collection is full (the floor). */
static size_t budget_floor(const parcint_heap *h)
{
    return budget_base(h) /
           (parcint_dirty_pause_goal_ns() ? GOAL_FLOOR_DIV : FLOOR_DIV);
}

/* h->full_next when the last collection only lacked generations (below):
 * the next full collection may mark incrementally, since its start
 * protects every pointerful chunk; after a merge or a refused protection
 * it stops the heap. */
#define FULL_UNTRACKED 2

/* Whether h collects with generations (where the written-page sets work):
 * once a full collection found PARC_GC_GEN_MIN live; with a pause goal,
 * also once a full mark of what it found, at the rate its last
 * stop-the-heap mark took, would be more than half the goal: such a mark
 * cannot be a pause that fits, and only generations (minor collections,
 * incremental full ones) can. gcpause's heap, built to 16 MiB of randomly
 * linked objects (0.2 to 0.4 MB a ms), stopped for three full marks of 1
 * to 8 ms below the 8 MiB. */
static int gen_started(parcint_heap *h)
{
    uint64_t goal = parcint_dirty_pause_goal_ns();
    return h->live_full >= parcint_dirty_min_old() ||
           (goal && h->full_ps_per_byte &&
            h->live_full * h->full_ps_per_byte / 1000 > goal / 2);
}

/* After a stop-the-heap full collection under a pause goal: its mark rate,
 * and, until minor collections were measured, the first nursery: all of it
 * surviving and marked at that rate in half the goal (the threshold of
 * before, the live size, is what a heap under construction keeps, and its
 * mark a pause of the whole goal's order several times over). */
static void measure_full(parcint_heap *h, uint64_t mark_ns, size_t live)
{
    if (!parcint_dirty_pause_goal_ns() || live < NURSERY_MIN)
        return;
    uint64_t rate = mark_ns * 1000 / live;
    h->full_ps_per_byte = rate ? rate : 1;
    if (!h->minor_ps_per_byte) {
        uint64_t n = parcint_dirty_pause_goal_ns() / 2 * 1000 /
                     h->full_ps_per_byte;
        h->nursery = n > NURSERY_MIN ? (size_t)n : NURSERY_MIN;
    }
}

/* 1. Every small chunk to done; no hole is current (the allocator starts
 * again from todo). The marks stay for a minor collection: marked cells are
 * the old objects (sticky mark bits). A full collection unparks every chunk:
 * each is judged again. With a pause goal a minor collection leaves the
 * chunks in todo where they are: the allocator has not reached them since
 * the last collection, so their marks and live counts are unchanged, and
 * counting them again was 300 to 700 us of each minor pause after an
 * incremental collection (sort_chunks). */
static void retire_holes(parcint_heap *h, int full)
{
    int keep_todo = !full && parcint_dirty_pause_goal_ns() != 0;
    for (int k = 0; k < PARCINT_KINDS; k++)
        for (unsigned c = 0; c < PARCINT_NCLASSES; c++) {
            parcint_class *kc = &h->cls[k][c];
            if (kc->cur)
                parcint_list_push(&kc->done, kc->cur);
            kc->cur = NULL;
            if (kc->hole_start)
                parcint_gcstats_allocated((size_t)(kc->bump - kc->hole_start));
            kc->bump = kc->end = kc->hole_end = kc->hole_start = NULL;
            kc->next_cell = 0;
            if (full) /* todo chunks may be tagged (sort_chunks) */
                for (parcint_chunk *ch = kc->todo.head; ch; ch = ch->next)
                    parcint_chunks_relabel(ch->index, 1, h->id);
            if (!keep_todo)
                parcint_list_splice(&kc->done, &kc->todo);
            if (full)
                unpark(kc, h->id);
            for (parcint_chunk *ch = kc->done.head; ch; ch = ch->next)
                ch->fresh = 0;
        }
}

/* 3. and 4. After the mark: chunks with live cells wait in todo for the
 * allocator to reuse their holes (or are parked when dense); empty ones join
 * the heap's empty list; dead large objects go; live pointerful chunks are
 * protected (generations). Then the next threshold, and the heap shrinks to
 * what the next cycle will use. */
/* taken: the final round of an incremental marking took every tracked
 * chunk's written pages just now. bounded: the collection is a short pause
 * (minor, or an incremental one's final): it gives back no chunk, and
 * leaves the empty ones beyond what it would keep to the allocation slow
 * path, one a hole (heap.c): a give-back is a system call of about 30 us
 * here, and 16 of them were half of a final pause. */
static void sort_chunks(parcint_heap *h, int full, int gen, int gen_mode,
                        int taken, int bounded)
{
    size_t live = 0, holes = 0;
    int untracked = 0;
    /* With a pause goal the allocator takes only old chunks' whole free
     * pages (heap.c): a pointerful chunk with none is parked now, so that
     * the written pages' rescans skip its objects at the owner table
     * (chunk.h) instead of reading its header and marks for every word
     * that points into it (after a full collection, a minor pause of 2 ms
     * against 0.5). */
    int page_holes = parcint_dirty_pause_goal_ns() != 0;
    for (int k = 0; k < PARCINT_KINDS; k++)
        for (unsigned c = 0; c < PARCINT_NCLASSES; c++) {
            parcint_class *kc = &h->cls[k][c];
            parcint_chunk *ch;
            /* Chunks a minor collection left in todo (retire_holes). */
            for (ch = kc->todo.head; ch; ch = ch->next) {
                live += (size_t)ch->live * ch->cell;
                holes += (ch->nobj - ch->live) * (size_t)ch->cell;
            }
            /* Chunks parked before a minor collection: nothing was
             * allocated in them, so their marks, and live counts, are
             * unchanged. Summed before the loop below parks more, which
             * it counts itself (summed after it, those were counted
             * twice: 373 MiB live in a heap of 268 at binarytrees 21). */
            if (!full)
                for (ch = kc->old.head; ch; ch = ch->next)
                    live += (size_t)ch->live * ch->cell;
            while ((ch = parcint_list_pop(&kc->done))) {
                size_t n = ch->live;
                if (n == 0) {
                    ch->kind = PARCINT_CHUNK_EMPTY;
                    ch->tracked = 0;
                    parcint_list_push(&h->empty, ch);
                } else if (gen && (n * DENSE_DEN >= (size_t)ch->nobj * DENSE_NUM ||
                                   (page_holes && !(ch->flags & PARCINT_CHUNK_NOSCAN) &&
                                    !parcint_has_free_page(ch)))) {
                    live += n * ch->cell;
                    untracked |= track(ch, full && !taken);
                    parcint_chunks_relabel(ch->index, 1,
                                           h->id | PARCINT_OWNER_PARKED);
                    parcint_list_push(&kc->old, ch);
                } else {
                    live += n * ch->cell;
                    holes += (ch->nobj - n) * (size_t)ch->cell;
                    if (gen)
                        untracked |= track(ch, full && !taken);
                    /* Until the allocator takes it (heap.c), a chunk in
                     * todo holds old objects only: with a goal it is
                     * tagged as a parked one is, and a minor collection's
                     * mark stops at the owner table for words that point
                     * into it. The rescans of gcpause's array read chunk
                     * headers and marks for every word otherwise, 2 ms of
                     * the minor pauses after an incremental collection
                     * left 360 chunks in todo. */
                    if (gen && page_holes)
                        parcint_chunks_relabel(ch->index, 1,
                                               h->id | PARCINT_OWNER_PARKED);
                    parcint_list_push(&kc->todo, ch);
                }
            }
        }
    parcint_chunk_list keep = {0};
    parcint_chunk *ch;
    while ((ch = parcint_list_pop(&h->large))) {
        if (ch->marks[0]) {
            live += ch->size;
            if (gen)
                untracked |= track(ch, full && !taken);
            parcint_list_push(&keep, ch);
        } else {
            parcint_heap_free_large(h, ch);
        }
    }
    h->large = keep;

    h->live = live;
    if (full) {
        h->live_full = live;
        /* Rises at once, falls by a quarter of the way (PEAK_FALL), or all
         * the way where the heap lost most of its data (PEAK_DROP). */
        if (live >= h->live_peak || live < h->live_peak / PEAK_DROP)
            h->live_peak = live;
        else
            h->live_peak -= (h->live_peak - live) / PEAK_FALL;
    }
    h->full_next = untracked ? 1 : gen_mode && !gen ? FULL_UNTRACKED : 0;
    h->merged = 0;
    h->since = 0;
    h->threshold = live * FACTOR > MIN_THRESHOLD ? live * FACTOR : MIN_THRESHOLD;
    /* Generations: the nursery the budget leaves (above); when it is below
     * the floor the next collection is full, after what is left (at least
     * NURSERY_MIN: a nursery of nothing would collect at once). */
    if (gen && !h->full_next) {
        size_t n = FACTOR * budget_base(h), room = budget_room(h);
        if (n > room)
            n = room;
        h->threshold = n > NURSERY_MIN ? n : NURSERY_MIN;
    }
    /* The empty chunks kept are those the threshold above would keep, also
     * when the pause goal's nursery is smaller (below): each nursery's
     * garbage empties a chunk or so per size class it used, and giving
     * those back at every minor collection cost a third of its pause (the
     * kernel's unmapping, and page faults when the next nursery takes them
     * again). The rest go back: with generations, what the budget has no
     * room for (binarytrees kept 68 MiB of empty chunks when the nursery
     * was the size of the old objects, dead ones included). */
    size_t keep_empty = h->threshold > holes ? h->threshold - holes : 0;
    /* A minor collection next: its nursery as the pause goal says (once a
     * minor collection was measured: a guess of a nanosecond a byte for the
     * first promoted binarytrees' trees under construction). */
    if (!h->full_next && gen && h->nursery && h->nursery < h->threshold)
        h->threshold = h->nursery;
    h->keep_empty = bounded ? keep_empty : (size_t)-1;
    if (!bounded)
        parcint_heap_trim(h, keep_empty);
    h->grow_limit = h->chunks * PARCINT_CHUNK > MIN_THRESHOLD
                        ? h->chunks * PARCINT_CHUNK : MIN_THRESHOLD;
}

/* ---- incremental full collections ----
 *
 * A full collection of a heap with generations marks in slices, each at
 * most the pause goal, run by the heap's own thread at its allocation slow
 * path (parcint_gc_collect once the slice's allocation is done): the
 * mostly-parallel collection of Boehm, Demers and Shenker (PLDI 1991) made
 * incremental, with the kernel's written-page sets as the dirty bits.
 *
 * - Start (a pause): the holes are retired and every chunk unparked, the
 *   marks cleared, every pointerful chunk protected (its written-page set
 *   emptied), and the roots' targets pushed on the collection's own mark
 *   stack (grey).
 * - Slices: drain the mark stack for at most the pause goal. New objects
 *   are black: while marking, the allocator takes no holes of old chunks
 *   (todo is empty: every chunk is in done) and marks each hole it sets up
 *   in a new chunk, capped at HOLE_CAP bytes, before handing it out
 *   (parcint_gc_black), and each large object at its allocation. A black
 *   object is never scanned, so a pointer stored into it, or into an
 *   object already scanned, is found through its written page:
 * - Rounds: once the stack is empty, the written pages of every pointerful
 *   chunk are taken (and protected again) and the marked cells on them are
 *   scanned again, a run of chunks at a time within the slice's budget;
 *   new chunks, never protected, read as written in their first round.
 *   Rounds go on, with the marking of what they reach, until a round finds
 *   at most FINAL_PAGES written pages:
 * - Final pause: the roots (stack, registers, parc_root_add regions and
 *   futures) are scanned, the written pages taken and rescanned once more,
 *   and everything reached drained, with the program stopped; then the
 *   current holes' unused cells are unmarked and the chunks sorted as after
 *   any full collection.
 *
 * Where parc departs from Boehm, Demers and Shenker: no marker thread (the
 * slices run on the heap's own thread, so no other thread ever waits and
 * the mark bits need no atomics); the dirty bits are per page from the
 * kernel (PAGEMAP_SCAN), not from mprotect faults; objects allocated during
 * the marking are black and stay old after it (floating garbage until the
 * next full collection), since unmarking them would hide the pointers old
 * objects got to them on pages the final pause has already taken. A heap
 * merged into another, adopted by another thread, or destroyed while
 * marking drops its marking (parcint_gc_abandon) and collects fully
 * (stop-the-heap) next; so does one that must collect "now"
 * (parc_gc_collect, out of memory). Where the written-page sets are
 * unavailable (PARC_GC_GEN=off, kernels before 6.7) every full collection
 * stops the heap, as before. */
#define HOLE_CAP ((size_t)32 << 10)   /* a slow path at least this often */
/* Allocation between slices: each scans at least PACE times that, which
 * takes longer than half the goal where marking misses the cache (gcpause:
 * 128 KiB in 650 us, slices of 0.7 ms, the p99's at 64 KiB). */
#define SLICE_BYTES ((size_t)32 << 10)
#define SPLIT ((size_t)32 << 10) /* a slice scans a large object in pieces */
#define SLICE_MIN ((size_t)4 << 10) /* ... at least, when rounds lag */
#define FINAL_PAGES 64
#define MAX_ROUNDS 6
#define PACE 2 /* bytes scanned at least per byte allocated, in a slice */
#define STRESS_SLICE 16 /* objects per slice under PARC_GC_STRESS */

/* The phases of a marking between slices: draining, taking a round's
 * written ranges, comparing the open objects with their twins (the rest of
 * the round), and the final pause, due at the next slice. */
enum { INC_MARK = 1, INC_ROUND, INC_OPEN, INC_FINAL };

struct incremental {
    struct marker m;
    int phase;
    size_t nchunks;      /* the round's pointerful chunks, by index */
    parcint_chunk **chunks;
    int collected;       /* INC_ROUND: the round's written ranges are found */
    size_t cursor;       /* INC_ROUND: the next of them to take */
    size_t nranges, cap_ranges;
    struct range *ranges;
    parcint_chunk *open_at; /* INC_OPEN: the open object compared next */
    size_t open_word;    /* ... and its next word */
    size_t round_pages;  /* written pages found so far in this round */
    uint64_t round_ns;   /* and the time taken so far */
    unsigned rounds;     /* complete rounds */
    size_t last_pages;   /* written pages the last complete round found */
    size_t slice_bytes;  /* allocation between slices (SLICE_BYTES, less
                            while rounds do not converge) */
    size_t allocated;    /* bytes allocated since the marking began */
    uint64_t mark_ns;    /* the slices' pauses, for the mark rate */
};

static pthread_once_t inc_once = PTHREAD_ONCE_INIT;
static int inc_on;      /* PARC_GC_INCREMENTAL (default 1) */
static int inc_stress;  /* PARC_GC_STRESS: slices of STRESS_SLICE objects */

static void read_inc_env(void)
{
    inc_on = parcint_env_ulong("PARC_GC_INCREMENTAL", 1) != 0;
    inc_stress = parcint_env_ulong("PARC_GC_STRESS", 0) != 0;
}

/* Drains the mark stack until it is empty (returns 1) or the budget is
 * spent: the deadline (ns) once at least min_bytes were scanned, or under
 * stress a number of objects. min_bytes paces the marking by the
 * allocation rather than by the clock alone: on a loaded machine a slice
 * that is preempted still does its share, so that the marking ends within
 * a bounded allocation (the pause then exceeds the goal, as the machine's
 * own preemption already made it). */
PARCINT_SCAN static int drain_some(struct marker *m, uint64_t deadline,
                                   size_t min_bytes)
{
    size_t k = 0, bytes = 0;
    while (m->n) {
        m->n--;
        const char *lo = m->stack[m->n].lo, *hi = m->stack[m->n].hi;
        if ((size_t)(hi - lo) > SPLIT) {
            /* A large object a piece at a time, the rest left on the
             * stack (a layout object's tag, lo odd, stays on it): a slice
             * that scanned gcpause's 2.7 MiB array whole took 5 ms. */
            m->stack[m->n++].lo = lo + SPLIT;
            hi = lo + SPLIT;
        }
        bytes += (size_t)(hi - lo);
        scan_object(m, lo, hi);
        if (++k % (inc_stress ? STRESS_SLICE : 256) == 0 &&
            (inc_stress ||
             (bytes >= min_bytes && parcint_now_ns() >= deadline)))
            return m->n == 0;
    }
    return 1;
}

/* Collects h's pointerful chunks, sorted by index, into inc->chunks (the
 * current chunks of the allocator included; open objects with a twin left
 * out: diff_open takes their writes). Returns -1 when the list cannot
 * grow. */
static int list_pointerful(parcint_heap *h, struct incremental *inc)
{
    size_t n = 0;
    for (int k = 0; k < PARCINT_KINDS; k++) {
        if (k == PARCINT_KIND_NOSCAN)
            continue;
        for (unsigned c = 0; c < PARCINT_NCLASSES; c++) {
            parcint_class *kc = &h->cls[k][c];
            if (kc->cur && list_tracked(&n, kc->cur))
                return -1;
            for (parcint_chunk *ch = kc->done.head; ch; ch = ch->next)
                if (list_tracked(&n, ch))
                    return -1;
        }
    }
    for (parcint_chunk *ch = h->large.head; ch; ch = ch->next)
        if (!(ch->flags & PARCINT_CHUNK_NOSCAN) &&
            !(ch->tracked == PARCINT_TRACK_OPEN && ch->twin) && /* diff_open */
            list_tracked(&n, ch))
            return -1;
    sort_by_index(tracked_list, n);
    parcint_chunk **l = realloc(inc->chunks, (n ? n : 1) * sizeof *l);
    if (!l)
        return -1;
    memcpy(l, tracked_list, n * sizeof *l);
    inc->chunks = l;
    inc->nchunks = n;
    return 0;
}

/* A round's written ranges: the parts of listed chunks (inc->chunks) that
 * parcint_dirty_written reported, merged where adjacent. The regions come
 * in address order and the list is by index, so one pass over both. */
struct collect {
    struct incremental *inc;
    size_t k; /* the first listed chunk that may still overlap a region */
    int failed;
};

static void collect_written(void *ctx, const char *a, const char *b)
{
    struct collect *c = ctx;
    struct incremental *inc = c->inc;
    while (a < b && c->k < inc->nchunks) {
        parcint_chunk *ch = inc->chunks[c->k];
        const char *lo = ch->objs, *hi = chunk_end(ch);
        if (hi <= a) {
            c->k++;
            continue;
        }
        if (lo >= b)
            return;
        const char *x = a > lo ? a : lo, *y = b < hi ? b : hi;
        struct range *r = inc->nranges ? &inc->ranges[inc->nranges - 1] : NULL;
        if (r && r->hi == x) {
            r->hi = y;
        } else {
            if (inc->nranges == inc->cap_ranges) {
                size_t ncap = inc->cap_ranges ? 2 * inc->cap_ranges : 256;
                struct range *l = realloc(inc->ranges, ncap * sizeof *l);
                if (!l) {
                    c->failed = 1;
                    return;
                }
                inc->ranges = l;
                inc->cap_ranges = ncap;
            }
            inc->ranges[inc->nranges++] = (struct range){x, y};
        }
        a = y;
    }
}

/* A round over the listed chunks (list_pointerful, inc->cursor 0 at its
 * start): their written pages are found by one walk that protects nothing
 * (parcint_dirty_written, over the span of the list, other heaps' chunks
 * and this heap's unlisted ones included) and then taken, protected again
 * and their marked cells rescanned (pushing what they reach, or draining
 * it when m->defer is off), a range at a time, at most ROUND_BYTES a call
 * while there is a deadline, until the deadline (never, when 0). Before,
 * a take per run of adjacent listed chunks: after a full collection
 * scattered gcpause's 800 chunks among the others, a round took 3 ms of
 * system calls that found a few dozen pages, never converged, and the
 * final pause repeated it. Returns 1 when the round is complete (every
 * listed chunk protected but for what was written after its take), 0 when
 * the deadline came first, -1 when the kernel refused. */
#define ROUND_BYTES ((size_t)2 << PARCINT_CHUNK_SHIFT) /* two chunks */
#define WALK_GAP 256 /* chunks (64 MiB): an arena holds 256 at least */

static int round_some(struct incremental *inc, uint64_t deadline)
{
    struct written w = {&inc->m, NULL, 0, 0, 0};
    uint64_t t0 = parcint_now_ns();
    parcint_chunk **l = inc->chunks;
    size_t n = inc->nchunks;
    if (inc->cursor == 0 && !inc->collected) {
        struct collect c = {inc, 0, 0};
        inc->nranges = 0;
        /* A walk per cluster of listed chunks: one across the gap to a
         * heap merged from another thread's arena would walk the other
         * threads' chunks between. */
        for (size_t i = 0, j; i < n; i = j) {
            for (j = i + 1; j < n && l[j]->index - (l[j - 1]->index +
                                                    l[j - 1]->run) <= WALK_GAP;
                 j++)
                ;
            if (parcint_dirty_written(l[i]->objs, chunk_end(l[j - 1]),
                                      collect_written, &c) ||
                c.failed)
                return -1;
        }
        inc->collected = 1;
    }
    size_t i = inc->cursor;
    while (i < inc->nranges) {
        struct range *r = &inc->ranges[i];
        const char *end = r->hi;
        /* A new chunk's first round rescans all its black cells, about
         * 0.5 ms: a slice stops between pieces (a take of 8 chunks made
         * slices of 2 to 3 ms). */
        if (deadline && (size_t)(end - r->lo) > ROUND_BYTES)
            end = r->lo + ROUND_BYTES;
        if (parcint_dirty_take(r->lo, end, scan_written_run, &w))
            return -1;
        if (end == r->hi)
            i++;
        else
            r->lo = end;
        if (deadline && (inc_stress || parcint_now_ns() >= deadline))
            break;
    }
    inc->cursor = i;
    inc->round_pages += w.pages;
    inc->round_ns += parcint_now_ns() - t0;
    if (i < inc->nranges)
        return 0;
    /* Every listed chunk is protected now: its later writes are the next
     * round's. */
    for (size_t k = 0; k < n; k++) {
        set_tracked(l[k], 1);
        l[k]->wp = 1;
    }
    inc->collected = 0;
    return 1;
}

/* An incremental full collection keeps an open object with a twin open
 * (inc_start); its rounds and final pause take the words that changed
 * since from the twin instead of written pages. The open objects' part of
 * a round (INC_OPEN): their words compared with their twins, the pages
 * with a changed word counted in round_pages, in pieces of OPEN_PIECE
 * words while the deadline allows (none: 0), from where the last call
 * stopped (the final pause starts over: inc_finish). A round's
 * first comparison finds every word the program changed while the slices
 * drained: 15,000 to 27,000 of gcpause's, 400 to 660 us in one piece.
 * Returns 1 when every open object is compared, 0 at the deadline. The
 * large list is stable while marking (nothing is freed, and a new large
 * object goes to its head, black, never open). */
#define OPEN_PIECE ((size_t)4096) /* words: 32 KiB */
static int diff_open(parcint_heap *h, struct incremental *inc,
                     uint64_t deadline)
{
    parcint_chunk *c = inc->open_at ? inc->open_at : h->large.head;
    for (; c; c = c->next, inc->open_word = 0) {
        if (c->tracked != PARCINT_TRACK_OPEN || !c->twin)
            continue;
        size_t n = c->size / 8;
        while (inc->open_word < n) {
            if (deadline && parcint_now_ns() >= deadline) {
                inc->open_at = c;
                return 0;
            }
            size_t e = n - inc->open_word > OPEN_PIECE
                           ? inc->open_word + OPEN_PIECE : n;
            inc->round_pages += diff_twin(&inc->m, c, inc->open_word, e);
            inc->open_word = e;
        }
    }
    inc->open_at = NULL;
    inc->open_word = 0;
    return 1;
}

static void free_incremental(parcint_heap *h)
{
    struct incremental *inc = h->inc;
    free(inc->m.stack);
    free(inc->chunks);
    free(inc->ranges);
    free(inc);
    h->inc = NULL;
    h->marking = 0;
}

void parcint_gc_abandon(parcint_heap *h)
{
    if (!h->marking)
        return;
    free_incremental(h);
    /* The marks are half rebuilt and the holes of every old chunk were
     * withheld (todo is empty): the next collection, full, clears them. */
    h->full_next = 1;
}

size_t parcint_gc_black(parcint_heap *h, parcint_chunk *c, size_t a, size_t b)
{
    /* Allocation is counted a hole at a time (h->since): a hole no larger
     * than the allocation between slices keeps them that frequent. */
    size_t bytes = h->threshold < HOLE_CAP ? h->threshold : HOLE_CAP;
    size_t cap = bytes / c->cell ? bytes / c->cell : 1;
    if (b - a > cap)
        b = a + cap;
    for (size_t i = a; i < b; i++) {
        uint64_t bit = (uint64_t)1 << (i & 63);
        c->live += !(c->marks[i >> 6] & bit);
        c->marks[i >> 6] |= bit;
    }
    return b;
}

/* The unused cells of the current holes were marked black when the holes
 * were set up: unmark them before the holes are retired. */
static void unmark_hole_tails(parcint_heap *h)
{
    for (int k = 0; k < PARCINT_KINDS; k++)
        for (unsigned c = 0; c < PARCINT_NCLASSES; c++) {
            parcint_class *kc = &h->cls[k][c];
            parcint_chunk *ch = kc->cur;
            if (!ch || !kc->bump || kc->bump >= kc->hole_end)
                continue;
            size_t a = (size_t)(kc->bump - ch->objs) / ch->cell;
            size_t b = (size_t)(kc->hole_end - ch->objs) / ch->cell;
            for (size_t i = a; i < b; i++) {
                uint64_t bit = (uint64_t)1 << (i & 63);
                ch->live -= !!(ch->marks[i >> 6] & bit);
                ch->marks[i >> 6] &= ~bit;
            }
        }
}

/* Starts an incremental full collection: returns 0, or -1 when the kernel
 * refused a protection (then the caller collects fully now). The holes are
 * retired already (retire_holes, full). */
static int inc_start(parcint_heap *h)
{
    struct incremental *inc = calloc(1, sizeof *inc);
    if (!inc)
        return -1;
    inc->m = (struct marker){h->id, NULL, 0, 0, 0, 1, 1};
    h->inc = inc;
    h->marking = 1;
    clear_marks(h);
    /* An open object with a twin stays open: its twin is grey (scanned in
     * the slices like an object), and the rounds and the final pause mark
     * from the words that differ from it (diff_open), so that every word
     * of the twin points to an object this marking marked, as after a
     * minor collection (diff_twin). Where the twin cannot go on the mark
     * stack the object is closed with the rest. */
    for (parcint_chunk *ch = h->large.head; ch; ch = ch->next)
        if (ch->tracked == PARCINT_TRACK_OPEN && ch->twin &&
            push_range(&inc->m, (const char *)ch->twin,
                       (const char *)ch->twin + parcint_twin_bytes(ch)) != 0)
            set_tracked(ch, 1);
    /* Every other pointerful chunk protected, its earlier writes dropped:
     * they are all traced by this marking. */
    if (list_pointerful(h, inc) != 0) {
        parcint_gc_abandon(h);
        return -1;
    }
    /* A run of chunks at a time (run_end): a scan protects the written
     * pages and those never protected alike (dirty.h), and a system call
     * per chunk made the start a pause of 1.5 ms. */
    for (size_t i = 0; i < inc->nchunks;) {
        size_t j = run_end(inc->chunks, i, inc->nchunks, h->id);
        int err = parcint_dirty_take(inc->chunks[i]->objs,
                                     chunk_end(inc->chunks[j - 1]),
                                     ignore_written, NULL);
        for (; i < j; i++) {
            set_tracked(inc->chunks[i], !err);
            inc->chunks[i]->wp = 1;
        }
        if (err) {
            parcint_gc_abandon(h);
            return -1;
        }
    }
    mark_roots(h, &inc->m);
    inc->phase = INC_MARK;
    inc->slice_bytes = SLICE_BYTES;
    h->since = 0;
    h->threshold = SLICE_BYTES;
    return 0;
}

/* The final pause: everything left, with the program stopped. */
static void inc_finish(parcint_heap *h, uint64_t t0)
{
    struct incremental *inc = h->inc;
    struct marker *m = &inc->m;
    unmark_hole_tails(h);
    retire_holes(h, 0);
    m->defer = 0;
    drain(m);
    mark_roots(h, m);
    int err = list_pointerful(h, inc) != 0;
    if (!err) {
        inc->cursor = 0;
        inc->collected = 0;
        err = round_some(inc, 0) < 0;
    }
    inc->open_at = NULL; /* every open object, whole */
    inc->open_word = 0;
    diff_open(h, inc, 0);
    drain(m);
    /* Which pages were written is unknown: every marked object again. */
    if (err)
        m->failed = 1;
    rescan(m, h);
    uint64_t t1 = parcint_now_ns();
    size_t heap_bytes = h->chunks * PARCINT_CHUNK;
    uint64_t mark_ns = inc->mark_ns + (t1 - t0);
    size_t allocated = inc->allocated;
    free_incremental(h);
    /* The final round took every chunk's written pages: a tracked chunk
     * is clean and protected already. */
    sort_chunks(h, 1, 1, 1, !err, 1);
    if (err)
        h->full_next = 1;
    uint64_t t2 = parcint_now_ns();
    parcint_gcstats_collection(t2 - t0, mark_ns, h->live, heap_bytes, 1);
    parcint_gcstats_trace(h->id, 1, t2 - t0, allocated, h->live,
                          heap_bytes, h->chunks * PARCINT_CHUNK);
}

/* A slice of the marking, at most the pause goal (or STRESS_SLICE objects
 * under PARC_GC_STRESS). */
static void inc_slice(parcint_heap *h, uint64_t t0)
{
    struct incremental *inc = h->inc;
    uint64_t goal = parcint_dirty_pause_goal_ns();
    /* Half the goal (minor collections aim at two fifths: size_nursery):
     * slices of goal - goal / 8 at 128 KiB of allocation each (and at
     * least twice that scanned, PACE) made most pauses above 1 ms the
     * slices. */
    uint64_t deadline = t0 + goal / 2;
    inc->allocated += h->since;
    /* The program allocates faster than the marking keeps up: finish with
     * the program stopped rather than let the heap grow without bound. */
    size_t bound = h->live_full * 2 > MIN_THRESHOLD ? h->live_full * 2
                                                     : MIN_THRESHOLD;
    if (inc->allocated > bound) {
        inc_finish(h, t0);
        return;
    }
    for (;;) {
        if (inc->phase == INC_FINAL) {
            inc_finish(h, t0);
            return;
        }
        if (inc->phase == INC_MARK) {
            if (!drain_some(&inc->m, deadline, PACE * SLICE_BYTES))
                break;
            inc->phase = INC_ROUND;
            inc->cursor = 0;
            inc->collected = 0;
            inc->round_pages = 0;
            inc->round_ns = 0;
            if (list_pointerful(h, inc) != 0) {
                inc_finish(h, t0);
                return;
            }
        }
        if (inc->phase == INC_ROUND) {
            int r = round_some(inc, deadline);
            if (r < 0) {
                inc_finish(h, t0);
                return;
            }
            if (r == 0)
                break; /* the deadline: the round goes on in the next slice */
            inc->phase = INC_OPEN;
        }
        /* The open objects' part of the round, within the deadline: run
         * whole after the round, it made slices of 0.8 to 1.1 ms. */
        uint64_t td = parcint_now_ns();
        int compared = diff_open(h, inc, inc_stress ? 0 : deadline);
        inc->round_ns += parcint_now_ns() - td;
        if (!compared)
            break;
        /* A complete round that found little to rescan (half the pause
         * goal's time; under stress, FINAL_PAGES pages), and nothing to
         * mark: the final pause, which repeats it, will be short. A
         * program that writes as fast as the rounds rescan never gives
         * such a round: after MAX_ROUNDS the final pause takes what the
         * last one would have. */
        inc->rounds++;
        if (inc->m.n == 0 &&
            ((inc_stress ? inc->round_pages <= FINAL_PAGES
                         : inc->round_ns <= goal / 2) ||
             inc->rounds >= MAX_ROUNDS)) {
            /* The final pause repeats the round and sorts the chunks: in
             * a slice of its own when this one has spent a quarter of the
             * goal (final pauses of 0.7 to 1.2 ms spent their first 0.5 ms
             * on the slice's round before the final's own work). */
            if (!inc_stress && parcint_now_ns() - t0 > goal / 4) {
                inc->phase = INC_FINAL;
                break;
            }
            inc_finish(h, t0);
            return;
        }
        /* The rounds converge when the program writes fewer pages during
         * one than it rescans: gcpause writes a random slot of a 680-page
         * array every eighth allocation, about as many pages in 64 KiB of
         * allocation as a slice rescans (8 us each), and its rounds found
         * 300 to 700 pages until MAX_ROUNDS made the final pause rescan
         * them (1.3 to 3.6 ms). A round that did not halve the written
         * pages quarters the allocation between the slices that follow:
         * more rescanning per byte the program writes. */
        if (inc->round_pages * 2 > inc->last_pages) {
            inc->slice_bytes /= 4;
            if (inc->slice_bytes < SLICE_MIN)
                inc->slice_bytes = SLICE_MIN;
        }
        inc->last_pages = inc->round_pages;
        inc->phase = INC_MARK;
        if (!inc_stress && parcint_now_ns() >= deadline)
            break;
        if (inc_stress)
            break;
    }
    h->since = 0;
    h->threshold = inc->slice_bytes;
    uint64_t t1 = parcint_now_ns();
    inc->mark_ns += t1 - t0;
    parcint_gcstats_slice(t1 - t0);
}

void parcint_gc_collect(parcint_heap *h, int force_full)
{
    uint64_t t0 = parcint_now_ns();
    int sliced = force_full == PARCINT_GC_FULL_SLICED;
    if (sliced)
        force_full = 0;
    if (h->marking) {
        if (!force_full) {
            inc_slice(h, t0);
            return;
        }
        /* "Now": everything, exactly, with the program stopped. */
        parcint_gc_abandon(h);
    }
    size_t heap_bytes = h->chunks * PARCINT_CHUNK;
    /* Generations (parking, protection, minor collections) only where
     * write tracking can pay (docs/heap.md, "Policy"):
     * - once a full collection found parcint_dirty_min_old() bytes live
     *   (PARC_GC_GEN_MIN, 8 MiB): below that a full mark costs less than a
     *   protect and a written-page scan per chunk, system calls each;
     * - not in the collection after a merge (full anyway, heap.c): a task
     *   that joins stolen children between most of its collections would
     *   pay for tracking no minor collection uses.
     * Binarytrees at 2 workers, whose stolen tasks' heaps stay small and
     * whose main heap merges often: 1.1 s with tracking everywhere, 0.85 s
     * with generations off. A collection without generations makes the next
     * one full (below), which starts the tracking if it may. */
    int gen_mode = parcint_dirty_mode() != PARCINT_DIRTY_OFF;
    int gen = gen_mode && !h->merged && gen_started(h);
    /* Full when the heap's budget has no room left for a nursery of the
     * floor's size: the old objects, dead ones among them, fill it
     * (BUDGET_NUM above). With a pause goal too, whose nurseries are
     * smaller than the floor: gcpause's peak RSS was 164 to 170 MiB so
     * against 201 to 205 with a floor of a quarter (old objects up to twice
     * the live size, as before the budget), its pauses and collections
     * the same. */
    int full = force_full || sliced || !gen || h->full_next ||
               budget_room(h) < budget_floor(h);

    retire_holes(h, full);

    /* A full collection of a heap with generations (and so written-page
     * sets) marks incrementally where there is a pause goal, unless asked
     * for "now"; under PARC_GC_STRESS, whose slices are counted in objects,
     * also without a goal, so that every stress pass runs the slices. */
    pthread_once(&inc_once, read_inc_env);
    if (full && gen && !force_full && inc_on &&
        (!h->full_next || h->full_next == FULL_UNTRACKED) &&
        (parcint_dirty_pause_goal_ns() || (sliced && inc_stress)) &&
        inc_start(h) == 0) {
        uint64_t t1 = parcint_now_ns();
        ((struct incremental *)h->inc)->mark_ns = t1 - t0;
        parcint_gcstats_slice(t1 - t0);
        return;
    }

    /* 2. Mark: a minor collection from the written pages of old objects
     * and the roots, stopping at old objects; a full one from the roots. */
    struct marker m = {h->id, mark_stack, 0, mark_cap, 0, 0, 0};
    uint64_t t1 = parcint_now_ns(), rescan_ns = 0;
    if (!full && scan_remembered(&m, h, &rescan_ns) != 0) {
        full = 1;
        for (int k = 0; k < PARCINT_KINDS; k++)
            for (unsigned c = 0; c < PARCINT_NCLASSES; c++) {
                /* todo chunks, left there and maybe tagged (retire_holes,
                 * sort_chunks), are judged again too */
                parcint_list_splice(&h->cls[k][c].done, &h->cls[k][c].todo);
                for (parcint_chunk *ch = h->cls[k][c].done.head; ch; ch = ch->next)
                    parcint_chunks_relabel(ch->index, 1, h->id);
                unpark(&h->cls[k][c], h->id);
            }
    }
    if (full)
        clear_marks(h);
    uint64_t troots = parcint_now_ns();
    mark_roots(h, &m);
    rescan(&m, h);
    uint64_t t2 = parcint_now_ns();
    mark_stack = m.stack;
    mark_cap = m.cap;

    size_t nursery = h->since, live_before = h->live;
    sort_chunks(h, full, gen, gen_mode, 0,
                !full && parcint_dirty_pause_goal_ns() != 0);

    uint64_t t3 = parcint_now_ns();
    if (full)
        measure_full(h, t2 - t1, h->live);
    else
        size_nursery(h, nursery,
                     h->live > live_before ? h->live - live_before : 0,
                     t3 - t0, rescan_ns + (t2 - troots));
    parcint_gcstats_collection(t3 - t0, t2 - t1, h->live, heap_bytes, full);
    parcint_gcstats_trace(h->id, full, t3 - t0, nursery, h->live, heap_bytes,
                          h->chunks * PARCINT_CHUNK);
    /* Most of a nursery of at least MIN_THRESHOLD survived: the heap is
     * growing, and the live sizes the budget's base comes from are stale:
     * a structure built across the last full collection may have died old
     * since. Collect fully now, which measures the live size now (with
     * the budget from the largest live size, binarytrees 21 at one worker
     * peaks at 293 MiB with the rule and 309 without). Under the budget of
     * before: its stretch tree (256
     * MiB, three quarters of it old at a full collection) died just after
     * it, and the budget of that collection's 193 MiB kept it through 30
     * minor collections (peak RSS 440 MiB; 346 to 427 with this rule,
     * depending on which phase of a tree the full collections find:
     * docs/heap.md, "Depth 21's peak"). Not with a
     * pause goal, whose full collections are incremental and whose nursery
     * rule grows a mostly surviving nursery instead (size_nursery). */
    if (!full && !parcint_dirty_pause_goal_ns() && nursery >= MIN_THRESHOLD &&
        h->live > live_before && (h->live - live_before) * 2 > nursery)
        parcint_gc_collect(h, PARCINT_GC_FULL_SLICED);
}
