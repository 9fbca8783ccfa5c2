/* heaplayout.h: the layout of a task heap -- chunk headers, the per-class
 * allocation state and the heap itself -- shared by the allocator (heap.c)
 * and the collector (gc.c), as worker.h is by the scheduler's files; with the
 * list operations and the return of chunks both need.
 *
 * A task heap belongs to the task running on a thread (parcint_task_heap,
 * hooks.h): only that thread allocates in it and collects it, so nothing here
 * is atomic. A heap passes to another thread only at a join or a future's
 * hand-over, through the scheduler's own release/acquire pairs.
 *
 * Small objects (cells up to PARCINT_CELL_MAX bytes) live in chunks of one
 * size class; an interior pointer finds its cell by one division. Larger
 * objects get a run of whole chunks. Cells are chosen one byte larger than the
 * request, so that a pointer one past an object's end still lies in its own
 * cell (docs/heap.md).
 */
#ifndef runtime_heaplayout_h
#define runtime_heaplayout_h

#include "chunk.h"

#include <stddef.h>
#include <stdint.h>
#include <sys/mman.h>

#define PARCINT_CELL_MAX 32768u
#define PARCINT_NCLASSES 47

enum parcint_chunk_kind {
    PARCINT_CHUNK_SMALL = 1, /* cells of one class */
    PARCINT_CHUNK_LARGE,     /* one object over a run of chunks */
    PARCINT_CHUNK_EMPTY,     /* held by a heap for reuse, holds nothing */
};

enum {
    PARCINT_CHUNK_NOSCAN = 1u << 0, /* parc_alloc_atomic: never scanned */
    PARCINT_CHUNK_LAYOUT = 1u << 1, /* parc_alloc_layout: only the pointer
                                       words of each object are scanned
                                       (below) */
};

/* parcint_chunk.tracked of a large object that a minor collection found
 * written over most of its pages: its pages stay unprotected, and every
 * minor collection compares it with its twin, or rescans it whole without
 * one (gc.c, "Open objects"). */
#define PARCINT_TRACK_OPEN 2u

/* What a heap's classes are kept apart by: a chunk holds objects of one kind
 * (its flags say which). The fast path indexes cls[] with 0 or 1, so those
 * two come first. */
enum {
    PARCINT_KIND_SCAN,   /* parc_alloc */
    PARCINT_KIND_NOSCAN, /* parc_alloc_atomic */
    PARCINT_KIND_LAYOUT, /* parc_alloc_layout */
    PARCINT_KINDS
};

typedef struct parcint_chunk {
    struct parcint_chunk *next; /* in its heap's list */
    /* kind, flags, cell, nobj, cls, recip, objs, size and run are set when
     * the chunk is given to a class (or a large object) and stay until it is
     * empty, so a thread holding a live object may read them (parc_copy of
     * another heap's object); the fields below them change with the owner's
     * allocation and collections. */
    uint32_t kind, flags;
    uint32_t cell;  /* small: cell bytes */
    uint32_t nobj;  /* small: cells; large: 1 */
    uint32_t cls;   /* small: class index */
    uint32_t live;  /* small: its marked cells, counted as they are marked
                       (gc.c), the count a sort reads */
    uint16_t fresh; /* untouched since taken from the reservation: zero */
    uint16_t wp;    /* some of its pages may be write-protected (it was
                       tracked since it came from the reservation): the
                       allocator lifts that before zeroing a hole (heap.c) */
    uint32_t tracked; /* pointerful, with old cells, and its cells' pages
                         write-protected since (dirty.h): a minor collection
                         rescans only its written pages; or
                         PARCINT_TRACK_OPEN (a large object, above) */
    uint32_t written; /* large: its written pages the current minor
                         collection found (gc.c) */
    uint32_t open_for; /* large, open: quiet minor collections in a row
                          (with a twin), or minor collections since it
                          opened (without one): gc.c */
    uint64_t *twin;    /* large, open: its words as the last collection
                          left them (parcint_twin_new; gc.c), or NULL */
    uint64_t *twin_ready; /* large: a twin mapped for it at the allocation
                             slow path, for the collection that opens it */
    uint32_t twin_asked;  /* large: 1 while a minor collection waits for
                             twin_ready; 2 when it could not be mapped */
    uint64_t recip; /* small: 2^40 / cell, rounded up: offset -> cell by a
                       multiply (exact for offsets below 2^25, see gc.c) */
    size_t index;   /* chunk number of this header */
    size_t run;     /* chunks in the run (large), 1 otherwise */
    size_t size;    /* large: the object's bytes, slack byte included */
    char *objs;     /* the first cell */
    /* large, PARCINT_CHUNK_LAYOUT: the object's layout and element count (a
     * small layout object keeps them in its cell's last word, below) */
    const struct parc_layout *layout;
    size_t count;
    uint64_t marks[]; /* one bit per cell, set by the collector */
} parcint_chunk;

