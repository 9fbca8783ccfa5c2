/* heap.c: task heaps -- allocation, merging at joins, parc_copy.
 *
 * Design (docs/heap.md): hierarchical heaps after MaPLe (Guatto, Westrick,
 * Raghunathan, Acar, Fluet, "Hierarchical memory management for mutable
 * state", PPoPP 2018; Arora, Westrick, Acar, "Provably space-efficient
 * parallel functional programming", POPL 2021). A stolen frame runs in a
 * fresh heap, which the owner merges into its own at the join. Departures:
 * the collector is non-moving and conservative (plain C has no object maps
 * and no write barrier), and merged chunks are relabelled with one store per
 * chunk rather than through a union-find of heap ids.
 *
 * Allocation within a heap is segregated fits with bump allocation through
 * holes (runs of free cells, found in the mark bitmap of the last
 * collection): the fast path is a compare and an add, and a chunk's holes
 * are found lazily, when the allocator reaches it, so a collection never
 * sweeps (its pause is the mark plus a pass over the chunk headers).
 */
#define _GNU_SOURCE
#include "heap.h"

#include "diag.h"
#include "dirty.h"
#include "gc.h"
#include "gcstats.h"
#include "hooks.h"
#include "pin.h"
#include "platform.h"
#include "pool.h"

#include <errno.h>
#include <parc.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- size classes ---- */

uint32_t parcint_class_cell[PARCINT_NCLASSES];
/* class_small[need >> 3] for cells of need <= 1024 (need = request + 1, or
 * + 16: parcint_class_of); class_by_size[n] for requests n < FAST_MAX, the
 * fast path's one load. */
#define FAST_MAX 1008
static uint8_t class_small[1024 / 8 + 1];
static uint8_t class_by_size[FAST_MAX];

__attribute__((constructor)) static void make_classes(void)
{
    /* 16 to 128 by 8, then four classes per doubling up to 32 KiB: at most
     * 25% of a cell is rounding past 128 bytes. */
    unsigned k = 0;
    for (uint32_t s = 16; s <= 128; s += 8)
        parcint_class_cell[k++] = s;
    for (uint32_t p = 128; p < PARCINT_CELL_MAX; p *= 2)
        for (uint32_t q = 5; q <= 8; q++)
            parcint_class_cell[k++] = p * q / 4;
    if (k != PARCINT_NCLASSES)
        parcint_misuse("libparc", "size classes: %u, expected %u", k,
                       PARCINT_NCLASSES);
    unsigned c = 0;
    for (unsigned i = 0; i <= 1024 / 8; i++) {
        while (parcint_class_cell[c] < i * 8)
            c++;
        class_small[i] = (uint8_t)c;
    }
    for (size_t n = 0; n < FAST_MAX; n++)
        class_by_size[n] = (uint8_t)parcint_class_of(n);
}

/* The smallest class whose cells hold need bytes (need <= PARCINT_CELL_MAX). */
static unsigned class_of_need(size_t need)
{
    if (need <= 1024)
        return class_small[(need + 7) >> 3];
    unsigned c = class_small[1024 / 8];
    while (parcint_class_cell[c] < need)
        c++;
    return c;
}

/* Cells not a multiple of 16 are only 8-aligned; a request that is a
 * multiple of 16 may hold a type that needs 16 (long double), so it gets a
 * class that is (malloc's guarantee). Past 128 bytes every class is. */
unsigned parcint_class_of(size_t n)
{
    size_t need = n + 1; /* the one-past-the-end byte */
    if (n % 16 == 0 && n < 128)
        need = n + 16;
    return class_of_need(need);
}

/* ---- configuration ---- */

static unsigned long stress_every; /* PARC_GC_STRESS */

__attribute__((constructor)) static void read_env(void)
{
    const char *s = getenv("PARC_GC_STRESS");
    if (s && *s)
        stress_every = parcint_env_ulong("PARC_GC_STRESS", 0);
}

/* PARC_OOM=abort; read when memory runs out, which is rare and may come
 * after the program set it. */
static int oom_abort(void)
{
    const char *s = getenv("PARC_OOM");
    if (s && *s && strcmp(s, "abort") != 0 && strcmp(s, "null") != 0)
        fprintf(stderr, "parc: PARC_OOM=%s: expected abort or null\n", s);
    return s && strcmp(s, "abort") == 0;
}

