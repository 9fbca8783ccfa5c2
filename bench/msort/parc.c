/* mergesort in the parc language as a C programmer writes it for a parallel
 * machine: both halves forked, and the merge itself divide and conquer (the
 * longer run split at its middle, the split point found in the other by
 * binary search, one half forked), so that the span is polylogarithmic and
 * not the top merge's n. No cut-off beyond the base cases of the serial
 * sort (MSORT_SMALL) and of the merge (MERGE_SMALL); compiled with the plugin as users get it (sequential clones,
 * lazy forks: docs/deparallelization.md). Where the merge runs as its
 * sequential clone it merges serially: its splits would be pure overhead
 * there. */
#include <parc.h>

#include "msort.h"

/* The merge's base case: below it a serial merge is faster than binary
 * searches and calls (Cilk's cilksort uses the same size). */
#define MERGE_SMALL 2048

/* The first index of b[0..nb) whose element is not below key. */
PARC_PURE static size_t lower_bound(const int *b, size_t nb, int key)
{
    size_t lo = 0, hi = nb;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (b[mid] < key)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Merges the sorted a[0..na) and b[0..nb) into out. */
PARC_CONTAINED static void pmerge(const int *a, size_t na, const int *b,
                                  size_t nb, int *out)
{
    if (na < nb) { /* split the longer run (ints: equal keys look alike) */
        const int *t = a;
        a = b;
        b = t;
        size_t tn = na;
        na = nb;
        nb = tn;
    }
    /* The splits' binary searches buy span and nothing else: where the
     * forks are plain calls (the sequential clone) the serial merge does
     * the same work without them (parc_sequential: no size involved, the
     * runtime still decides where the clone runs). */
    if (na + nb <= MERGE_SMALL || parc_sequential()) {
        msort_merge(a, na, b, nb, out);
        return;
    }
    size_t ma = na / 2;
    size_t mb = lower_bound(b, nb, a[ma]);
#pragma parc fork writes(out[0:ma + mb])
    pmerge(a, ma, b, mb, out);
    pmerge(a + ma, na - ma, b + mb, nb - mb, out + ma + mb);
#pragma parc join
}

/* Sorts a[0..n) with tmp[0..n) as scratch; the result ends in tmp when
 * to_tmp, in a otherwise (as msort_serial). */
PARC_CONTAINED static void ms(int *a, int *tmp, size_t n, int to_tmp)
{
    if (n <= MSORT_SMALL) {
        msort_serial(a, tmp, n, to_tmp);
        return;
    }
    size_t h = n / 2;
#pragma parc fork writes(a[0:h], tmp[0:h])
    ms(a, tmp, h, !to_tmp);
    ms(a + h, tmp + h, n - h, !to_tmp);
#pragma parc join
    if (to_tmp)
        pmerge(a, h, a + h, n - h, tmp);
    else
        pmerge(tmp, h, tmp + h, n - h, a);
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
