/* msort, serial twin: the parallel programs with every fork a plain call. */
#include "msort.h"

static void BENCH_KERNEL(int *a, int *tmp, size_t n)
{
    msort_serial(a, tmp, n, 0);
}

int main(int argc, char **argv)
{
    size_t n = msort_arg(argc, argv);
    int *a, *tmp;
    uint64_t sum = msort_setup(n, &a, &tmp);
    printf("workers=1\n");
    double t0 = bench_now();
    bench_kernel(a, tmp, n);
    msort_finish(n, a, tmp, sum, bench_now() - t0);
    return 0;
}