/* ---- heaps ---- */

/* relaxed: ids need only be distinct. */
static _Atomic uint64_t next_id = 1;
static __thread unsigned long stress_count;

static parcint_heap *heap_new(void)
{
    if (parcint_chunks_init())
        return NULL;
    parcint_heap *h = calloc(1, sizeof *h);
    if (!h)
        return NULL;
    /* relaxed: ids need only be distinct; the atomic RMW gives that. */
    h->id = atomic_fetch_add_explicit(&next_id, 1, memory_order_relaxed);
    h->threshold = h->grow_limit = parcint_gc_min_threshold();
    h->keep_empty = (size_t)-1;
    for (int k = 0; k < PARCINT_KINDS; k++)
        for (unsigned c = 0; c < PARCINT_NCLASSES; c++)
            h->cls[k][c].cell = parcint_class_cell[c];
    return h;
}

static parcint_heap *current_heap(void)
{
    parcint_heap *h = parcint_task_heap;
    if (!h) {
        h = heap_new();
        parcint_task_heap = h;
        parcint_arm_thread_exit(); /* thread_ends, below */
    }
    return h;
}

static void relabel_list(parcint_chunk_list *l, uint64_t id)
{
    for (parcint_chunk *c = l->head; c; c = c->next)
        parcint_chunks_relabel(c->index, c->run, id);
}

/* Merges child into parent: every list is spliced in O(1); the chunks are
 * relabelled, one store each (paid for by the chunk's own allocation). The
 * child's chunks keep their state: todo chunks hold the marks of the child's
 * last collection, which are valid holes in the parent too. */
static void merge(parcint_heap *parent, parcint_heap *child)
{
    parcint_gc_abandon(parent); /* an incremental marking (gc.c) */
    parcint_gc_abandon(child);
    for (int k = 0; k < PARCINT_KINDS; k++)
        for (unsigned c = 0; c < PARCINT_NCLASSES; c++) {
            parcint_class *pc = &parent->cls[k][c], *cc = &child->cls[k][c];
            /* The child's current chunk is partly visited: done. */
            if (cc->cur)
                parcint_list_push(&cc->done, cc->cur);
            if (cc->hole_start)
                child->since += (size_t)(cc->bump - cc->hole_start);
            relabel_list(&cc->done, parent->id);
            relabel_list(&cc->todo, parent->id);
            relabel_list(&cc->old, parent->id | PARCINT_OWNER_PARKED);
            parcint_list_splice(&pc->done, &cc->done);
            parcint_list_splice(&pc->todo, &cc->todo);
            parcint_list_splice(&pc->old, &cc->old);
        }
    relabel_list(&child->large, parent->id);
    relabel_list(&child->empty, parent->id);
    parcint_list_splice(&parent->large, &child->large);
    parcint_list_splice(&parent->empty, &child->empty);
    /* What the child allocated counts as the parent's new allocation: the
     * parent's next collection comes no later than if it had allocated it. */
    parent->since += child->since + child->live;
    parent->chunks += child->chunks;
    /* The child may have stored pointers to its young objects in the
     * parent's old objects at any time, also before one of the parent's
     * minor collections took those pages' writes (it saw pointers into a
     * foreign heap then and ignored them): only a full collection finds
     * them now. The child's old objects become the parent's old ones. */
    parent->full_next = parent->merged = 1;
    parcint_pins_splice(parent, child); /* its messages in flight (pin.h) */
    free(child);
    /* Empty chunks beyond what the parent allocates before its next
     * collection go back to the OS now rather than at that collection. */
    parcint_heap_trim(parent, parent->threshold > parent->since
                                  ? parent->threshold - parent->since : 0);
}

/* The adopt hook: a stolen frame's or a future's heap joins the current
 * task's heap. After a future's, that heap collects now if the joined
 * allocation made it due: only allocation collected before, and a task
 * that joins futures without allocating (a loop that forks futures and
 * joins or drops them) kept every joined heap's garbage, 1 GiB for 4,000
 * futures of 256 KiB each
 * (parc.heap/joined_heaps_collected_without_allocating.c). Not after a
 * stolen frame's: its joiner allocates in its heap anyway, and collecting
 * at every join of a cascade, where that allocation collects once, made
 * binarytrees 19 at two workers 2.7% slower (medians of 8). */