/* A singly linked list with a tail, for O(1) splices at merges. */
typedef struct {
    parcint_chunk *head, *tail;
    size_t n;
} parcint_chunk_list;

/* Allocation state of one class (and scan kind) in one heap. */
typedef struct {
    char *bump, *end; /* the fast path: bump while end - bump >= cell */
    char *hole_end;   /* end of the current hole (end == bump under stress) */
    char *hole_start; /* where the current hole began (allocation counts) */
    uint32_t cell;
    uint32_t next_cell;   /* where in cur the next hole is looked for */
    parcint_chunk *cur;   /* the chunk the current hole is in */
    parcint_chunk_list todo; /* marked at the last collection, holes unvisited */
    parcint_chunk_list done; /* visited since the last collection */
    parcint_chunk_list old;  /* dense with old objects: not allocated into
                                until a full collection finds them sparse
                                (generations, gc.c) */
    uint64_t pad; /* to 128 bytes: the fast path's index is then one shift */
} parcint_class;
_Static_assert(sizeof(parcint_class) == 128, "parcint_class: 128 bytes");

struct parcint_gc_thread_stats; /* gcstats.h */
struct parcint_pin;             /* pin.h */

typedef struct parcint_heap {
    parcint_class cls[PARCINT_KINDS][PARCINT_NCLASSES]; /* [kind][class] */
    uint64_t id;               /* never reused: the chunk owner table's value */
    parcint_chunk_list large;  /* large objects */
    parcint_chunk_list empty;  /* empty chunks kept for reuse */
    size_t since;     /* bytes allocated since the last collection, counted
                         per hole as it is left (like a TLAB's) */
    size_t threshold; /* collect when since reaches it */
    size_t grow_limit; /* ... or when the heap must grow and since reached
                          this: the heap's size after its last collection */
    size_t live;      /* bytes marked at the last collection */
    size_t live_full; /* ... at the last full collection */
    size_t live_peak; /* the full collections' recent largest live size:
                         the heap's budget is made of it (gc.c,
                         BUDGET_NUM) */
    int full_next;    /* the next collection must be full: a child heap was
                         merged, or the written-page sets failed */
    int merged;       /* a child heap was merged since the last collection:
                         that collection neither parks nor protects (gc.c) */
    unsigned stress_n; /* forced collections under PARC_GC_STRESS */
    size_t chunks;    /* chunks held, empty ones included */
    /* Process messages in flight whose payload lies here, oldest first:
     * roots until their receiving step has returned (pin.h). */
    struct parcint_pin *pins, *pins_tail;
    /* The pause goal's nursery (gc.c, PARC_GC_PAUSE_US): bytes allocated
     * before the next minor collection, and what it comes from, measured
     * over this heap's minor collections (moving averages). */
    size_t nursery;
    uint64_t minor_fixed_ns;    /* pause that does not grow with the nursery */
    uint64_t minor_ps_per_byte; /* the rest, per byte of nursery */
    uint64_t full_ps_per_byte;  /* a stop-the-heap full mark, per live byte:
                                   with a goal, when generations start */
    size_t keep_empty; /* empty bytes to keep: a short collection leaves the
                          rest to the allocation slow path to give back, a
                          chunk a hole (heap.c); SIZE_MAX otherwise */
    int marking; /* an incremental full collection is under way (gc.c):
                    holes set up now are marked (black) */
    int twins_asked; /* a large object waits for a twin to be mapped
                        (parcint_gc_map_twins) */
    void *inc;   /* its state (gc.c) */
} parcint_heap;

