/* slab.c: the shared side of the type-stable object caches (slab.h). */
#include "slab.h"

#include <sys/mman.h>

/* Under s->lock: cuts one object from the current chunk, mapping a new
 * chunk when it is used up. */
static void *carve(parcint_slab *s)
{
    if (s->carve == NULL || s->carve + s->size > s->carve_end) {
        /* mmap: zeroed (a fresh object's fields, a process's generation
         * among them, start at 0; a reused one keeps its own) and touched
         * only as objects are cut from it, so a program pays memory for the
         * objects it made, not for the chunk. Page-aligned, hence aligned
         * for every object size. */
        char *chunk = mmap(NULL, PARCINT_SLAB_CHUNK, PROT_READ | PROT_WRITE,
                           MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (chunk == MAP_FAILED)
            return NULL;
        s->carve = chunk;
        s->carve_end = chunk + PARCINT_SLAB_CHUNK;
        s->chunk_bytes += PARCINT_SLAB_CHUNK;
    }
    void *o = s->carve;
    s->carve += s->size;
    return o;
}

void *parcint_slab_refill(parcint_slab *s, parcint_slab_cache *c)
{
    /* Half a cache at a time: the lock is taken once per that many gets. */
    size_t want = PARCINT_SLAB_CACHE / 2;
    pthread_mutex_lock(&s->lock);
    while (c->n < want) {
        struct parcint_slab_free *o = s->shared;
        if (o) {
            s->shared = o->next;
            s->nshared--;
        } else if (!(o = carve(s)))
            break;
        o->next = c->head;
        c->head = o;
        c->n++;
    }
    pthread_mutex_unlock(&s->lock);
    if (!c->head)
        return NULL;
    return parcint_slab_get(s, c);
}

void parcint_slab_spill(parcint_slab *s, parcint_slab_cache *c)
{
    size_t keep = PARCINT_SLAB_CACHE / 2;
    struct parcint_slab_free *first = c->head, *last = first;
    size_t n = 1;
    /* The list's first n - keep objects go; the rest stay. */
    while (n < c->n - keep) {
        last = last->next;
        n++;
    }
    c->head = last->next;
    c->n -= n;
    pthread_mutex_lock(&s->lock);
    last->next = s->shared;
    s->shared = first;
    s->nshared += n;
    pthread_mutex_unlock(&s->lock);
}

size_t parcint_slab_bytes(parcint_slab *s)
{
    pthread_mutex_lock(&s->lock);
    size_t b = s->chunk_bytes;
    pthread_mutex_unlock(&s->lock);
    return b;
}
