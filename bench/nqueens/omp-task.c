/* nqueens with OpenMP tasks: a task per free column, then one taskwait.
 *
 * NQ_FORK_ROWS as in parc-api.c: every row here, NQ_CUT in omp-cut.c. Built
 * with gcc (libgomp) and clang-14 (libomp). */
#include <omp.h>

#include "nqueens.h"

#ifndef NQ_FORK_ROWS
#define NQ_FORK_ROWS NQ_MAX
#endif

static long nq(int n, int row, uint32_t cols, uint32_t d1, uint32_t d2)
{
    if (row == n)
        return 1;
    if (row >= NQ_FORK_ROWS)
        return nq_serial(n, row, cols, d1, d2);
    long counts[NQ_MAX];
    int k = 0;
    for (int c = 0; c < n; c++) {
        uint32_t bit = UINT32_C(1) << c;
        if ((cols | d1 | d2) & bit)
            continue;
#pragma omp task shared(counts)
        counts[k] = nq(n, row + 1, cols | bit, (d1 | bit) << 1, (d2 | bit) >> 1);
        k++;
    }
#pragma omp taskwait
    long count = 0;
    for (int i = 0; i < k; i++)
        count += counts[i];
    return count;
}

static long BENCH_KERNEL(int n)
{
    long r = 0;
#pragma omp parallel
#pragma omp single
    r = nq(n, 0, 0, 0, 0);
    return r;
}

int main(int argc, char **argv)
{
    int n = nq_arg(argc, argv);
#pragma omp parallel
    { /* warm-up: the thread team exists before the clock starts */
    }
    printf("workers=%d\n", omp_get_max_threads());
    double t0 = bench_now();
    long r = bench_kernel(n);
    nq_finish(n, r, bench_now() - t0);
    return 0;
}
