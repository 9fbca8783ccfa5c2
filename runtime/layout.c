/* layout.c: precise layouts and the deep copy of layout objects.
 *
 * A layout (parc_layout_new) lists the pointer words of an element; it is
 * immutable and lives for the program, as Boehm's GC_make_descriptor
 * descriptors do (Boehm, "Space efficient conservative garbage collection",
 * PLDI 1993, for the typed allocation it describes). parc_alloc_layout
 * (heap.c) records an object's layout beside it (layout.h), the collector
 * reads only its pointer words (gc.c), and so a copy may rewrite them: a
 * layout object, with everything its pointer fields reach, can be copied
 * deeply (parc_copy) and handed out of a process's heap (a reply, future.c).
 *
 * The copy is a graph walk in two halves. The walk (no parc allocation)
 * finds every parc object reachable from the root through pointer fields,
 * each once (a hash table of object starts), and for every pointer field
 * where its target is in that list; it fails with EINVAL, before anything
 * is allocated, at an object from parc_alloc (conservatively scanned: it
 * cannot say which of its words are pointers). The build allocates one
 * copy per object in the caller's heap, copies the bytes and points each
 * pointer field that named an object of the graph at the same offset of that
 * object's copy (sharing, cycles and interior pointers are kept); the other
 * fields are left as they are. parc_copy builds from the originals; a
 * process's reply is walked into one malloc'd block (held) in the step that
 * returns it, so the process may collect or free its heap before anyone
 * joins, and each join builds from that block.
 */
#define _GNU_SOURCE
#include "layout.h"

#include "diag.h"
#include "heap.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* ---- layouts ---- */

/* Every layout made (leak checkers see them reachable; none is freed).
 * Pushed under a mutex: layouts are made rarely, once per type. */
static pthread_mutex_t layouts_lock = PTHREAD_MUTEX_INITIALIZER;
static struct parc_layout *layouts;

static int by_offset(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return (x > y) - (x < y);
}

/* The complaint about bad arguments to parc_layout_new, or NULL. */
static const char *check(size_t size, const size_t *off, size_t n,
                         size_t *bad)
{
    const size_t w = sizeof(void *);
    if (size == 0)
        return "element size 0";
    if (n && !off)
        return "pointer offsets: NULL with n > 0";
    if (n && size % w)
        return "an element that holds pointers must be a multiple of "
               "sizeof(void *) bytes (the next element's would be "
               "misaligned)";
    for (size_t i = 0; i < n; i++) {
        *bad = off[i];
        if (off[i] % w)
            return "pointer offset %zu is not a multiple of sizeof(void *)";
        if (off[i] > size - w)
            return "the pointer at offset %zu does not fit in the element";
    }
    return NULL;
}

const parc_layout *parc_layout_new(size_t size, const size_t *pointer_offsets,
                                   size_t n)
{
    size_t bad = 0;
    const char *why = check(size, pointer_offsets, n, &bad);
    if (why) {
        parcint_complain(EINVAL, "parc_layout_new", why, bad);
        errno = EINVAL;
        return NULL;
    }
    struct parc_layout *l = malloc(sizeof *l + n * sizeof l->off[0]);
    if (!l || (uintptr_t)l >> PARCINT_TRAILER_SHIFT) {
        /* The trailer keeps the address in 48 bits (layout.h): an address
         * above is no memory we can use. */
        free(l);
        errno = ENOMEM;
        return NULL;
    }
    if (n)
        memcpy(l->off, pointer_offsets, n * sizeof l->off[0]);
    qsort(l->off, n, sizeof l->off[0], by_offset);
    for (size_t i = 1; i < n; i++)
        if (l->off[i] == l->off[i - 1]) {
            parcint_complain(EINVAL, "parc_layout_new",
                             "pointer offset %zu listed twice", l->off[i]);
            free(l);
            errno = EINVAL;
            return NULL;
        }
    l->size = size;
    l->n = n;
    pthread_mutex_lock(&layouts_lock);
    l->next = layouts;
    layouts = l;
    pthread_mutex_unlock(&layouts_lock);
    return l;
}

/* ---- the walk ---- */

