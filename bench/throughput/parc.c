/* throughput/parc: one-way messages from worker 0 to worker 1 over parc's
 * transport (runtime/comms.h), formed in place in the sender's lane as a
 * batch (parcint_comms_batch_put) and published THROUGHPUT_BATCH at a time
 * (one flush); worker 1 takes them in
 * its idle loop, reads each in place and adds it up. The sender keeps at
 * most 2^16 messages ahead of the receiver (it reads the receiver's
 * progress, which the receiver stores once per 1,024 messages).
 * Usage: throughput/parc [messages] (PARC_WORKERS=2). */
#include <parc.h>

#include "comms.h"
#include "pool.h"

#include "throughput.h"

enum { DATA = PARCINT_MSG_FIRST_FREE };
#define AHEAD (1L << 16)

static long total;
static uint64_t sum;   /* worker 1's */
static long handled;   /* worker 1's */
static _Atomic long progress; /* handled, stored every 1,024 and at the end */

static void on_data(parcint_worker *w, const parcint_msg *m)
{
    (void)w;
    sum += m->data[0];
    if ((++handled & 1023) == 0 || handled == total)
        /* release: pairs with the sender's acquire loads (sum is read
         * after the last). */
        atomic_store_explicit(&progress, handled, memory_order_release);
}

static int finished(void *arg)
{
    (void)arg;
    /* acquire: see on_data. */
    return atomic_load_explicit(&progress, memory_order_acquire) >= total;
}

struct ahead {
    long sent;
};

static int caught_up(void *arg)
{
    struct ahead *a = arg;
    /* acquire: see on_data. */
    return a->sent - atomic_load_explicit(&progress, memory_order_acquire) <
           AHEAD;
}

static void BENCH_KERNEL(parcint_worker *w, long n)
{
    struct ahead a = {0};
    parcint_msg_batch b;
    for (long i = 1; i <= n;) {
        if (parcint_comms_batch_open(w, 1, &b))
            bench_fail("parcint_comms_batch_open");
        long end = i + THROUGHPUT_BATCH - 1 - (i - 1) % THROUGHPUT_BATCH;
        if (end > n)
            end = n;
        for (; i <= end; i++) {
            parcint_msg *m = parcint_comms_batch_put(&b, DATA, sizeof(uint64_t));
            if (!m)
                break; /* the block is full: the next batch goes on */
            m->data[0] = (uint64_t)i;
        }
        parcint_comms_batch_close(w, &b);
        if (i > end) {
            parcint_comms_flush(w);
            a.sent = end;
            if (!caught_up(&a))
                parcint_comms_await(w, caught_up, &a);
        }
    }
    parcint_comms_await(w, finished, NULL);
}

int main(int argc, char **argv)
{
    long n = throughput_arg(argc, argv);
    if (parcint_comms_handle(DATA, on_data))
        bench_fail("cannot register the handler");
    if (parc_start())
        bench_fail("parc_start");
    if (parc_workers() != 2)
        bench_fail("throughput needs PARC_WORKERS=2 (has %u)", parc_workers());
    parcint_worker *w = parcint_worker_by_id(0);
    total = n;
    double t0 = bench_now();
    bench_kernel(w, n);
    double t = bench_now() - t0;
    if (sum != throughput_sum(n))
        bench_fail("sum %llu, want %llu", (unsigned long long)sum,
                   (unsigned long long)throughput_sum(n));
    throughput_report(n, t);
    return 0;
}
