/* throughput-ring.h: the bare single-producer single-consumer ring of the
 * spsc and spsc-batch programs, both sides spinning. Each side caches the
 * other's index and rereads it only when the ring looks full (producer) or
 * empty (consumer). A program defines RING_BATCH, then includes this file:
 *
 *   RING_BATCH 1   the producer publishes its index with a release store
 *                  per message and the consumer its own per message taken
 *                  (spsc: the ring issue 9's target is stated against);
 *   RING_BATCH k   the producer publishes once per k messages, as parc's
 *                  sender flushes, and the consumer once per group it
 *                  finds (spsc-batch). */
#ifndef BENCH_THROUGHPUT_RING_H
#define BENCH_THROUGHPUT_RING_H

#include <pthread.h>
#include <stdatomic.h>

#include "throughput.h"

#define SLOTS 4096

static struct {
    _Alignas(64) _Atomic uint64_t tail; /* written by the producer */
    _Alignas(64) _Atomic uint64_t head; /* written by the consumer */
    _Alignas(64) uint64_t slot[SLOTS];
} ring;

static long total;
static uint64_t sum; /* the consumer's, read after the join */

static void *consumer(void *arg)
{
    (void)arg;
    uint64_t h = 0, t = 0, s = 0;
    while (h < (uint64_t)total) {
        while (h == t)
            /* acquire: pairs with the producer's release store of tail. */
            t = atomic_load_explicit(&ring.tail, memory_order_acquire);
        if (RING_BATCH == 1)
            s += ring.slot[h++ % SLOTS];
        else
            while (h < t)
                s += ring.slot[h++ % SLOTS];
        /* release: pairs with the producer's acquire load of head. */
        atomic_store_explicit(&ring.head, h, memory_order_release);
    }
    sum = s;
    return NULL;
}

static void BENCH_KERNEL(long n)
{
    uint64_t t = 0, h = 0;
    for (long i = 1; i <= n; i++) {
        while (t - h == SLOTS)
            /* acquire: pairs with the consumer's release store of head. */
            h = atomic_load_explicit(&ring.head, memory_order_acquire);
        ring.slot[t % SLOTS] = (uint64_t)i;
        t++;
        if (i % RING_BATCH == 0 || i == n)
            /* release: pairs with the consumer's acquire load of tail. */
            atomic_store_explicit(&ring.tail, t, memory_order_release);
    }
}

int main(int argc, char **argv)
{
    total = throughput_arg(argc, argv);
    pthread_t th;
    double t0 = bench_now();
    if (pthread_create(&th, NULL, consumer, NULL))
        bench_fail("pthread_create");
    bench_kernel(total);
    pthread_join(th, NULL);
    double t = bench_now() - t0;
    throughput_finish(total, sum, t);
    return 0;
}

#endif /* BENCH_THROUGHPUT_RING_H */