/* One object of the graph. start is the original's address, used once the
 * walk is over only as a number (a held graph's originals may be gone). */
struct gobj {
    uintptr_t start;
    const parc_layout *l; /* NULL: a parc_alloc_atomic object */
    size_t count;         /* layout: elements; atomic: bytes */
    size_t first;         /* its first pointer field's entry in target[] */
    const char *src;      /* where its bytes are read from */
};

/* A graph: objs[0] is the root. target[] has an entry per pointer field,
 * object by object, field by field as layout_fields visits them: 0 when the
 * field names no object of the graph, else that object's index + 1. */
struct graph {
    struct gobj *objs;
    size_t n, cap;
    size_t *target;
    size_t nt, tcap;
};

struct parcint_held {
    struct graph g; /* its arrays and the bytes follow in the same block */
};

static size_t obj_bytes(const struct gobj *o)
{
    return o->l ? o->l->size * o->count : o->count;
}

/* Open addressing on object starts; slot values are index + 1. */
struct table {
    uintptr_t *key;
    size_t *val;
    size_t mask, used;
};

static size_t hash(uintptr_t k)
{
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdull;
    k ^= k >> 33;
    return (size_t)k;
}

static int table_grow(struct table *t)
{
    size_t ncap = t->mask ? 2 * (t->mask + 1) : 64;
    uintptr_t *key = calloc(ncap, sizeof *key);
    size_t *val = malloc(ncap * sizeof *val);
    if (!key || !val) {
        free(key);
        free(val);
        return ENOMEM;
    }
    for (size_t i = 0; t->mask && i <= t->mask; i++)
        if (t->key[i]) {
            size_t j = hash(t->key[i]) & (ncap - 1);
            while (key[j])
                j = (j + 1) & (ncap - 1);
            key[j] = t->key[i];
            val[j] = t->val[i];
        }
    free(t->key);
    free(t->val);
    t->key = key;
    t->val = val;
    t->mask = ncap - 1;
    return 0;
}

/* The slot of k: its value, or 0 with *slot where it would go. */
static size_t table_find(const struct table *t, uintptr_t k, size_t *slot)
{
    size_t j = hash(k) & t->mask;
    while (t->key[j] && t->key[j] != k)
        j = (j + 1) & t->mask;
    *slot = j;
    return t->key[j] ? t->val[j] : 0;
}

static int grow_array(void **a, size_t *cap, size_t elem)
{
    size_t ncap = *cap ? 2 * *cap : 64;
    void *b = realloc(*a, ncap * elem);
    if (!b)
        return ENOMEM;
    *a = b;
    *cap = ncap;
    return 0;
}

struct walk {
    struct graph g;
    struct table t;
    size_t *todo; /* indices of objects whose fields are not yet walked */
    size_t ntodo, todocap;
    const void *bad; /* EINVAL: the parc_alloc object reached */
    /* The object the last field named, [lo, hi) its cell: fields in a row
     * often name one object (an array of pointers into one buffer). */
    uintptr_t last_lo, last_hi;
    long long last;
};

static long long add(struct walk *w, char *start, parcint_chunk *c);

/* The index + 1 of the object that word v names, added to the graph (and
 * to the walk) when new; 0 when v is not a parc object's address. -1 with
 * errno set: EINVAL (w->bad) or ENOMEM. */
static long long visit(struct walk *w, uintptr_t v)
{
    if (v - w->last_lo < w->last_hi - w->last_lo)
        return w->last;
    parcint_chunk *c;
    char *start = parcint_object_of((const void *)v, &c);
    if (!start)
        return 0;
    long long r = add(w, start, c);
    if (r > 0) {
        w->last_lo = (uintptr_t)start;
        w->last_hi = (uintptr_t)start + (c->kind == PARCINT_CHUNK_LARGE
                                             ? c->size : c->cell);
        w->last = r;
    }
    return r;
}

/* visit's work for an object not named by the field before: its index + 1
 * in the graph, where it is added if new. */
