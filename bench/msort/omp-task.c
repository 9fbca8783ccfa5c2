/* msort with OpenMP tasks: a task for the first half, the second half called,
 * a taskwait, then a serial merge.
 *
 * MSORT_GRAIN as in parc-api.c: MSORT_SMALL (32) here, MSORT_CUT in
 * omp-cut.c. Built with gcc (libgomp) and clang-14 (libomp). */
#include <omp.h>

#include "msort.h"

#ifndef MSORT_GRAIN
#define MSORT_GRAIN MSORT_SMALL
#endif

static void ms(int *a, int *tmp, size_t n, int to_tmp)
{
    if (n <= MSORT_GRAIN) {
        msort_serial(a, tmp, n, to_tmp);
        return;
    }
    size_t h = n / 2;
#pragma omp task
    ms(a, tmp, h, !to_tmp);
    ms(a + h, tmp + h, n - h, !to_tmp);
#pragma omp taskwait
    if (to_tmp)
        msort_merge(a, h, a + h, n - h, tmp);
    else
        msort_merge(tmp, h, tmp + h, n - h, a);
}

static void BENCH_KERNEL(int *a, int *tmp, size_t n)
{
#pragma omp parallel
#pragma omp single
    ms(a, tmp, n, 0);
}

int main(int argc, char **argv)
{
    size_t n = msort_arg(argc, argv);
    int *a, *tmp;
    uint64_t sum = msort_setup(n, &a, &tmp);
#pragma omp parallel
    { /* warm-up: the thread team exists before the clock starts */
    }
    printf("workers=%d\n", omp_get_max_threads());
    double t0 = bench_now();
    bench_kernel(a, tmp, n);
    msort_finish(n, a, tmp, sum, bench_now() - t0);
    return 0;
}