static void adopt(void *child, enum parcint_adopt_from from)
{
    parcint_heap *h = parcint_task_heap;
    if (!h) {
        /* A heap that changes hands collects fully once, as after a merge. */
        parcint_gc_abandon(child);
        ((parcint_heap *)child)->full_next = 1;
        parcint_task_heap = h = child;
        parcint_arm_thread_exit();
    } else
        merge(h, child);
    if (from == PARCINT_ADOPT_FUTURE)
        parcint_heap_collect_due(h);
}

/* What ended threads left reachable (thread_ends): one heap, taken under
 * the lock by the next thread that ends. */
static pthread_mutex_t orphan_lock = PTHREAD_MUTEX_INITIALIZER;
static parcint_heap *orphan; /* under orphan_lock */

/* A thread ends (platform.c runs this before it frees the thread's
 * buffers): a thread that is not a worker kept its heap for its life, and
 * nobody else would ever collect it or give its chunks back (a thread
 * that allocated 1 MiB and ended left 1.3 MiB resident, for good). Its
 * stack is gone but for these frames, so a full collection keeps what the
 * registered roots and the pins of messages in flight reach. The heap goes
 * when that is nothing; otherwise it becomes the orphan, holding only the
 * chunks of those objects, and the next thread to end merges it into its
 * own heap before its collection, so that what a root stops reaching goes
 * then. Thread ends are serialised by the lock: each collects a heap that
 * nobody allocates in any more. */
static void thread_ends(void)
{
    parcint_heap *h = parcint_task_heap;
    if (!h)
        return;
    pthread_mutex_lock(&orphan_lock);
    if (orphan) {
        merge(h, orphan);
        orphan = NULL;
    }
    parcint_gc_collect(h, 1);
    parcint_task_heap = NULL;
    if (h->live == 0 && parcint_pins_reap(h) == 0) {
        parcint_heap_destroy(h);
    } else {
        parcint_heap_trim(h, 0);
        orphan = h;
    }
    pthread_mutex_unlock(&orphan_lock);
}

/* The leave hook: a finished task's heap waits for its join, on another
 * thread's schedule (a stolen frame's owner joins it when it gets there),
 * and its empty chunks, kept for a next nursery it will never have, would
 * wait with it. They go to the heap suspended below on this thread, whose
 * next nursery or next lent chunk takes them (see borrow_chunk for why
 * that heap is this thread's alone), or back to the OS. */
static void leave(void *heap)
{
    parcint_heap *h = heap, *below = parcint_heap_below;
    if (!below) {
        parcint_heap_trim(h, 0);
        return;
    }
    relabel_list(&h->empty, below->id);
    below->chunks += h->empty.n;
    h->chunks -= h->empty.n;
    parcint_list_splice(&below->empty, &h->empty);
}

__attribute__((constructor)) static void plug_into_scheduler(void)
{
    parcint_set_thread_exit(thread_ends);
    if (parcint_hook_leave(leave))
        parcint_misuse("libparc", "cannot register the heaps' leave");
    if (parcint_hook_adopt(adopt))
        parcint_misuse("libparc", "cannot register the heaps' join");
}

/* ---- allocation ---- */

static void *out_of_memory(parcint_heap *h, size_t n)
{
    if (oom_abort()) {
        fprintf(stderr,
                "parc: out of memory: parc_alloc(%zu) in heap %llu "
                "(%zu KiB held by it, %zu MiB in all heaps; PARC_HEAP_MAX)\n",
                n, h ? (unsigned long long)h->id : 0ull,
                h ? h->chunks * (PARCINT_CHUNK >> 10) : 0,
                parcint_chunks_in_use() * PARCINT_CHUNK >> 20);
        abort();
    }
    errno = ENOMEM;
    return NULL;
}

static const uint32_t kind_flags[PARCINT_KINDS] = {
    [PARCINT_KIND_SCAN] = 0,
    [PARCINT_KIND_NOSCAN] = PARCINT_CHUNK_NOSCAN,
    [PARCINT_KIND_LAYOUT] = PARCINT_CHUNK_LAYOUT,
};

