/* fib with the hand API of parc.h: a fork per call.
 *
 * FIB_CUTOFF is the n below which fib runs serially. Here it is 2, so every
 * call that recurses forks (no cut-off: the runtime alone must make that
 * cheap); parc-cut.c sets it to FIB_CUT. */
#include <parc.h>

#include "fib.h"

#ifndef FIB_CUTOFF
#define FIB_CUTOFF 2
#endif

struct fib_call {
    parc_frame f; /* first member: the thunk casts the frame back */
    int n;
    long r;
};

static long fib(int n);

static void fib_thunk(parc_frame *f)
{
    struct fib_call *c = (struct fib_call *)f;
    c->r = fib(c->n);
}

static long fib(int n)
{
    if (n < FIB_CUTOFF)
        return fib_serial(n);
    struct fib_call a;
    a.n = n - 1;
    parc_fork(&a.f, fib_thunk);
    long b = fib(n - 2);
    if (parc_pop(&a.f)) /* not stolen: a plain call */
        a.r = fib(a.n);
    return a.r + b;
}

static long BENCH_KERNEL(int n)
{
    return fib(n);
}

int main(int argc, char **argv)
{
    int n = fib_arg(argc, argv);
    int e = parc_start();
    if (e != 0)
        bench_fail("parc_start: error %d", e);
    printf("workers=%u\n", parc_workers());
    double t0 = bench_now();
    long r = bench_kernel(n);
    fib_finish(n, r, bench_now() - t0);
    return 0;
}