static inline void parcint_list_push(parcint_chunk_list *l, parcint_chunk *c)
{
    c->next = l->head;
    l->head = c;
    if (!l->tail)
        l->tail = c;
    l->n++;
}

static inline parcint_chunk *parcint_list_pop(parcint_chunk_list *l)
{
    parcint_chunk *c = l->head;
    if (c) {
        l->head = c->next;
        if (!l->head)
            l->tail = NULL;
        l->n--;
        c->next = NULL;
    }
    return c;
}

/* Moves every chunk of from to the end of to, in O(1). */
static inline void parcint_list_splice(parcint_chunk_list *to,
                                       parcint_chunk_list *from)
{
    if (!from->head)
        return;
    if (to->tail)
        to->tail->next = from->head;
    else
        to->head = from->head;
    to->tail = from->tail;
    to->n += from->n;
    from->head = from->tail = NULL;
    from->n = 0;
}

static inline parcint_chunk *parcint_chunk_header(size_t index)
{
    return (parcint_chunk *)(void *)(parcint_chunks.headers +
                                     index * PARCINT_HEADER_SLOT);
}

/* A header and the mark bits of the smallest class's cells (16 bytes, heap.c)
 * fill at most one slot. */
_Static_assert(sizeof(parcint_chunk) + PARCINT_CHUNK / 16 / 8 <= PARCINT_HEADER_SLOT,
               "a chunk header fits its slot");

/* Keeps keep bytes of h's empty chunks (the next cycle's allocation will use
 * them) and gives the others back to the OS. */
static inline void parcint_heap_trim(parcint_heap *h, size_t keep)
{
    while (h->empty.n * PARCINT_CHUNK > keep) {
        parcint_chunk *c = parcint_list_pop(&h->empty);
        h->chunks--;
        parcint_chunks_give(c->index, 1);
    }
}

/* With a pause goal the allocator takes only whole pages of a tracked chunk
 * that hold no marked (old) cell (heap.c), and the collector parks a chunk
 * that has none (gc.c). Whether no marked cell of small chunk c overlaps
 * the page at p; 0 for a page with no cell. */
#define PARCINT_PAGE 4096u

static inline int parcint_page_free(const parcint_chunk *c, uintptr_t p)
{
    uintptr_t lo = (uintptr_t)c->objs, hi = lo + (size_t)c->nobj * c->cell;
    if (p + PARCINT_PAGE <= lo || p >= hi)
        return 0;
    /* Cells by the reciprocal (exact below 2^25, gc.c's mark_word), not by
     * two divisions: a full collection's sort asks this of every page of
     * every chunk that is not dense, and in gcpause's final pauses it took
     * 72 to 269 us at 260 to 480 such chunks with the divisions, 51 to 212
     * with the reciprocal (the rest is the marks' cache misses). */
    size_t i = p > lo ? (size_t)(((uint64_t)(p - lo) * c->recip) >> 40) : 0;
    size_t j = (size_t)(((uint64_t)((p + PARCINT_PAGE < hi ? p + PARCINT_PAGE : hi) -
                                    1 - lo) *
                         c->recip) >> 40);
    uint64_t first = ~(uint64_t)0 << (i & 63), last = ~(uint64_t)0 >> (63 - (j & 63));
    if (i >> 6 == j >> 6)
        return !(c->marks[i >> 6] & first & last);
    if (c->marks[i >> 6] & first)
        return 0;
    for (size_t w = (i >> 6) + 1; w < j >> 6; w++)
        if (c->marks[w])
            return 0;
    return !(c->marks[j >> 6] & last);
}

static inline int parcint_has_free_page(const parcint_chunk *c)
{
    uintptr_t hi = (uintptr_t)c->objs + (size_t)c->nobj * c->cell;
    for (uintptr_t p = (uintptr_t)c->objs & ~(uintptr_t)(PARCINT_PAGE - 1);
         p < hi; p += PARCINT_PAGE)
        if (parcint_page_free(c, p))
            return 1;
    return 0;
}