static void init_small(parcint_chunk *c, unsigned cls, int kind, int fresh)
{
    uint32_t cell = parcint_class_cell[cls];
    /* The header lives apart (chunk.h): the cells fill the chunk. */
    uint32_t n = (uint32_t)(PARCINT_CHUNK / cell);
    c->objs = parcint_chunk_addr(c->index);
    if (kind == PARCINT_KIND_LAYOUT && !fresh) {
        /* The collector reads the trailer of any cell a stale word points
         * at (heaplayout.h), so a reused chunk must not show another class's
         * bytes where this class's trailers are: zero it now, which spares
         * the allocator zeroing its holes later. */
        memset(c->objs, 0, (size_t)n * cell);
        fresh = 1;
    }
    c->kind = PARCINT_CHUNK_SMALL;
    c->flags = kind_flags[kind];
    c->fresh = (uint16_t)fresh;
    if (fresh)
        c->wp = 0;
    c->tracked = 0;
    c->cell = cell;
    c->recip = ((uint64_t)1 << 40) / cell + 1;
    c->nobj = n;
    c->cls = cls;
    c->live = 0;
    c->run = 1;
    c->size = 0;
    c->layout = NULL;
    c->count = 0;
    c->next = NULL;
    memset(c->marks, 0, (n + 63) / 64 * 8);
}

/* An empty chunk of the heap suspended below h on this thread
 * (parcint_heap_below, hooks.h), relabelled as h's; NULL when it has none.
 * Only this thread touches that heap until h's task returns (hooks.h), so
 * its list and count are changed without synchronization, and the owner
 * table's store is h's thread's, as chunk.h wants. The chunk stays h's:
 * emptied again, it goes back below when h's task returns (leave, above);
 * else where h goes at its join. Without it a stolen-back frame
 * mapped new chunks while its thread's suspended heap kept up to its next
 * nursery's worth empty: binarytrees 19 at 2 workers peaked at 117-137 MiB
 * against boehm's 108-126 (docs/heap.md, "Lending empty chunks"). */
static parcint_chunk *borrow_chunk(parcint_heap *h)
{
    parcint_heap *below = parcint_heap_below;
    if (!below || below == h)
        return NULL;
    parcint_chunk *c = parcint_list_pop(&below->empty);
    if (c) {
        below->chunks--;
        h->chunks++;
        parcint_chunks_relabel(c->index, 1, h->id);
    }
    return c;
}

/* A chunk for class cls: one of the heap's empty ones, else one the heap
 * below lends, else a new one. */
static parcint_chunk *new_chunk(parcint_heap *h, unsigned cls, int kind)
{
    parcint_chunk *c = parcint_list_pop(&h->empty);
    if (!c)
        c = borrow_chunk(h);
    int fresh = 0;
    if (!c) {
        long i = parcint_chunks_take(1, h->id);
        if (i < 0)
            return NULL;
        c = parcint_chunk_header((size_t)i);
        c->index = (size_t)i;
        h->chunks++;
        fresh = 1;
    }
    init_small(c, cls, kind, fresh);
    return c;
}

/* The first cell at or after i whose mark bit differs from flip's (flip 0:
 * the first marked cell; all ones: the first free one), or n or beyond when
 * there is none (bits past the last cell read as free). */
static uint32_t next_bit(const uint64_t *marks, uint32_t i, uint32_t n,
                         uint64_t flip)
{
    while (i < n) {
        uint64_t w = (marks[i >> 6] ^ flip) >> (i & 63);
        if (w)
            return i + (uint32_t)__builtin_ctzll(w);
        i = (i | 63) + 1;
    }
    return i;
}

/* The next run of free cells of c at or after cell `from`, as [*a, *b);
 * returns 0 when there is none. */
static int find_hole(parcint_chunk *c, uint32_t from, uint32_t *a, uint32_t *b)
{
    uint32_t n = c->nobj;
    uint32_t i = next_bit(c->marks, from, n, ~(uint64_t)0);
    if (i >= n)
        return 0;
    uint32_t j = next_bit(c->marks, i, n, 0);
    *a = i;
    *b = j < n ? j : n;
    return 1;
}

