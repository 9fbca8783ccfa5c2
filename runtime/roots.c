/* roots.c: parc_root_add and parc_root_remove.
 *
 * A program registers few regions (its globals, a table it mallocs) and
 * collections are rare next to allocations, so a growable array under a
 * reader-writer lock does: collectors of different heaps scan at once, and
 * an add or remove waits for the scans in progress.
 */
#include "roots.h"

#include "diag.h"

#include <errno.h>
#include <parc.h>
#include <pthread.h>
#include <stdlib.h>

struct region {
    const char *lo, *hi;
};

static pthread_rwlock_t lock = PTHREAD_RWLOCK_INITIALIZER;
static struct region *regions;
static size_t count, cap;
/* The runtime's embedded regions: a circular list with a sentinel. */
static struct parcint_root linked = {&linked, &linked, NULL, NULL};

int parc_root_add(const void *addr, size_t len)
{
    if (!addr || !len)
        return parcint_complain(EINVAL, "parc_root_add", "empty region %p+%zu",
                                addr, len);
    pthread_rwlock_wrlock(&lock);
    if (count == cap) {
        size_t ncap = cap ? 2 * cap : 16;
        struct region *r = realloc(regions, ncap * sizeof *r);
        if (!r) {
            pthread_rwlock_unlock(&lock);
            return ENOMEM;
        }
        regions = r;
        cap = ncap;
    }
    regions[count].lo = addr;
    regions[count].hi = (const char *)addr + len;
    count++;
    pthread_rwlock_unlock(&lock);
    return 0;
}

int parc_root_remove(const void *addr)
{
    pthread_rwlock_wrlock(&lock);
    /* The newest registration first: add/remove pairs nest like scopes. */
    for (size_t i = count; i-- > 0;)
        if (regions[i].lo == addr) {
            regions[i] = regions[--count];
            pthread_rwlock_unlock(&lock);
            return 0;
        }
    pthread_rwlock_unlock(&lock);
    return parcint_complain(EINVAL, "parc_root_remove",
                            "%p was not registered with parc_root_add", addr);
}

void parcint_root_link(struct parcint_root *r, const void *lo, size_t len)
{
    r->lo = lo;
    r->hi = (const char *)lo + len;
    pthread_rwlock_wrlock(&lock);
    r->next = linked.next;
    r->prev = &linked;
    linked.next->prev = r;
    linked.next = r;
    pthread_rwlock_unlock(&lock);
}

void parcint_root_unlink(struct parcint_root *r)
{
    pthread_rwlock_wrlock(&lock);
    r->prev->next = r->next;
    r->next->prev = r->prev;
    pthread_rwlock_unlock(&lock);
}

void parcint_roots_scan(void (*scan)(void *ctx, const char *lo, const char *hi),
                        void *ctx)
{
    pthread_rwlock_rdlock(&lock);
    for (size_t i = 0; i < count; i++)
        scan(ctx, regions[i].lo, regions[i].hi);
    for (struct parcint_root *r = linked.next; r != &linked; r = r->next)
        scan(ctx, r->lo, r->hi);
    pthread_rwlock_unlock(&lock);
}
