/* nqueens.h: the serial solver, the cut-off and the check shared by every
 * nqueens program.
 *
 * Counts the placements of n queens on an n x n board, row by row. A partial
 * board is three bit masks of the columns attacked in the next row (by a queen
 * in the same column, or on either diagonal), so a call's state is five
 * integers and a task copies nothing else. */
#ifndef BENCH_NQUEENS_H
#define BENCH_NQUEENS_H

#include <stdint.h>

#include "../common.h"

#define NQ_DEFAULT 14
#define NQ_MAX 18

/* The hand cut-off of the -cut programs and of tbb: a fork per column only in
 * the first NQ_CUT rows (1,534 tasks at n = 14, with some 10^4 board
 * positions below each), serial below. */
#define NQ_CUT 3

/* Solutions for n = 0 .. NQ_MAX (OEIS A000170). */
static const long nq_known[NQ_MAX + 1] = {
    1, 1, 0, 0, 2, 10, 4, 40, 92, 352, 724, 2680, 14200, 73712, 365596,
    2279184, 14772512, 95815104, 666090624,
};

/* Placements that complete a board whose rows 0 .. row-1 hold queens; cols, d1
 * and d2 mark the columns of row `row` attacked vertically, along the down-left
 * and the down-right diagonals. */
static long nq_serial(int n, int row, uint32_t cols, uint32_t d1, uint32_t d2)
{
    if (row == n)
        return 1;
    long count = 0;
    for (int c = 0; c < n; c++) {
        uint32_t bit = UINT32_C(1) << c;
        if ((cols | d1 | d2) & bit)
            continue;
        count += nq_serial(n, row + 1, cols | bit, (d1 | bit) << 1,
                           (d2 | bit) >> 1);
    }
    return count;
}

static inline int nq_arg(int argc, char **argv)
{
    return (int)bench_arg(argc, argv, 1, NQ_DEFAULT, 1, NQ_MAX);
}

static inline void nq_finish(int n, long r, double seconds)
{
    printf("nqueens(%d) = %ld\n", n, r);
    if (r != nq_known[n])
        bench_fail("nqueens(%d) = %ld, expected %ld", n, r, nq_known[n]);
    bench_report_time(seconds);
}

#endif /* BENCH_NQUEENS_H */
