// msort with oneTBB's task_group and the hand cut-off: serial below MSORT_CUT
// (16,384) elements. Workers: $BENCH_WORKERS.
#include <memory>

#include <tbb/global_control.h>
#include <tbb/task_group.h>

#include "msort.h"

static void ms(int *a, int *tmp, size_t n, int to_tmp)
{
    if (n <= MSORT_CUT) {
        msort_serial(a, tmp, n, to_tmp);
        return;
    }
    size_t h = n / 2;
    tbb::task_group g;
    g.run([=] { ms(a, tmp, h, !to_tmp); });
    ms(a + h, tmp + h, n - h, !to_tmp);
    g.wait();
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
    std::unique_ptr<tbb::global_control> gc;
    if (int w = bench_workers())
        gc.reset(new tbb::global_control(
            tbb::global_control::max_allowed_parallelism, w));
    { // warm-up: TBB's workers exist before the clock starts
        tbb::task_group g;
        for (int i = 0; i < 64; i++)
            g.run([] {});
        g.wait();
    }
    printf("workers=%zu\n", tbb::global_control::active_value(
                                tbb::global_control::max_allowed_parallelism));
    double t0 = bench_now();
    bench_kernel(a, tmp, n);
    msort_finish(n, a, tmp, sum, bench_now() - t0);
    return 0;
}
