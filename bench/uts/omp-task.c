/* uts with OpenMP tasks: a task per child, taskwait after the loop. */
#include <omp.h>

#include "uts.h"

static long uts(uint64_t h, int depth, int limit)
{
    int c = uts_children(h, depth, limit);
    long r[UTS_MAXC];
    for (int i = 0; i < c; i++) {
#pragma omp task shared(r) firstprivate(i)
        r[i] = uts(uts_child(h, i), depth + 1, limit);
    }
#pragma omp taskwait
    long n = 1;
    for (int i = 0; i < c; i++)
        n += r[i];
    return n;
}

static long BENCH_KERNEL(int depth)
{
    long r = 0;
#pragma omp parallel
#pragma omp single
    r = uts(UTS_ROOT, 0, depth);
    return r;
}

int main(int argc, char **argv)
{
    int depth = uts_arg(argc, argv);
    printf("workers=%d\n", omp_get_max_threads());
    double t0 = bench_now();
    long r = bench_kernel(depth);
    uts_finish(depth, r, bench_now() - t0);
    return 0;
}
