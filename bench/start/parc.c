/* start: what the first fork costs, runtime start included.
 *
 * The program forks once before anything else of libparc has run: that fork
 * makes the calling thread worker 0, maps its deque and creates the other
 * workers' first thread (the rest are created off this path). The figure is
 * the time parc_fork takes to return, then the frame is joined and checked.
 *
 *   ns_per_op = that time (one sample per process; bench/run's runs give
 *               the median).
 *
 * Usage: start/parc (no argument). */
#include <parc.h>

#include "../common.h"

struct probe {
    parc_frame f;
    int ran;
};

static void probe_thunk(parc_frame *f)
{
    ((struct probe *)f)->ran = 1;
}

static double BENCH_KERNEL(struct probe *p)
{
    double t0 = bench_now();
    parc_fork(&p->f, probe_thunk);
    double t = bench_now() - t0;
    parc_join(&p->f);
    return t;
}

int main(void)
{
    struct probe p = {.ran = 0};
    double t = bench_kernel(&p);
    if (!p.ran)
        bench_fail("the first fork's thunk did not run");
    printf("workers=%u\n", parc_workers());
    printf("ns_per_op=%.0f\n", t * 1e9);
    bench_report_time(t);
    return 0;
}
