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
#include "layout.h"
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
 * Its threshold (the nursery) is the one above: a smaller nursery (8 MiB was
 * tried) promoted binarytrees' trees under construction, which then died
 * old, and took four times as many collections. A collection is full when
 * the old objects have grown by MAJOR_GROWTH since the last full one
 * (objects promoted and then dropped are reclaimed only by a full
 * collection): old memory at most doubles. */
#define MAJOR_GROWTH 2

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
};

static __thread struct range *mark_stack;
static __thread size_t mark_cap;
static __thread const char *stack_hi;

/* Grows the mark stack; on failure the object stays marked but unscanned,
 * and rescan() finishes the mark by rescanning every marked object (slow,
 * never wrong). Returns 0 then. */
/* The mark stack stays with its thread between collections; the key's
 * destructor frees it when the thread ends. */
static pthread_key_t stack_key;
static pthread_once_t stack_once = PTHREAD_ONCE_INIT;

static void make_stack_key(void) { pthread_key_create(&stack_key, free); }

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
    pthread_once(&stack_once, make_stack_key);
    pthread_setspecific(stack_key, s);
    return 1;
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
    if (q < c->objs)
        return; /* a chunk header */
    const char *olo, *ohi;
    if (c->kind == PARCINT_CHUNK_SMALL) {
        uint64_t cell = ((uint64_t)(q - c->objs) * c->recip) >> 40;
        if (cell >= c->nobj)
            return;
        uint64_t bit = (uint64_t)1 << (cell & 63);
        if (c->marks[cell >> 6] & bit)
            return;
        c->marks[cell >> 6] |= bit;
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

/* Scans [lo, hi) and then everything it reaches: each word that points into
 * (or one past) an unmarked object of this heap marks it, and a scanned
 * object's range goes on the mark stack; a layout object's range is
 * scanned by scan_layout instead, its pointer words only. */
PARCINT_SCAN static void scan(struct marker *m, const char *lo, const char *hi)
{
    const uintptr_t base = (uintptr_t)parcint_chunks.base;
    const size_t nchunks = parcint_chunks.n;
    const uint64_t id = m->id;
    for (;;) {
        const char *p = (const char *)(((uintptr_t)lo + 7) & ~(uintptr_t)7);
        for (; p + 8 <= hi; p += 8)
            mark_word(m, *(const uintptr_t *)p, base, nchunks, id);
        if (!m->n)
            return;
        m->n--;
        lo = m->stack[m->n].lo;
        hi = m->stack[m->n].hi;
        if ((uintptr_t)lo & 1) { /* a layout object (mark_word) */
            scan_layout(m, lo - 1, hi, base, nchunks, id);
            lo = hi; /* nothing left to scan word by word */
        }
    }
}

/* Scans [lo, hi), an object of chunk c or (scan_written) part of a large
 * one, and everything it reaches: precisely when c holds layout objects. */
static void scan_object(struct marker *m, const parcint_chunk *c,
                        const char *lo, const char *hi)
{
    if (c->flags & PARCINT_CHUNK_LAYOUT) {
        if (m->n == m->cap && !grow(m))
            return; /* marked, unscanned: rescan() finds it */
        m->stack[m->n].lo = lo + 1; /* tagged: scan_layout's */
        m->stack[m->n].hi = hi;
        m->n++;
        hi = lo;
    }
    scan(m, lo, hi);
}

static void scan_region(void *ctx, const char *lo, const char *hi)
{
    scan(ctx, lo, hi);
}

/* After the mark stack failed to grow: every marked, scanned object is
 * scanned again until nothing new is marked. */
static void rescan(struct marker *m, parcint_heap *h)
{
    while (m->failed) {
        m->failed = 0;
        for (int k = 0; k < PARCINT_KINDS; k++)
            for (unsigned c = 0; c < PARCINT_NCLASSES; c++)
                for (int l = 0; l < 2; l++)
                    for (parcint_chunk *ch = l ? h->cls[k][c].old.head
                                               : h->cls[k][c].done.head;
                         ch; ch = ch->next)
                        if (!(ch->flags & PARCINT_CHUNK_NOSCAN))
                            for (uint32_t i = 0; i < ch->nobj; i++)
                                if (ch->marks[i >> 6] >> (i & 63) & 1)
                                    scan_object(m, ch,
                                                ch->objs + (size_t)i * ch->cell,
                                                ch->objs + (size_t)(i + 1) *
                                                               ch->cell);
        for (parcint_chunk *ch = h->large.head; ch; ch = ch->next)
            if (ch->marks[0] && !(ch->flags & PARCINT_CHUNK_NOSCAN)) {
                scan_object(m, ch, ch->objs, ch->objs + ch->size);
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
__attribute__((noinline)) static void mark_roots(struct marker *m)
{
    __builtin_unwind_init();
    scan_stack(m);
    parcint_roots_scan(scan_region, m);
    /* Keep this frame (and the registers it saved) alive across the calls. */
    __asm__ __volatile__("" ::: "memory");
}

static size_t count_marks(parcint_chunk *c)
{
    size_t n = 0;
    for (uint32_t w = 0; w < (c->nobj + 63) / 64; w++)
        n += (size_t)__builtin_popcountll(c->marks[w]);
    return n;
}

/* ---- generations ---- */

struct written {
    struct marker *m;
    parcint_chunk *c;
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
        if (lo < hi)
            scan_object(w->m, c, lo, hi);
        return;
    }
    const char *end = c->objs + (size_t)c->nobj * c->cell;
    if (a < c->objs)
        a = c->objs;
    if (b > end)
        b = end;
    if (a >= b)
        return;
    uint32_t i = (uint32_t)((size_t)(a - c->objs) / c->cell);
    uint32_t j = (uint32_t)((size_t)(b - 1 - c->objs) / c->cell);
    for (; i <= j; i++)
        if (c->marks[i >> 6] >> (i & 63) & 1)
            scan_object(w->m, c, c->objs + (size_t)i * c->cell,
                        c->objs + (size_t)(i + 1) * c->cell);
}

static void ignore_written(void *ctx, const char *a, const char *b)
{
    (void)ctx, (void)a, (void)b;
}

static const char *chunk_end(parcint_chunk *c)
{
    return c->kind == PARCINT_CHUNK_LARGE ? c->objs + c->size
                                          : (const char *)c + PARCINT_CHUNK;
}

/* The remembered set of a minor collection: the written pages of every
 * tracked chunk (pointerful, holding old objects, protected since). Every
 * old-to-young pointer was stored after the last collection, when its page
 * was protected already, so its page is reported here. Returns -1 when the
 * kernel failed us: then the collection must be full. */
static int scan_remembered(struct marker *m, parcint_heap *h)
{
    struct written w = {m, NULL};
    /* Atomic chunks are never tracked; scanned and layout chunks are. */
    for (int k = 0; k < PARCINT_KINDS; k++)
        for (unsigned c = 0; c < PARCINT_NCLASSES; c++)
            for (int l = 0; l < 2; l++)
                for (parcint_chunk *ch = l ? h->cls[k][c].old.head
                                           : h->cls[k][c].done.head;
                     ch; ch = ch->next)
                    if (ch->tracked) {
                        w.c = ch;
                        if (parcint_dirty_take(ch->objs, chunk_end(ch),
                                               scan_written, &w))
                            return -1;
                    }
    for (parcint_chunk *ch = h->large.head; ch; ch = ch->next)
        if (ch->tracked) {
            w.c = ch;
            if (parcint_dirty_take(ch->objs, chunk_end(ch), scan_written, &w))
                return -1;
        }
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
    if (!ch->tracked)
        err = parcint_dirty_protect(ch->objs, chunk_end(ch));
    else if (full)
        err = parcint_dirty_take(ch->objs, chunk_end(ch), ignore_written, NULL);
    ch->tracked = !err;
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
            for (parcint_chunk *ch = h->cls[k][c].done.head; ch; ch = ch->next)
                memset(ch->marks, 0, (ch->nobj + 63) / 64 * 8);
    for (parcint_chunk *ch = h->large.head; ch; ch = ch->next)
        ch->marks[0] = 0;
}

void parcint_gc_collect(parcint_heap *h, int force_full)
{
    uint64_t t0 = parcint_now_ns();
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
    int gen = gen_mode && !h->merged && h->live_full >= parcint_dirty_min_old();
    size_t base = h->live_full > MIN_THRESHOLD ? h->live_full : MIN_THRESHOLD;
    int full = force_full || !gen || h->full_next ||
               h->live >= MAJOR_GROWTH * base;

    /* 1. Every small chunk to done; no hole is current (the allocator starts
     * again from todo). The marks stay for a minor collection: marked cells
     * are the old objects (sticky mark bits). */
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
            parcint_list_splice(&kc->done, &kc->todo);
            if (full) /* every chunk is judged again below */
                unpark(kc, h->id);
            for (parcint_chunk *ch = kc->done.head; ch; ch = ch->next)
                ch->fresh = 0;
        }

    /* 2. Mark: a minor collection from the written pages of old objects
     * and the roots, stopping at old objects; a full one from the roots. */
    struct marker m = {h->id, mark_stack, 0, mark_cap, 0};
    uint64_t t1 = parcint_now_ns();
    if (!full && scan_remembered(&m, h) != 0) {
        full = 1;
        for (int k = 0; k < PARCINT_KINDS; k++)
            for (unsigned c = 0; c < PARCINT_NCLASSES; c++)
                unpark(&h->cls[k][c], h->id);
    }
    if (full)
        clear_marks(h);
    mark_roots(&m);
    rescan(&m, h);
    uint64_t t2 = parcint_now_ns();
    mark_stack = m.stack;
    mark_cap = m.cap;

    /* 3. Chunks with live cells wait in todo for the allocator to reuse their
     * holes; empty ones join the heap's empty list. Dead large objects go.
     * Live pointerful chunks are protected (generations). */
    size_t live = 0, holes = 0;
    int untracked = 0;
    for (int k = 0; k < PARCINT_KINDS; k++)
        for (unsigned c = 0; c < PARCINT_NCLASSES; c++) {
            parcint_class *kc = &h->cls[k][c];
            parcint_chunk *ch;
            while ((ch = parcint_list_pop(&kc->done))) {
                size_t n = count_marks(ch);
                ch->live = (uint32_t)n;
                if (n == 0) {
                    ch->kind = PARCINT_CHUNK_EMPTY;
                    ch->tracked = 0;
                    parcint_list_push(&h->empty, ch);
                } else if (gen && n * DENSE_DEN >= (size_t)ch->nobj * DENSE_NUM) {
                    live += n * ch->cell;
                    untracked |= track(ch, full);
                    parcint_chunks_relabel(ch->index, 1,
                                           h->id | PARCINT_OWNER_PARKED);
                    parcint_list_push(&kc->old, ch);
                } else {
                    live += n * ch->cell;
                    holes += (ch->nobj - n) * (size_t)ch->cell;
                    if (gen)
                        untracked |= track(ch, full);
                    parcint_list_push(&kc->todo, ch);
                }
            }
            /* Parked chunks of a minor collection: nothing was allocated
             * in them, so their marks, and live counts, are unchanged. */
            if (!full)
                for (ch = kc->old.head; ch; ch = ch->next)
                    live += (size_t)ch->live * ch->cell;
        }
    parcint_chunk_list keep = {0};
    parcint_chunk *ch;
    while ((ch = parcint_list_pop(&h->large))) {
        if (ch->marks[0]) {
            live += ch->size;
            if (gen)
                untracked |= track(ch, full);
            parcint_list_push(&keep, ch);
        } else {
            parcint_heap_free_large(h, ch);
        }
    }
    h->large = keep;

    /* 4. The next collection comes after threshold bytes; keep as many empty
     * chunks as that allocation will use beyond the holes, give back the rest
     * (the heap shrinks). */
    h->live = live;
    if (full)
        h->live_full = live;
    h->full_next = untracked != 0 || (gen_mode && !gen);
    h->merged = 0;
    h->since = 0;
    h->threshold = live * FACTOR > MIN_THRESHOLD ? live * FACTOR : MIN_THRESHOLD;
    parcint_heap_trim(h, h->threshold > holes ? h->threshold - holes : 0);
    h->grow_limit = h->chunks * PARCINT_CHUNK > MIN_THRESHOLD
                        ? h->chunks * PARCINT_CHUNK : MIN_THRESHOLD;

    uint64_t t3 = parcint_now_ns();
    parcint_gcstats_collection(t3 - t0, t2 - t1, live, heap_bytes, full);
}
