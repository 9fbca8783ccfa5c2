/* fib with OpenMP tasks: a task per call.
 *
 * FIB_CUTOFF as in parc-api.c: 2 here (a task per call that recurses),
 * FIB_CUT in omp-cut.c. Built with gcc (libgomp) and clang-14 (libomp). */
#include <omp.h>

#include "fib.h"

#ifndef FIB_CUTOFF
#define FIB_CUTOFF 2
#endif

static long fib(int n)
{
    if (n < FIB_CUTOFF)
        return fib_serial(n);
    long a, b;
#pragma omp task shared(a)
    a = fib(n - 1);
    b = fib(n - 2);
#pragma omp taskwait
    return a + b;
}

static long BENCH_KERNEL(int n)
{
    long r = 0;
#pragma omp parallel
#pragma omp single
    r = fib(n);
    return r;
}

int main(int argc, char **argv)
{
    int n = fib_arg(argc, argv);
#pragma omp parallel
    { /* warm-up: the thread team exists before the clock starts */
    }
    printf("workers=%d\n", omp_get_max_threads());
    double t0 = bench_now();
    long r = bench_kernel(n);
    fib_finish(n, r, bench_now() - t0);
    return 0;
}
