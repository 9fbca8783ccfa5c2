/* nqueens, serial twin: the parallel programs with every fork a plain call. */
#include "nqueens.h"

static long BENCH_KERNEL(int n)
{
    return nq_serial(n, 0, 0, 0, 0);
}

int main(int argc, char **argv)
{
    int n = nq_arg(argc, argv);
    printf("workers=1\n");
    double t0 = bench_now();
    long r = bench_kernel(n);
    nq_finish(n, r, bench_now() - t0);
    return 0;
}
