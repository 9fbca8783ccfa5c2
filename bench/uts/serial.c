/* uts, serial: the twin every figure is relative to. */
#include "uts.h"

static long BENCH_KERNEL(int depth)
{
    return uts_serial(UTS_ROOT, 0, depth);
}

int main(int argc, char **argv)
{
    int depth = uts_arg(argc, argv);
    printf("workers=1\n");
    double t0 = bench_now();
    long r = bench_kernel(depth);
    uts_finish(depth, r, bench_now() - t0);
    return 0;
}
