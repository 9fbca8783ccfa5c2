// fib with oneTBB's task_group and the hand cut-off: serial below n = FIB_CUT.
// The worker count is $BENCH_WORKERS (a tbb::global_control), else TBB's own.
#include <memory>

#include <tbb/global_control.h>
#include <tbb/task_group.h>

#include "fib.h"

static long fib(int n)
{
    if (n < FIB_CUT)
        return fib_serial(n);
    long a, b;
    tbb::task_group g;
    g.run([&] { a = fib(n - 1); });
    b = fib(n - 2);
    g.wait();
    return a + b;
}

static long BENCH_KERNEL(int n)
{
    return fib(n);
}

int main(int argc, char **argv)
{
    int n = fib_arg(argc, argv);
    std::unique_ptr<tbb::global_control> gc;
    if (int w = bench_workers())
        gc.reset(new tbb::global_control(
            tbb::global_control::max_allowed_parallelism, w));
    fib(FIB_CUT + 8); // warm-up: TBB's workers exist before the clock starts
    printf("workers=%zu\n", tbb::global_control::active_value(
                                tbb::global_control::max_allowed_parallelism));
    double t0 = bench_now();
    long r = bench_kernel(n);
    fib_finish(n, r, bench_now() - t0);
    return 0;
}
