/* ring: N actor processes in a ring pass a token M hops (ring.h).
 *
 * Each step forwards the token to the next process with the reply owed to
 * main (parc_proc_forward), so the step that ends the trip makes main's
 * future; main joins it, helping the workers meanwhile. */
#include <parc.h>
#include <stdint.h>

#include "../common.h"
#include "ring.h"

struct node {
    parc_proc next;
    long visits;
};

static void *hop(void *state, void *msg)
{
    struct node *n = state;
    long left = (long)(intptr_t)msg;
    n->visits++;
    if (left == 0)
        return (void *)(intptr_t)1;
    if (parc_proc_forward(&n->next, (void *)(intptr_t)(left - 1)))
        bench_fail("forward failed");
    return NULL;
}

static double BENCH_KERNEL(parc_proc *first, long m)
{
    parc_future f;
    void *v = NULL;
    double t0 = bench_now();
    if (parc_proc_send(first, (void *)(intptr_t)m, &f) ||
        parc_future_join(&f, &v))
        bench_fail("send or join failed");
    double t = bench_now() - t0;
    if (v != (void *)(intptr_t)1)
        bench_fail("the trip did not end with the token at 0");
    return t;
}

int main(int argc, char **argv)
{
    long n = bench_arg(argc, argv, 1, 1000, 1, 100000000);
    long m = bench_arg(argc, argv, 2, RING_HOPS, 1, 1000000000000L);
    if (parc_start())
        bench_fail("parc_start");
    struct node *ring = calloc((size_t)n, sizeof *ring);
    parc_proc *h = malloc(sizeof *h * (size_t)n);
    if (!ring || !h)
        bench_fail("out of memory");
    long rss0 = bench_rss_bytes();
    parc_proc_opts o = {.kind = PARC_PROC_ACTOR};
    for (long i = 0; i < n; i++)
        if (parc_proc_spawn(&h[i], hop, &ring[i], &o))
            bench_fail("spawn");
    long rss1 = bench_rss_bytes();
    for (long i = 0; i < n; i++)
        if (parc_proc_copy(&h[(i + 1) % n], &ring[i].next))
            bench_fail("copy");
    double t = bench_kernel(&h[0], m);
    long visits = 0;
    for (long i = 0; i < n; i++)
        visits += ring[i].visits;
    if (visits != m + 1)
        bench_fail("%ld visits, want %ld", visits, m + 1);
    printf("workers=%u\n", parc_workers());
    printf("ns_per_op=%.1f\n", 1e9 * t / (double)m);
    printf("bytes_per_proc=%.0f\n", (double)(rss1 - rss0) / (double)n);
    bench_report_time(t);
    for (long i = 0; i < n; i++) {
        parc_proc_drop(&ring[i].next);
        parc_proc_drop(&h[i]);
    }
    return 0;
}
