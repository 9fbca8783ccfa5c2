/* forkjoin, serial twin: the loop of plain calls. */
#include "forkjoin.h"

static long BENCH_KERNEL(long n)
{
    long s = 0;
    for (long i = 0; i < n; i++)
        s += leaf(i);
    return s;
}

int main(int argc, char **argv)
{
    long n = forkjoin_arg(argc, argv);
    printf("workers=1\n");
    double t0 = bench_now();
    long s = bench_kernel(n);
    forkjoin_finish(n, s, bench_now() - t0);
    return 0;
}
