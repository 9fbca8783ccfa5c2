/* pingpong/spsc: round trips between two threads over two bare lock-free
 * single-producer single-consumer rings (one each way), both threads
 * spinning: the floor for a message crossing cores and coming back.
 * Usage: pingpong/spsc [round trips]. */
#include <stdatomic.h>
#include <stdint.h>

#define SLOTS 1024

struct ring {
    _Alignas(64) _Atomic uint64_t tail; /* written by the producer */
    _Alignas(64) _Atomic uint64_t head; /* written by the consumer */
    _Alignas(64) uint64_t slot[SLOTS];
};

static struct ring to_b, to_a;

static void push(struct ring *r, uint64_t v)
{
    /* relaxed: the producer's own index. */
    uint64_t t = atomic_load_explicit(&r->tail, memory_order_relaxed);
    /* acquire: pairs with the consumer's release of head (slot free). */
    while (t - atomic_load_explicit(&r->head, memory_order_acquire) == SLOTS)
        ;
    r->slot[t % SLOTS] = v;
    /* release: pairs with pop's acquire load of tail (slot written). */
    atomic_store_explicit(&r->tail, t + 1, memory_order_release);
}

static uint64_t pop(struct ring *r)
{
    /* relaxed: the consumer's own index. */
    uint64_t h = atomic_load_explicit(&r->head, memory_order_relaxed);
    /* acquire: pairs with push's release store of tail. */
    while (atomic_load_explicit(&r->tail, memory_order_acquire) == h)
        ;
    uint64_t v = r->slot[h % SLOTS];
    /* release: pairs with push's acquire load of head. */
    atomic_store_explicit(&r->head, h + 1, memory_order_release);
    return v;
}

static void pp_bounce(void) { push(&to_a, pop(&to_b) + 1); }

static uint64_t pp_exchange(uint64_t v)
{
    push(&to_b, v);
    return pop(&to_a);
}

#include "pingpong-threads.h"

int main(int argc, char **argv) { return pingpong_threads(argc, argv); }
