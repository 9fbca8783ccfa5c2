/* slab.h: type-stable caches of fixed-size objects (processes, messages).
 *
 * An object taken from a slab is never returned to malloc: once freed it goes
 * back to a free list and is only ever reused as an object of the same slab.
 * That is what lets a process handle be checked by generation without a
 * reference count: reading a stale handle's process reads a process (or a free
 * one), never memory that became something else (docs/processes.md).
 *
 * Each thread keeps a private free list (no atomics, no lock); a list that
 * grows past PARCINT_SLAB_CACHE moves half of itself to the slab's shared
 * list (one mutex), and an empty one refills from there or from a new chunk.
 * Objects are carved from mmap'd chunks of PARCINT_SLAB_CHUNK bytes, with
 * no per-object header: an object costs its size.
 */
#ifndef runtime_slab_h
#define runtime_slab_h

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

#define PARCINT_SLAB_CHUNK (256u * 1024u)
#define PARCINT_SLAB_CACHE 1024u

struct parcint_slab_free {
    struct parcint_slab_free *next;
};

typedef struct parcint_slab {
    size_t size;  /* object size, a multiple of 16 */
    pthread_mutex_t lock;
    struct parcint_slab_free *shared; /* under lock */
    size_t nshared;                   /* under lock */
    char *carve, *carve_end;          /* the chunk being cut, under lock */
    size_t chunk_bytes;               /* all chunks, under lock: a statistic */
} parcint_slab;

#define PARCINT_SLAB_INIT(sz)                                               \
    {                                                                       \
        .size = (sz), .lock = PTHREAD_MUTEX_INITIALIZER                     \
    }

/* A thread's private list for one slab. */
typedef struct parcint_slab_cache {
    struct parcint_slab_free *head;
    size_t n;
} parcint_slab_cache;

/* Slow paths: refill an empty cache (NULL when out of memory), give back
 * half of a full one. */
void *parcint_slab_refill(parcint_slab *s, parcint_slab_cache *c);
void parcint_slab_spill(parcint_slab *s, parcint_slab_cache *c);

static inline void *parcint_slab_get(parcint_slab *s, parcint_slab_cache *c)
{
    struct parcint_slab_free *o = c->head;
    if (__builtin_expect(o == NULL, 0))
        return parcint_slab_refill(s, c);
    c->head = o->next;
    c->n--;
    return o;
}

static inline void parcint_slab_put(parcint_slab *s, parcint_slab_cache *c,
                                    void *obj)
{
    struct parcint_slab_free *o = obj;
    o->next = c->head;
    c->head = o;
    if (__builtin_expect(++c->n > PARCINT_SLAB_CACHE, 0))
        parcint_slab_spill(s, c);
}

/* Bytes of chunks the slab holds (a statistic; takes the lock). */
size_t parcint_slab_bytes(parcint_slab *s);

#endif /* runtime_slab_h */
