/* pingpong-threads.h: the harness of the pingpong programs that bounce the
 * counter between two plain threads (condvar, pipe, spsc). A program defines
 * its channel as two functions, then includes this file:
 *
 *   static uint64_t pp_exchange(uint64_t v);  // thread A: send v, return
 *                                             // the answer
 *   static void pp_bounce(void);              // thread B: take one value,
 *                                             // answer it plus one
 *
 * and calls pingpong_threads(argc, argv) from main after its own set-up.
 * 1,000 round trips warm up before the timed ones. */
#ifndef BENCH_PINGPONG_THREADS_H
#define BENCH_PINGPONG_THREADS_H

#include <pthread.h>

#include "pingpong.h"

#define PINGPONG_WARMUP 1000

static long pp_ops;

static void *pp_bouncer(void *arg)
{
    (void)arg;
    for (long i = 0; i < pp_ops + PINGPONG_WARMUP; i++)
        pp_bounce();
    return NULL;
}

static uint64_t pp_rounds(long n, uint64_t v)
{
    for (long i = 0; i < n; i++) {
        uint64_t r = pp_exchange(v);
        if (r != v + 1)
            bench_fail("got %llu, want %llu", (unsigned long long)r,
                       (unsigned long long)v + 1);
        v = r + 1;
    }
    return v;
}

static uint64_t BENCH_KERNEL(long n, uint64_t v) { return pp_rounds(n, v); }

static int pingpong_threads(int argc, char **argv)
{
    pp_ops = pingpong_arg(argc, argv);
    pthread_t th;
    if (pthread_create(&th, NULL, pp_bouncer, NULL))
        bench_fail("pthread_create");
    uint64_t v = pp_rounds(PINGPONG_WARMUP, 0);
    double t0 = bench_now();
    v = bench_kernel(pp_ops, v);
    double t = bench_now() - t0;
    pthread_join(th, NULL);
    if (v != 2 * (uint64_t)(pp_ops + PINGPONG_WARMUP))
        bench_fail("value %llu", (unsigned long long)v);
    pingpong_report(pp_ops, t);
    return 0;
}

#endif /* BENCH_PINGPONG_THREADS_H */