/* With a pause goal, a tracked chunk (its old cells' pages write-protected,
 * gc.c) lends the allocator only whole pages that hold no old (marked)
 * cell: a page the allocator writes then has no old cell for the next
 * minor collection to rescan. Filling the holes between old cells, a few
 * cells a page, wrote 300 to 1,000 such pages per nursery after a full
 * collection, and rescanning their 40 to 80 old cells each was most of the
 * minor pauses that made gcpause's p99 (docs/heap.md). As find_hole, but
 * only cells that lie wholly in pages holding no marked cell: the run of
 * such cells at or after cell `from`. */
static int find_page_hole(const parcint_chunk *c, uint32_t from, uint32_t *a,
                          uint32_t *b)
{
    uintptr_t lo = (uintptr_t)c->objs, hi = lo + (size_t)c->nobj * c->cell;
    uintptr_t p = (lo + (size_t)from * c->cell) & ~(uintptr_t)(PARCINT_PAGE - 1);
    for (; p < hi; p += PARCINT_PAGE) {
        if (!parcint_page_free(c, p))
            continue;
        uintptr_t q = p + PARCINT_PAGE;
        while (q < hi && parcint_page_free(c, q))
            q += PARCINT_PAGE;
        uint32_t i = p > lo ? (uint32_t)((p - lo + c->cell - 1) / c->cell) : 0;
        uint32_t j = q < hi ? (uint32_t)((q - lo) / c->cell) : c->nobj;
        if (i < from)
            i = from;
        if (i < j) {
            *a = i;
            *b = j;
            return 1;
        }
        p = q; /* not free, or the end */
    }
    return 0;
}

/* Whether other workers run, whose CPUs a TLB shootdown would interrupt
 * (parcint_dirty_unprotect). */
static int others_run(void)
{
    return parcint_started() && parcint_nworkers() > 1;
}

/* Sets up the next hole of class k in h; collects first when the heap's
 * allocation since its last collection reached the threshold. Returns 0 when
 * no memory is left even after a collection. */
