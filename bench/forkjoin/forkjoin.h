/* forkjoin.h: what one unstolen fork+join costs over a plain call.
 *
 * A loop of N iterations, each calling leaf(i) once: plainly (serial.c), or
 * forked and joined at once through the runtime (the others), so that the
 * forked call is never stolen and every difference from serial.c is the
 * fork+join's own cost. leaf is noinline and opaque to the optimizer, so that
 * serial.c really makes N calls. */
#ifndef BENCH_FORKJOIN_H
#define BENCH_FORKJOIN_H

#include "../common.h"

#define FORKJOIN_DEFAULT 100000000L

__attribute__((noinline)) static long leaf(long i)
{
    __asm__ volatile("" ::: "memory"); /* a call the compiler must keep */
    return i ^ (i >> 3);
}

static long forkjoin_arg(int argc, char **argv)
{
    return bench_arg(argc, argv, 1, FORKJOIN_DEFAULT, 1, 1L << 40);
}

/* Checks the sum against the plain loop's and reports the kernel time. */
static void forkjoin_finish(long n, long sum, double seconds)
{
    long want = 0;
    for (long i = 0; i < n; i++)
        want += i ^ (i >> 3);
    if (sum != want)
        bench_fail("forkjoin(%ld): sum %ld, want %ld", n, sum, want);
    printf("forkjoin(%ld) ok\n", n);
    bench_report_time(seconds);
}

#endif
