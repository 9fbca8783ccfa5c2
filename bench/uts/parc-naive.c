/* uts in the parc language: a fork per child, in a loop, joined after it.
 * As parc: the plugin as users get it (the loop split divide and conquer,
 * sequential clones, lazy forks); as parc-naive: every fork as written. */
#include <parc.h>

#include "uts.h"

PARC_PURE static long uts(uint64_t h, int depth, int limit)
{
    int c = uts_children(h, depth, limit);
    long r[UTS_MAXC];
    for (int i = 0; i < c; i++) {
#pragma parc fork
        r[i] = uts(uts_child(h, i), depth + 1, limit);
    }
#pragma parc join
    long n = 1;
    for (int i = 0; i < c; i++)
        n += r[i];
    return n;
}

static long BENCH_KERNEL(int depth)
{
    return uts(UTS_ROOT, 0, depth);
}

int main(int argc, char **argv)
{
    int depth = uts_arg(argc, argv);
    int e = parc_start();
    if (e != 0)
        bench_fail("parc_start: error %d", e);
    printf("workers=%u\n", parc_workers());
    parc_scale_begin(); /* PARC_SCALE=1: the kernel's figures */
    double t0 = bench_now();
    long r = bench_kernel(depth);
    parc_scale_end();
    uts_finish(depth, r, bench_now() - t0);
    return 0;
}