static int next_hole(parcint_heap *h, parcint_class *k, int kind, unsigned cls)
{
    int collected = 0;
    if (h->twins_asked) /* outside the pauses: gc.h */
        parcint_gc_map_twins(h);
    /* The hole being left counts as allocated now, all of it that was used:
     * counting holes when they are entered would count a whole fresh chunk
     * per class at once. */
    if (k->hole_start) {
        size_t used = (size_t)(k->bump - k->hole_start);
        h->since += used;
        parcint_gcstats_allocated(used);
        k->hole_start = NULL;
    }
    /* Empty chunks a short collection kept beyond its need (gc.c's
     * sort_chunks): one goes back to the OS here, outside the pauses. */
    if (h->empty.n * PARCINT_CHUNK > h->keep_empty) {
        parcint_chunk *c = parcint_list_pop(&h->empty);
        h->chunks--;
        parcint_chunks_give(c->index, 1);
    }
    for (;;) {
        if (h->since >= h->threshold && !collected) {
            parcint_gc_collect(h, 0);
            collected = 1;
        }
        if (k->cur) {
            uint32_t a, b;
            parcint_chunk *c = k->cur;
            /* While marking, holes are black (marked): never tracked pages. */
            int pages = c->tracked && !h->marking &&
                        parcint_dirty_pause_goal_ns() != 0;
            if (pages ? find_page_hole(c, k->next_cell, &a, &b)
                      : find_hole(c, k->next_cell, &a, &b)) {
                if (h->marking) /* new objects are black (gc.c) */
                    b = (uint32_t)parcint_gc_black(h, c, a, b);
                size_t bytes = (size_t)(b - a) * c->cell;
                k->bump = c->objs + (size_t)a * c->cell;
                k->hole_end = k->bump + bytes;
                k->hole_start = k->bump;
                k->next_cell = b;
                if (!c->fresh) {
                    /* A chunk tracked since it came from the reservation
                     * may have write-protected pages (an old chunk's, or
                     * an emptied one's): the zeroing faulted on each, 79%
                     * of binarytrees' page faults (933,000 at depth 21,
                     * 202,000 with this call: docs/heap.md, Allocation). */
                    if (c->wp) {
                        /* By faults where other workers run: the ioctl's
                         * flush would interrupt each of them (dirty.h). */
                        parcint_dirty_unprotect(k->bump, k->hole_end,
                                                others_run());
                        /* After a hole of all its cells nothing of an
                         * untracked chunk is protected, and whatever
                         * protects it again sets wp (gc.c:
                         * track, an incremental marking's start and
                         * rounds, a scan across it empty). A chunk reused
                         * empty each nursery (gcpause: a size class's
                         * garbage) made this call at every reuse, 8.5 a
                         * minor collection (docs/heap.md, "Reused empty
                         * chunks"). */
                        if (!c->tracked && a == 0 && b == c->nobj)
                            c->wp = 0;
                    }
                    memset(k->bump, 0, bytes); /* memory comes zeroed */
                }
                return 1;
            }
            if (pages && k->next_cell == 0) {
                /* No whole free page: nothing was allocated in it since
                 * the last collection, so it holds old objects only, and
                 * is parked as a dense chunk is (gc.c's sort_chunks) until
                 * a full collection: a minor collection then skips it
                 * (chunk.h), and no later nursery walks its bitmap again. */
                parcint_chunks_relabel(c->index, 1, h->id | PARCINT_OWNER_PARKED);
                parcint_list_push(&k->old, c);
            } else {
                parcint_list_push(&k->done, c);
            }
            k->cur = NULL;
        }
        parcint_chunk *c = parcint_list_pop(&k->todo);
        /* With a goal, a chunk in todo is tagged as holding old objects
         * only (gc.c's sort_chunks); it gets young ones from now on. */
        if (c && parcint_dirty_pause_goal_ns())
            parcint_chunks_relabel(c->index, 1, h->id);
        if (!c && !h->empty.head && !collected && h->since >= h->grow_limit) {
            /* The heap would grow although it allocated as much as its whole
             * size since the last collection: the live data the threshold
             * was based on may have died since (a big structure dropped).
             * Collect before growing (a minor collection may do: the policy
             * decides). */
            parcint_gc_collect(h, 0);
            collected = 1;
            continue;
        }
        if (!c) {
            c = new_chunk(h, cls, kind);
            if (!c) {
                if (collected)
                    return 0;
                parcint_gc_collect(h, 1); /* out of memory: everything */
                collected = 1;
                continue;
            }
        }
        k->cur = c;
        k->next_cell = 0;
    }
}

static void *alloc_large(parcint_heap *h, size_t n, int kind)
{
    if (n > parcint_chunks.n * PARCINT_CHUNK)
        return out_of_memory(h, n);
    /* n bytes and the slack byte (heaplayout.h); the header lives apart. */
    size_t run = (n + 1 + PARCINT_CHUNK - 1) >> PARCINT_CHUNK_SHIFT;
    if (h->twins_asked)
        parcint_gc_map_twins(h);
    if (h->since >= h->threshold || h->since >= h->grow_limit)
        parcint_gc_collect(h, 0);
    long i = parcint_chunks_take(run, h->id);
    if (i < 0) {
        parcint_gc_collect(h, 1);
        i = parcint_chunks_take(run, h->id);
        if (i < 0)
            return out_of_memory(h, n);
    }
    parcint_chunk *c = parcint_chunk_header((size_t)i);
    c->kind = PARCINT_CHUNK_LARGE;
    c->flags = kind_flags[kind];
    c->fresh = 0;
    c->wp = 0; /* fresh from the reservation; never zeroed here */
    c->tracked = 0;
    c->twin = c->twin_ready = NULL;
    c->twin_asked = 0;
    c->cell = 0;
    c->nobj = 1;
    c->cls = 0;
    c->live = 0;
    c->index = (size_t)i;
    c->run = run;
    c->size = n + 1;
    c->objs = parcint_chunk_addr((size_t)i);
    c->layout = NULL; /* parc_alloc_layout sets them */
    c->count = 0;
    c->marks[0] = h->marking != 0; /* black while marking (gc.c) */
    parcint_list_push(&h->large, c);
    h->chunks += run;
    h->since += run * PARCINT_CHUNK;
    parcint_gcstats_allocated(run * PARCINT_CHUNK);
    return c->objs; /* taken runs read as zero (chunk.c) */
}

