/* fib with the parc language: parc-api.c's program with its fork and join
 * written as pragmas, lowered by the GCC plugin. Same cut-off (FIB_CUTOFF = 2:
 * every call that recurses forks), same serial leaf, same kernel, so that
 * bench/run's parc-api and parc-naive rows differ only in who wrote the frame,
 * the thunk and the join: the cost of the plugin's plain lowering. */
#include <parc.h>

#include "fib.h"

#ifndef FIB_CUTOFF
#define FIB_CUTOFF 2
#endif

PARC_PURE static long fib(int n)
{
    if (n < FIB_CUTOFF)
        return fib_serial(n);
    long a, b;
#pragma parc fork
    a = fib(n - 1);
    b = fib(n - 2);
#pragma parc join
    return a + b;
}

static long BENCH_KERNEL(int n)
{
    return fib(n);
}

int main(int argc, char **argv)
{
    int n = fib_arg(argc, argv);
    int e = parc_start();
    if (e != 0)
        bench_fail("parc_start: error %d", e);
    printf("workers=%u\n", parc_workers());
    parc_scale_begin(); /* PARC_SCALE=1: the kernel's figures */
    double t0 = bench_now();
    long r = bench_kernel(n);
    parc_scale_end();
    fib_finish(n, r, bench_now() - t0);
    return 0;
}
