/* fib in the parc language as a C programmer writes it: a fork per call and
 * no cut-off at all, compiled with the plugin as users get it. The plugin's
 * sequential clones and lazy forks (docs/deparallelization.md) are what keep
 * it near the serial program's speed. */
#include <parc.h>

#include "fib.h"

PARC_PURE static long fib(int n)
{
    if (n < 2)
        return n;
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