static long long add(struct walk *w, char *start, parcint_chunk *c)
{
    if (w->t.used * 2 >= w->t.mask && table_grow(&w->t))
        return errno = ENOMEM, -1;
    size_t slot;
    size_t found = table_find(&w->t, (uintptr_t)start, &slot);
    if (found)
        return (long long)found;
    struct gobj o = {(uintptr_t)start, NULL, 0, 0, start};
    if (c->flags & PARCINT_CHUNK_LAYOUT) {
        o.l = parcint_layout_of(c, start, &o.count);
        if (!o.l) /* a cell never handed out: no object to copy */
            return 0;
    } else if (c->flags & PARCINT_CHUNK_NOSCAN) {
        o.count = parcint_atomic_bytes(c);
    } else {
        w->bad = start;
        return errno = EINVAL, -1;
    }
    if (w->g.n == w->g.cap &&
        grow_array((void **)&w->g.objs, &w->g.cap, sizeof *w->g.objs))
        return errno = ENOMEM, -1;
    if (o.l && o.l->n && w->ntodo == w->todocap &&
        grow_array((void **)&w->todo, &w->todocap, sizeof *w->todo))
        return errno = ENOMEM, -1;
    size_t i = w->g.n++;
    w->g.objs[i] = o;
    w->t.key[slot] = (uintptr_t)start;
    w->t.val[slot] = i + 1;
    w->t.used++;
    if (o.l && o.l->n)
        w->todo[w->ntodo++] = i;
    return (long long)(i + 1);
}

/* Walks the graph of root into w->g. 0, EINVAL or ENOMEM. */
static int walk(struct walk *w, const void *root)
{
    memset(w, 0, sizeof *w);
    long long r = visit(w, (uintptr_t)root);
    if (r < 0)
        return errno;
    if (r == 0) { /* callers pass an object's start: not reached */
        w->bad = root;
        return EINVAL;
    }
    while (w->ntodo) {
        size_t i = w->todo[--w->ntodo];
        const parc_layout *l = w->g.objs[i].l;
        size_t count = w->g.objs[i].count;
        w->g.objs[i].first = w->g.nt;
        for (size_t e = 0; e < count; e++) {
            const char *elem = w->g.objs[i].src + e * l->size;
            for (size_t f = 0; f < l->n; f++) {
                uintptr_t v = *(const uintptr_t *)(elem + l->off[f]);
                long long t = visit(w, v);
                if (t < 0)
                    return errno;
                if (w->g.nt == w->g.tcap &&
                    grow_array((void **)&w->g.target, &w->g.tcap,
                               sizeof *w->g.target))
                    return ENOMEM;
                w->g.target[w->g.nt++] = (size_t)t;
            }
        }
    }
    return 0;
}

static void walk_free(struct walk *w)
{
    free(w->g.objs);
    free(w->g.target);
    free(w->t.key);
    free(w->t.val);
    free(w->todo);
}

/* ---- the build ---- */

/* The copy of g's root in the caller's heap. keep is held in the array
 * that roots the copies (the originals of parc_copy, which the allocations
 * here might otherwise collect: only the caller's reference reaches
 * them). NULL with errno ENOMEM. */
static void *build(const struct graph *g, const void *keep)
{
    /* The copies made so far are reached only from here: a parc_alloc
     * array, which this frame keeps (conservatively) while the others are
     * allocated (each allocation may collect this heap). */
    void **copy = parc_alloc((g->n + 1) * sizeof *copy);
    if (!copy)
        return NULL;
    copy[g->n] = (void *)keep;
    for (size_t i = 0; i < g->n; i++) {
        const struct gobj *o = &g->objs[i];
        copy[i] = o->l ? parc_alloc_layout(o->l, o->count)
                       : parc_alloc_atomic(o->count);
        if (!copy[i])
            return NULL; /* errno ENOMEM; the copies are garbage */
    }
    for (size_t i = 0; i < g->n; i++) {
        const struct gobj *o = &g->objs[i];
        memcpy(copy[i], o->src, obj_bytes(o));
        if (!o->l || !o->l->n)
            continue;
        const size_t *t = g->target + o->first;
        for (size_t e = 0; e < o->count; e++) {
            char *elem = (char *)copy[i] + e * o->l->size;
            for (size_t f = 0; f < o->l->n; f++, t++)
                if (*t) {
                    uintptr_t *field = (uintptr_t *)(elem + o->l->off[f]);
                    const struct gobj *to = &g->objs[*t - 1];
                    *field = (uintptr_t)copy[*t - 1] + (*field - to->start);
                }
        }
    }
    void *root = copy[0];
    /* Keep the array, hence every copy, until root is in hand. */
    __asm__ __volatile__("" : : "r"(copy) : "memory");
    return root;
}

