/* msort with the hand API of parc.h: the first half forked, the second called,
 * then a serial merge.
 *
 * MSORT_GRAIN is the size at or below which the sort is serial. Here it is
 * MSORT_SMALL (32), where insertion sort takes over anyway: a fork per call
 * that recurses, no cut-off. parc-cut.c sets it to MSORT_CUT (16,384). */
#include <parc.h>

#include "msort.h"

#ifndef MSORT_GRAIN
#define MSORT_GRAIN MSORT_SMALL
#endif

struct ms_call {
    parc_frame f;
    int *a, *tmp;
    size_t n;
    int to_tmp;
};

static void ms(int *a, int *tmp, size_t n, int to_tmp);

static void ms_thunk(parc_frame *f)
{
    struct ms_call *c = (struct ms_call *)f;
    ms(c->a, c->tmp, c->n, c->to_tmp);
}

static void ms(int *a, int *tmp, size_t n, int to_tmp)
{
    if (n <= MSORT_GRAIN) {
        msort_serial(a, tmp, n, to_tmp);
        return;
    }
    size_t h = n / 2;
    struct ms_call l;
    l.a = a;
    l.tmp = tmp;
    l.n = h;
    l.to_tmp = !to_tmp;
    parc_fork(&l.f, ms_thunk);
    ms(a + h, tmp + h, n - h, !to_tmp);
    if (parc_pop(&l.f)) /* not stolen: a plain call */
        ms(a, tmp, h, !to_tmp);
    if (to_tmp)
        msort_merge(a, h, a + h, n - h, tmp);
    else
        msort_merge(tmp, h, tmp + h, n - h, a);
}

static void BENCH_KERNEL(int *a, int *tmp, size_t n)
{
    ms(a, tmp, n, 0);
}

int main(int argc, char **argv)
{
    size_t n = msort_arg(argc, argv);
    int *a, *tmp;
    uint64_t sum = msort_setup(n, &a, &tmp);
    int e = parc_start();
    if (e != 0)
        bench_fail("parc_start: error %d", e);
    printf("workers=%u\n", parc_workers());
    double t0 = bench_now();
    bench_kernel(a, tmp, n);
    msort_finish(n, a, tmp, sum, bench_now() - t0);
    return 0;
}
