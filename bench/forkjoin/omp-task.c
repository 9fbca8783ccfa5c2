/* forkjoin with OpenMP: each call a task, waited for at once. Built with gcc
 * (libgomp) and clang-14 (libomp). */
#include <omp.h>

#include "forkjoin.h"

static long BENCH_KERNEL(long n)
{
    long s = 0;
#pragma omp parallel
#pragma omp single
    for (long i = 0; i < n; i++) {
        long r;
#pragma omp task shared(r)
        r = leaf(i);
#pragma omp taskwait
        s += r;
    }
    return s;
}

int main(int argc, char **argv)
{
    long n = forkjoin_arg(argc, argv);
#pragma omp parallel
    { /* warm-up: the thread team exists before the clock starts */
    }
    printf("workers=%d\n", omp_get_max_threads());
    double t0 = bench_now();
    long s = bench_kernel(n);
    forkjoin_finish(n, s, bench_now() - t0);
    return 0;
}
