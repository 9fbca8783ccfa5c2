/* pingpong/spsc: round trips between two threads over two bare lock-free
 * single-producer single-consumer rings (one each way), both threads
 * spinning: the floor for a message crossing cores and coming back.
 * Usage: pingpong/spsc [round trips]. */
#include <pthread.h>
#include <stdatomic.h>

#include "pingpong.h"

#define SLOTS 1024

struct ring {
    _Alignas(64) _Atomic uint64_t tail; /* written by the producer */
    _Alignas(64) _Atomic uint64_t head; /* written by the consumer */
    _Alignas(64) uint64_t slot[SLOTS];
};

static struct ring to_b, to_a;
static long ops;

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

static void *bouncer(void *arg)
{
    (void)arg;
    for (long i = 0; i < ops + 1000; i++)
        push(&to_a, pop(&to_b) + 1);
    return NULL;
}

static uint64_t rounds(long n, uint64_t v)
{
    for (long i = 0; i < n; i++) {
        push(&to_b, v);
        uint64_t r = pop(&to_a);
        if (r != v + 1)
            bench_fail("got %llu, want %llu", (unsigned long long)r,
                       (unsigned long long)v + 1);
        v = r + 1;
    }
    return v;
}

static uint64_t BENCH_KERNEL(long n, uint64_t v) { return rounds(n, v); }

int main(int argc, char **argv)
{
    ops = pingpong_arg(argc, argv);
    pthread_t th;
    if (pthread_create(&th, NULL, bouncer, NULL))
        bench_fail("pthread_create");
    uint64_t v = rounds(1000, 0);
    double t0 = bench_now();
    v = bench_kernel(ops, v);
    double t = bench_now() - t0;
    pthread_join(th, NULL);
    if (v != 2 * (uint64_t)(ops + 1000))
        bench_fail("value %llu", (unsigned long long)v);
    pingpong_report(ops, t);
    return 0;
}