/* The current heap, made if need be, after the collection that
 * PARC_GC_STRESS forces; NULL without memory. */
static parcint_heap *slow_heap(void)
{
    parcint_heap *h = current_heap();
    /* Under stress every fourth forced collection is a full one, so that
     * both kinds (and their hand-over) run often; one that may mark in
     * slices (gc.c), which the following ones then advance. */
    if (h && stress_every && ++stress_count % stress_every == 0)
        parcint_gc_collect(h, h->marking ? 0
                              : ++h->stress_n % 4 == 0 ? PARCINT_GC_FULL_SLICED
                                                       : 0);
    return h;
}

/* A cell of class cls and the given kind in h, for a request of n bytes
 * (named if memory runs out). */
static void *alloc_cell(parcint_heap *h, unsigned cls, int kind, size_t n)
{
    parcint_class *k = &h->cls[kind][cls];
    if (!k->bump || (size_t)(k->hole_end - k->bump) < k->cell)
        if (!next_hole(h, k, kind, cls))
            return out_of_memory(h, n);
    char *p = k->bump;
    k->bump = p + k->cell;
    /* Under stress every allocation comes back here. */
    k->end = stress_every ? k->bump : k->hole_end;
    return p;
}

__attribute__((noinline)) static void *alloc_slow(size_t n, int kind)
{
    parcint_heap *h = slow_heap();
    if (!h)
        return out_of_memory(NULL, n);
    if (n >= PARCINT_CELL_MAX - 16)
        return alloc_large(h, n, kind);
    return alloc_cell(h, parcint_class_of(n), kind, n);
}

static inline __attribute__((always_inline)) void *alloc(size_t n, int kind)
{
    parcint_heap *h = parcint_task_heap;
    if (__builtin_expect(h != NULL && n < FAST_MAX, 1)) {
        parcint_class *k = &h->cls[kind][class_by_size[n]];
        char *p = k->bump;
        if (__builtin_expect((size_t)(k->end - p) >= k->cell, 1)) {
            k->bump = p + k->cell;
            return p;
        }
    }
    return alloc_slow(n, kind);
}

void *parc_alloc(size_t size) { return alloc(size, PARCINT_KIND_SCAN); }
void *parc_alloc_atomic(size_t size) { return alloc(size, PARCINT_KIND_NOSCAN); }

/* Layout objects have no inline fast path: their class depends on the
 * element size and count, and they are kept out of parc_alloc's classes so
 * that its fast path never tests for them. The cell is chosen for the
 * elements and the trailer (heaplayout.h), which also takes the place of the
 * one-past-the-end byte; when the element size is a multiple of 16 (it may
 * hold a type that needs 16) the cell is a multiple of 16, hence 16-aligned. */
void *parc_alloc_layout(const parc_layout *l, size_t count)
{
    if (!l) {
        parcint_complain(EINVAL, "parc_alloc_layout", "null layout");
        errno = EINVAL;
        return NULL;
    }
    if (count && l->size > SIZE_MAX / count) {
        errno = ENOMEM;
        return NULL;
    }
    size_t bytes = l->size * count;
    size_t need = bytes + PARCINT_TRAILER;
    if (need < bytes) {
        errno = ENOMEM;
        return NULL;
    }
    if (l->size % 16 == 0)
        need = (need + 15) & ~(size_t)15;
    parcint_heap *h = slow_heap();
    if (!h)
        return out_of_memory(NULL, bytes);
    if (need > PARCINT_CELL_MAX) {
        char *p = alloc_large(h, bytes, PARCINT_KIND_LAYOUT);
        if (p) {
            parcint_chunk *c = parcint_chunk_header(
                (size_t)(p - parcint_chunks.base) >> PARCINT_CHUNK_SHIFT);
            c->layout = l;
            c->count = count;
        }
        return p;
    }
    unsigned cls = class_of_need(need);
    char *p = alloc_cell(h, cls, PARCINT_KIND_LAYOUT, bytes);
    if (p)
        *(uint64_t *)(p + parcint_class_cell[cls] - PARCINT_TRAILER) =
            parcint_trailer(l, count);
    return p;
}

/* ---- queries and copies ---- */

