/* msort with the parc language: parc-api.c's program with its fork and join
 * written as pragmas, lowered by the GCC plugin. As there, the first half is
 * forked and the second called, at every size above MSORT_GRAIN (MSORT_SMALL:
 * no cut-off), then a serial merge. The fork's writes clause names the half
 * of a and of tmp that the forked sort writes. */
#include <parc.h>

#include "msort.h"

#ifndef MSORT_GRAIN
#define MSORT_GRAIN MSORT_SMALL
#endif

PARC_CONTAINED static void ms(int *a, int *tmp, size_t n, int to_tmp)
{
    if (n <= MSORT_GRAIN) {
        msort_serial(a, tmp, n, to_tmp);
        return;
    }
    size_t h = n / 2;
#pragma parc fork writes(a[0:h], tmp[0:h])
    ms(a, tmp, h, !to_tmp);
    ms(a + h, tmp + h, n - h, !to_tmp);
#pragma parc join
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
    parc_scale_begin(); /* PARC_SCALE=1: the kernel's figures */
    double t0 = bench_now();
    bench_kernel(a, tmp, n);
    parc_scale_end();
    msort_finish(n, a, tmp, sum, bench_now() - t0);
    return 0;
}
