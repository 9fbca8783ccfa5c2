/* pin.c: pin records of payloads in flight (pin.h; docs/processes.md,
 * "Pins").
 *
 * Pony traces every object a message carries and counts it on both sides
 * (Clebsch et al., "Orca", OOPSLA 2017); parc's collector is conservative
 * and per heap, so a message needs no tracing: one word, the payload, is a
 * root of the one heap it lies in, for as long as the message is in flight.
 * Only a payload in the sender's own current heap is pinned: that heap's
 * list is touched by its owner alone (a plain append, a plain unlink), and
 * the receiver's single release store is the only write from elsewhere.
 *
 * Records come from a type-stable slab with a cache per thread, like the
 * messages, and are freed by whichever thread owns the heap when it reaps.
 */
#include "pin.h"

#include "slab.h"

#include <errno.h>

static parcint_slab pin_slab = PARCINT_SLAB_INIT(
    (sizeof(struct parcint_pin) + 15) / 16 * 16);
static __thread __attribute__((tls_model("initial-exec")))
parcint_slab_cache pin_cache;

static int released(struct parcint_pin *r)
{
    /* acquire: pairs with the receiver's release store in
     * parcint_pin_release; its reads of the payload happen before we reuse
     * or free the record, and before a collection lets the payload die. */
    return atomic_load_explicit(&r->payload, memory_order_acquire) == NULL;
}

/* A released record at the front of h's list, unlinked, or NULL. */
static struct parcint_pin *pop_released(parcint_heap *h)
{
    struct parcint_pin *r = h->pins;
    if (!r || !released(r))
        return NULL;
    h->pins = r->next;
    if (!h->pins)
        h->pins_tail = NULL;
    return r;
}

int parcint_pin_take(void *payload, struct parcint_pin **out)
{
    parcint_heap *h = parcint_task_heap;
    *out = NULL;
    if (parcint_chunk_of((uintptr_t)payload, h->id) < 0)
        return 0;
    /* Each pin reaps up to two released records at the front of the list
     * (messages are mostly received in the order sent) and reuses the
     * first: a sender keeps a list about as long as its messages in flight,
     * and in the steady state takes no record from the slab. */
    struct parcint_pin *r = pop_released(h), *more = pop_released(h);
    if (more)
        parcint_slab_put(&pin_slab, &pin_cache, more);
    if (!r && !(r = parcint_slab_get(&pin_slab, &pin_cache)))
        return ENOMEM;
    r->next = NULL;
    /* relaxed: the record reaches the receiver through the message, which
     * the mailbox's release push publishes. */
    atomic_store_explicit(&r->payload, payload, memory_order_relaxed);
    if (h->pins_tail)
        h->pins_tail->next = r;
    else
        h->pins = r;
    h->pins_tail = r;
    *out = r;
    return 0;
}

/* Visits h's list: released records are unlinked and freed, held ones
 * given to fn. Returns the held ones. */
static size_t sweep(parcint_heap *h,
                    void (*fn)(void *ctx, const char *lo, const char *hi),
                    void *ctx)
{
    struct parcint_pin **at = &h->pins, *r, *last = NULL;
    size_t held = 0;
    while ((r = *at)) {
        /* acquire: as in released(); a payload read non-NULL is still
         * being read, or about to be, by its receiver. */
        void *w = atomic_load_explicit(&r->payload, memory_order_acquire);
        if (!w) {
            *at = r->next;
            parcint_slab_put(&pin_slab, &pin_cache, r);
            continue;
        }
        if (fn) /* the word itself, copied: the receiver may clear it */
            fn(ctx, (const char *)&w, (const char *)(&w + 1));
        held++;
        last = r;
        at = &r->next;
    }
    h->pins_tail = last;
    return held;
}

size_t parcint_pins_reap(parcint_heap *h) { return sweep(h, NULL, NULL); }

void parcint_pins_scan(parcint_heap *h,
                       void (*scan)(void *ctx, const char *lo, const char *hi),
                       void *ctx)
{
    sweep(h, scan, ctx);
}