/* The deep copy of the layout object obj starts, in the caller's heap. NULL
 * with errno EINVAL (a complaint made) or ENOMEM. */
static void *deep_copy(const void *obj)
{
    struct walk w;
    int err = walk(&w, obj);
    void *copy = NULL;
    if (err == EINVAL)
        parcint_complain(EINVAL, "parc_copy",
                         "%p reaches %p, which may hold pointers (allocated "
                         "with parc_alloc, not parc_alloc_atomic or "
                         "parc_alloc_layout): nothing copied", obj, w.bad);
    else if (!err)
        copy = build(&w.g, obj);
    walk_free(&w);
    if (!copy)
        errno = err ? err : ENOMEM;
    return copy;
}

void *parc_copy(const void *obj)
{
    parcint_chunk *c;
    char *start = parcint_object_of(obj, &c);
    if (!start || start != (const char *)obj) {
        parcint_complain(EINVAL, "parc_copy",
                         "%p is not the start of a parc object", obj);
        errno = EINVAL;
        return NULL;
    }
    if (c->flags & PARCINT_CHUNK_LAYOUT)
        return deep_copy(obj);
    if (!(c->flags & PARCINT_CHUNK_NOSCAN)) {
        /* Rewriting a word that only looks like a pointer would corrupt
         * data: only pointer-free objects and layout objects can be
         * copied. */
        parcint_complain(EINVAL, "parc_copy",
                         "%p may hold pointers (allocated with parc_alloc, "
                         "not parc_alloc_atomic or parc_alloc_layout)", obj);
        errno = EINVAL;
        return NULL;
    }
    size_t size = parcint_atomic_bytes(c);
    void *copy = parc_alloc_atomic(size);
    if (copy)
        memcpy(copy, obj, size);
    return copy;
}

/* ---- held graphs (process replies) ---- */

struct parcint_held *parcint_held_make(const void *obj, int *err,
                                       const void **bad)
{
    struct walk w;
    struct parcint_held *h = NULL;
    *err = walk(&w, obj);
    *bad = w.bad;
    if (!*err) {
        /* One block: the header, the objects, the targets, then each
         * object's bytes, 16-aligned. */
        size_t size = sizeof *h + w.g.n * sizeof *w.g.objs +
                      w.g.nt * sizeof *w.g.target;
        size = (size + 15) & ~(size_t)15;
        size_t bytes = 0;
        for (size_t i = 0; i < w.g.n; i++)
            bytes += (obj_bytes(&w.g.objs[i]) + 15) & ~(size_t)15;
        h = malloc(size + bytes);
        if (!h) {
            *err = ENOMEM;
        } else {
            struct gobj *objs = (struct gobj *)(h + 1);
            size_t *target = (size_t *)(objs + w.g.n);
            char *b = (char *)h + size;
            memcpy(objs, w.g.objs, w.g.n * sizeof *objs);
            if (w.g.nt) /* none for an atomic reply: target is NULL */
                memcpy(target, w.g.target, w.g.nt * sizeof *target);
            for (size_t i = 0; i < w.g.n; i++) {
                size_t n = obj_bytes(&objs[i]);
                memcpy(b, objs[i].src, n);
                objs[i].src = b;
                b += (n + 15) & ~(size_t)15;
            }
            h->g = (struct graph){objs, w.g.n, w.g.n, target, w.g.nt, w.g.nt};
        }
    }
    walk_free(&w);
    return h;
}

void *parcint_held_build(const struct parcint_held *h)
{
    void *copy = build(&h->g, NULL);
    if (!copy)
        errno = ENOMEM;
    return copy;
}
