/* forkjoin with the hand API of parc.h: each call forked, then joined at once
 * (parc_pop returns 1: not stolen, so the call runs here as a plain call). */
#include <parc.h>

#include "forkjoin.h"

struct leaf_call {
    parc_frame f;
    long i, r;
};

static void leaf_thunk(parc_frame *f)
{
    struct leaf_call *c = (struct leaf_call *)f;
    c->r = leaf(c->i);
}

static long BENCH_KERNEL(long n)
{
    long s = 0;
    for (long i = 0; i < n; i++) {
        struct leaf_call c;
        c.i = i;
        parc_fork(&c.f, leaf_thunk);
        if (parc_pop(&c.f))
            c.r = leaf(c.i);
        s += c.r;
    }
    return s;
}

int main(int argc, char **argv)
{
    long n = forkjoin_arg(argc, argv);
    int e = parc_start();
    if (e != 0)
        bench_fail("parc_start: error %d", e);
    printf("workers=%u\n", parc_workers());
    double t0 = bench_now();
    long s = bench_kernel(n);
    forkjoin_finish(n, s, bench_now() - t0);
    return 0;
}