/* The chunk and object start of p when p points into (or one past) a live
 * object of any heap. Only the fields of the chunk that stay while it holds a
 * live object are read (heaplayout.h); the caller's reference to the object
 * is what keeps it, and them, in place. */
char *parcint_object_of(const void *p, parcint_chunk **out)
{
    if (!parcint_chunks.base)
        return NULL;
    uintptr_t off = (uintptr_t)p - (uintptr_t)parcint_chunks.base;
    size_t i = off >> PARCINT_CHUNK_SHIFT;
    if (i >= parcint_chunks.n ||
        /* relaxed: 0 means free; any heap's id will do here. */
        atomic_load_explicit(&parcint_chunks.owner[i], memory_order_relaxed) == 0)
        return NULL;
    parcint_chunk *c = parcint_chunk_header(parcint_chunks.first[i]);
    const char *q = p;
    if (c->kind == PARCINT_CHUNK_LARGE) {
        if (q < c->objs || q >= c->objs + c->size)
            return NULL;
        *out = c;
        return c->objs;
    }
    if (c->kind != PARCINT_CHUNK_SMALL)
        return NULL;
    size_t cell = (size_t)(q - c->objs) / c->cell;
    if (cell >= c->nobj)
        return NULL;
    *out = c;
    return c->objs + cell * c->cell;
}

int parc_gc_collect(void)
{
    parcint_heap *h = parcint_task_heap;
    if (h)
        parcint_gc_collect(h, 1); /* "now": everything, live exact */
    return 0;
}

size_t parc_heap_live(void)
{
    parcint_heap *h = parcint_task_heap;
    return h ? h->live : 0;
}

/* ---- heaps held between tasks: process heaps (process.c) ----
 * A process keeps one heap across its steps, on whichever worker runs them
 * (docs/processes.md, "Process heaps"); process.c makes it the thread's task
 * heap for the length of a turn (parcint_task_heap) and uses these. */

void parcint_heap_collect_due(void *heap)
{
    parcint_heap *h = heap;
    if (h && (stress_every || h->since >= h->threshold))
        parcint_gc_collect(h, 0); /* minor or full: the policy (gc.c) */
}

size_t parcint_heap_chunks(const void *heap)
{
    return heap ? ((const parcint_heap *)heap)->chunks : 0;
}

size_t parcint_heap_destroy(void *heap)
{
    parcint_heap *h = heap;
    if (!h)
        return 0;
    parcint_gc_abandon(h);
    size_t given = h->chunks; /* every chunk it holds goes back */
    parcint_chunk *c;
    for (int k = 0; k < PARCINT_KINDS; k++)
        for (unsigned i = 0; i < PARCINT_NCLASSES; i++) {
            parcint_class *kc = &h->cls[k][i];
            if (kc->hole_start)
                parcint_gcstats_allocated((size_t)(kc->bump - kc->hole_start));
            if (kc->cur)
                parcint_list_push(&kc->done, kc->cur);
            parcint_list_splice(&kc->done, &kc->todo);
            parcint_list_splice(&kc->done, &kc->old); /* parked (gc.c) */
            while ((c = parcint_list_pop(&kc->done)))
                parcint_chunks_give(c->index, 1);
        }
    while ((c = parcint_list_pop(&h->large)))
        parcint_heap_free_large(h, c);
    parcint_heap_trim(h, 0); /* the empty ones */
    free(h);
    return given;
}

int parcint_heap_object(const void *heap, const void *p, size_t *size)
{
    const parcint_heap *h = heap;
    parcint_chunk *c;
    if (!h || !parcint_chunks.base ||
        parcint_chunk_of((uintptr_t)p, h->id) < 0)
        return PARCINT_OBJ_NONE;
    char *start = parcint_object_of(p, &c);
    if (start != (const char *)p)
        return PARCINT_OBJ_OTHER;
    if (c->flags & PARCINT_CHUNK_LAYOUT)
        return PARCINT_OBJ_LAYOUT;
    if (!(c->flags & PARCINT_CHUNK_NOSCAN))
        return PARCINT_OBJ_OTHER;
    *size = parcint_atomic_bytes(c); /* what parc_copy copies */
    return PARCINT_OBJ_ATOMIC;
}