/* An open object's twin (gc.c): mapped apart, and populated at once. In
 * gcpause, at two workers, a calloc'd twin's 700 first writes each took a
 * page fault of about 17 us (the other CPU's flushes), and the collection
 * that opened the array paused 12 to 14 ms; with MAP_POPULATE the kernel
 * fills the pages in one call, and since that call still made the opening
 * collection's pause 2.3 to 3.8 ms, it is made at the allocation slow path
 * (parcint_gc_map_twins), outside the pauses. NULL when it cannot. */
static inline size_t parcint_twin_bytes(const parcint_chunk *c)
{
    return c->size / 8 * 8; /* the object's whole words */
}

static inline uint64_t *parcint_twin_new(const parcint_chunk *c)
{
    void *p = mmap(NULL, parcint_twin_bytes(c), PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
    return p == MAP_FAILED ? NULL : p;
}

/* Unmaps *twin, one of c's two (below), if it is there. */
static inline void parcint_twin_unmap(const parcint_chunk *c, uint64_t **twin)
{
    if (*twin)
        munmap(*twin, parcint_twin_bytes(c));
    *twin = NULL;
}

static inline void parcint_twin_free(parcint_chunk *c)
{
    parcint_twin_unmap(c, &c->twin);
}

/* A twin mapped for an object that has not opened with it (gc.c). */
static inline void parcint_twin_unready(parcint_chunk *c)
{
    parcint_twin_unmap(c, &c->twin_ready);
    c->twin_asked = 0;
}

/* Gives a dead large object's run back to the OS. */
static inline void parcint_heap_free_large(parcint_heap *h, parcint_chunk *c)
{
    parcint_twin_free(c); /* an open object's (gc.c) */
    parcint_twin_unready(c);
    h->chunks -= c->run;
    parcint_chunks_give(c->index, c->run);
}

/* ---- Layout objects (parc_alloc_layout; layout.c makes layouts and copies
 * them) ----
 *
 * A layout object lives in a chunk of its own kind (PARCINT_CHUNK_LAYOUT),
 * so the allocation fast paths of parc_alloc and parc_alloc_atomic never
 * see layouts. Which layout, and how many elements, a small object has is
 * kept in the last word of its cell (the trailer): the layout's address in
 * the low 48 bits, the count in the high 16 (a cell holds at most 32 KiB,
 * so at most 32,760 elements). A large object keeps both in its chunk
 * header. */

struct parc_layout {
    size_t size;              /* bytes per element */
    size_t n;                 /* pointer words per element */
    struct parc_layout *next; /* every layout made, newest first: they live
                                 for the program, and leak checkers see them
                                 reachable */
    size_t off[];             /* the pointer words' byte offsets, ascending */
};

/* The trailer: the last 8 bytes of a small layout object's cell. A cell
 * the allocator has not handed out holds 0 (no layout) or, in a chunk that
 * has held this class since it was zeroed (heap.c's init_small), a dead
 * object's trailer, which names an immortal layout: the collector may
 * always read it. */
#define PARCINT_TRAILER 8
#define PARCINT_TRAILER_SHIFT 48

static inline uint64_t parcint_trailer(const struct parc_layout *l, size_t count)
{
    return (uint64_t)(uintptr_t)l | (uint64_t)count << PARCINT_TRAILER_SHIFT;
}

/* The layout and element count of the layout object that starts at obj, in
 * chunk c (small or large); NULL layout: a cell never handed out. */
static inline const struct parc_layout *parcint_layout_of(const parcint_chunk *c,
                                                   const char *obj,
                                                   size_t *count)
{
    if (c->kind == PARCINT_CHUNK_LARGE) {
        *count = c->count;
        return c->layout;
    }
    uint64_t t = *(const uint64_t *)(obj + c->cell - PARCINT_TRAILER);
    *count = (size_t)(t >> PARCINT_TRAILER_SHIFT);
    return (const struct parc_layout *)(uintptr_t)(
        t & (((uint64_t)1 << PARCINT_TRAILER_SHIFT) - 1));
}

#endif /* runtime_heaplayout_h */
