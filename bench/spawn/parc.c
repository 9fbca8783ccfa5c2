/* spawn: create N processes, then destroy them (default N = 1,000,000).
 *
 * A parc process is destroyed by dropping its last handle: an idle one is
 * reclaimed at once (its finalizer, none here, would run). The N processes
 * are all alive between the two phases, so bytes_per_proc is the resident
 * memory they take, over N (ring.h's probe), read outside the timed phases.
 *
 *   ns_per_op = (time to create N + time to destroy N) / N
 *   warm_ns   = the same for a second round, after the kernel: the slab's
 *               pages are resident then, so this is the runtime's own cost
 *               without the first touch of 128 MB (page faults, which a
 *               loaded machine makes slow and noisy)
 *
 * Usage: spawn/<impl> [N] */
#include <parc.h>

#include "../common.h"
#include "../ring/ring.h"

static void *step(void *state, void *msg)
{
    (void)state;
    return msg;
}

static double create_s, destroy_s;

static double BENCH_KERNEL(parc_proc *h, long n, long *rss_grown)
{
    long rss0 = bench_rss_bytes();
    double t0 = bench_now();
    for (long i = 0; i < n; i++)
        if (parc_proc_spawn(&h[i], step, NULL, NULL))
            bench_fail("spawn %ld", i);
    double t1 = bench_now();
    *rss_grown = bench_rss_bytes() - rss0;
    double t2 = bench_now();
    for (long i = 0; i < n; i++)
        if (parc_proc_drop(&h[i]))
            bench_fail("drop %ld", i);
    double t3 = bench_now();
    create_s = t1 - t0;
    destroy_s = t3 - t2;
    return create_s + destroy_s;
}

int main(int argc, char **argv)
{
    long n = bench_arg(argc, argv, 1, 1000000, 1, 1000000000L);
    if (parc_start())
        bench_fail("parc_start");
    parc_proc *h = malloc(sizeof *h * (size_t)n);
    if (!h)
        bench_fail("out of memory");
    /* The handles' own pages are the program's, not the processes'. */
    for (long i = 0; i < n; i++)
        h[i] = (parc_proc){0};
    long grown, again;
    double t = bench_kernel(h, n, &grown);
    double create = create_s, destroy = destroy_s;
    double warm = bench_kernel(h, n, &again);
    for (long i = 0; i < n; i++)
        if (h[i].p)
            bench_fail("handle %ld not cleared by its drop", i);
    printf("workers=%u\n", parc_workers());
    printf("ns_per_op=%.1f\n", 1e9 * t / (double)n);
    printf("bytes_per_proc=%.0f\n", (double)grown / (double)n);
    printf("proc_size=%zu\n", parc_proc_size());
    printf("warm_ns=%.1f\n", 1e9 * warm / (double)n);
    printf("create_ns=%.1f\n", 1e9 * create / (double)n);
    printf("destroy_ns=%.1f\n", 1e9 * destroy / (double)n);
    bench_report_time(t);
    free(h);
    return 0;
}
