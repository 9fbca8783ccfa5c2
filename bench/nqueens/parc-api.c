/* nqueens with the hand API of parc.h: a fork per free column, the frames in
 * an array in the caller's stack, joined in reverse order (LIFO).
 *
 * NQ_FORK_ROWS is the number of rows, from the top, that fork. Here every row
 * forks (no cut-off); parc-cut.c sets it to NQ_CUT. */
#include <parc.h>

#include "nqueens.h"

#ifndef NQ_FORK_ROWS
#define NQ_FORK_ROWS NQ_MAX
#endif

struct nq_call {
    parc_frame f;
    int n, row;
    uint32_t cols, d1, d2;
    long r;
};

static long nq(int n, int row, uint32_t cols, uint32_t d1, uint32_t d2);

static void nq_thunk(parc_frame *f)
{
    struct nq_call *c = (struct nq_call *)f;
    c->r = nq(c->n, c->row, c->cols, c->d1, c->d2);
}

static long nq(int n, int row, uint32_t cols, uint32_t d1, uint32_t d2)
{
    if (row == n)
        return 1;
    if (row >= NQ_FORK_ROWS)
        return nq_serial(n, row, cols, d1, d2);
    struct nq_call calls[NQ_MAX];
    int k = 0;
    for (int c = 0; c < n; c++) {
        uint32_t bit = UINT32_C(1) << c;
        if ((cols | d1 | d2) & bit)
            continue;
        struct nq_call *a = &calls[k++];
        a->n = n;
        a->row = row + 1;
        a->cols = cols | bit;
        a->d1 = (d1 | bit) << 1;
        a->d2 = (d2 | bit) >> 1;
        parc_fork(&a->f, nq_thunk);
    }
    long count = 0;
    while (k > 0) {
        struct nq_call *a = &calls[--k];
        if (parc_pop(&a->f)) /* not stolen: a plain call */
            a->r = nq(a->n, a->row, a->cols, a->d1, a->d2);
        count += a->r;
    }
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
    double t0 = bench_now();
    long r = bench_kernel(n);
    nq_finish(n, r, bench_now() - t0);
    return 0;
}
