/* fib, serial twin: the parallel programs with every fork a plain call. */
#include "fib.h"

static long BENCH_KERNEL(int n)
{
    return fib_serial(n);
}

int main(int argc, char **argv)
{
    int n = fib_arg(argc, argv);
    printf("workers=1\n");
    double t0 = bench_now();
    long r = bench_kernel(n);
    fib_finish(n, r, bench_now() - t0);
    return 0;
}
