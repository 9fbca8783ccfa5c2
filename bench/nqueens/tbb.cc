// nqueens with oneTBB's task_group and the hand cut-off: a task per free column
// in the first NQ_CUT rows, serial below. Workers: $BENCH_WORKERS.
#include <memory>

#include <tbb/global_control.h>
#include <tbb/task_group.h>

#include "nqueens.h"

static long nq(int n, int row, uint32_t cols, uint32_t d1, uint32_t d2)
{
    if (row == n)
        return 1;
    if (row >= NQ_CUT)
        return nq_serial(n, row, cols, d1, d2);
    long counts[NQ_MAX];
    int k = 0;
    tbb::task_group g;
    for (int c = 0; c < n; c++) {
        uint32_t bit = UINT32_C(1) << c;
        if ((cols | d1 | d2) & bit)
            continue;
        long *slot = &counts[k++];
        g.run([=] { *slot = nq(n, row + 1, cols | bit, (d1 | bit) << 1,
                               (d2 | bit) >> 1); });
    }
    g.wait();
    long count = 0;
    for (int i = 0; i < k; i++)
        count += counts[i];
    return count;
}

static long BENCH_KERNEL(int n)
{
    return nq(n, 0, 0, 0, 0);
}

int main(int argc, char **argv)
{
    int n = nq_arg(argc, argv);
    std::unique_ptr<tbb::global_control> gc;
    if (int w = bench_workers())
        gc.reset(new tbb::global_control(
            tbb::global_control::max_allowed_parallelism, w));
    nq(9, 0, 0, 0, 0); // warm-up: TBB's workers exist before the clock starts
    printf("workers=%zu\n", tbb::global_control::active_value(
                                tbb::global_control::max_allowed_parallelism));
    double t0 = bench_now();
    long r = bench_kernel(n);
    nq_finish(n, r, bench_now() - t0);
    return 0;
}
