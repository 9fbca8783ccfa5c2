/* nqueens with the parc language: parc-api.c's program with its forks and
 * join written as pragmas, lowered by the GCC plugin. As there, every row
 * forks (NQ_FORK_ROWS = NQ_MAX) one call per free column in a loop; here each
 * call's count goes into its own element of an array, one join follows the
 * loop, and the counts are summed. The plugin takes the loop's frames from a
 * bounded array in the caller's stack, as parc-api.c does by hand. */
#include <parc.h>

#include "nqueens.h"

#ifndef NQ_FORK_ROWS
#define NQ_FORK_ROWS NQ_MAX
#endif

PARC_PURE static long nq(int n, int row, uint32_t cols, uint32_t d1,
                         uint32_t d2)
{
    if (row == n)
        return 1;
    if (row >= NQ_FORK_ROWS)
        return nq_serial(n, row, cols, d1, d2);
    long counts[NQ_MAX]; /* outside the loop: read after the join */
    int k = 0;
    for (int c = 0; c < n; c++) {
        uint32_t bit = UINT32_C(1) << c;
        if ((cols | d1 | d2) & bit)
            continue;
#pragma parc fork
        counts[k++] = nq(n, row + 1, cols | bit, (d1 | bit) << 1,
                         (d2 | bit) >> 1);
    }
#pragma parc join
    long count = 0;
    for (int i = 0; i < k; i++)
        count += counts[i];
    return count;
}

static long BENCH_KERNEL(int n)
{
    return nq(n, 0, 0, 0, 0);
}

int main(int argc, char **argv)
{
    int n = nq_arg(argc, argv);
    int e = parc_start();
    if (e != 0)
        bench_fail("parc_start: error %d", e);
    printf("workers=%u\n", parc_workers());
    parc_scale_begin(); /* PARC_SCALE=1: the kernel's figures */
    double t0 = bench_now();
    long r = bench_kernel(n);
    parc_scale_end();
    nq_finish(n, r, bench_now() - t0);
    return 0;
}
