/* throughput-parc.h: the harness of parc's throughput programs (parc.c:
 * runs, parc-msgs.c: one record per message). Worker 0 sends; worker 1
 * takes the messages in its idle loop, reads them in place and adds them up.
 * A program defines, before including this file:
 *
 *   static void tp_register(void);   // its handler for TP_DATA
 *   // puts the values i..end (end - i < THROUGHPUT_BATCH) into w's lane to
 *   // worker 1, committed, not flushed; returns the first value not put
 *   // (its block was full: the next call goes on)
 *   static long tp_put(parcint_worker *w, long i, long end);
 *
 * and its handler calls tp_took(count, sum of the values) after each call.
 * The sender flushes once per THROUGHPUT_BATCH messages and keeps at most
 * TP_AHEAD messages ahead of the receiver (it reads the receiver's
 * progress, which the receiver stores once per 1,024 messages). */
#ifndef BENCH_THROUGHPUT_PARC_H
#define BENCH_THROUGHPUT_PARC_H

#include <parc.h>

#include "comms.h"
#include "pool.h"

#include "throughput.h"

enum { TP_DATA = PARCINT_MSG_FIRST_FREE };
#define TP_AHEAD (1L << 16)

static long tp_total;
static uint64_t tp_sum;          /* worker 1's */
static long tp_handled;          /* worker 1's */
static _Atomic long tp_progress; /* handled, stored every 1,024 and at the end */

static void tp_register(void);
static long tp_put(parcint_worker *w, long i, long end);

static inline void tp_took(long count, uint64_t sum)
{
    long before = tp_handled;
    tp_sum += sum;
    tp_handled += count;
    if ((before >> 10) != (tp_handled >> 10) || tp_handled == tp_total)
        /* release: pairs with the sender's acquire loads (tp_sum is read
         * after the last). */
        atomic_store_explicit(&tp_progress, tp_handled, memory_order_release);
}

static int tp_finished(void *arg)
{
    (void)arg;
    /* acquire: see tp_took. */
    return atomic_load_explicit(&tp_progress, memory_order_acquire) >=
           tp_total;
}

static int tp_caught_up(void *arg)
{
    long sent = *(long *)arg;
    /* acquire: see tp_took. */
    return sent - atomic_load_explicit(&tp_progress, memory_order_acquire) <
           TP_AHEAD;
}

static void BENCH_KERNEL(parcint_worker *w, long n)
{
    for (long i = 1; i <= n;) {
        long end = i + THROUGHPUT_BATCH - 1 - (i - 1) % THROUGHPUT_BATCH;
        if (end > n)
            end = n;
        i = tp_put(w, i, end);
        if (i > end) {
            parcint_comms_flush(w);
            if (!tp_caught_up(&end))
                parcint_comms_await(w, tp_caught_up, &end);
        }
    }
    parcint_comms_await(w, tp_finished, NULL);
}

int main(int argc, char **argv)
{
    long n = throughput_arg(argc, argv);
    tp_register();
    if (parc_start())
        bench_fail("parc_start");
    if (parc_workers() != 2)
        bench_fail("throughput needs PARC_WORKERS=2 (has %u)", parc_workers());
    parcint_worker *w = parcint_worker_by_id(0);
    tp_total = n;
    double t0 = bench_now();
    bench_kernel(w, n);
    double t = bench_now() - t0;
    throughput_finish(n, tp_sum, t);
    return 0;
}

#endif /* BENCH_THROUGHPUT_PARC_H */
