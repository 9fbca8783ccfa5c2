/* steal: what one stolen frame costs, end to end, with the hand API of parc.h.
 *
 * Worker 0 (the main thread) forks one frame whose thunk only records when and
 * where it ran, then waits, polling (parc_poll) so that it answers a thief's
 * request to share work, until another worker has run the thunk; then it joins
 * the frame (parc_pop returns 0: the join after a steal). One operation is that
 * round trip; the next fork follows at once, so the other workers are hunting
 * for work, not asleep (the wake benchmark measures waking a sleeper).
 *
 *   steal_ns  = from just before parc_fork to the thunk's start on the thief:
 *               the owner publishing the frame, the thief's steal, the call;
 *   join_ns   = from the thunk's start to parc_pop's return on the owner: the
 *               thief finishing the frame, the owner's slow join;
 *   ns_per_op = their sum, the whole round trip (means over stolen frames).
 *
 * Each includes a clock read (some 20 ns). An owner that waits 1 ms without a
 * steal pops and runs the frame itself; stolen_pct says how often that did not
 * happen. Usage: steal/parc [ops] (default 100,000; at least 2 workers). */
#include <parc.h>
#include <stdatomic.h>

#include "../common.h"

struct probe {
    parc_frame f;
    double t_start; /* written by the thunk before its release store to ran */
    _Atomic int ran; /* 1 + the worker id that ran the thunk, 0 before */
};

static _Atomic long runs; /* thunk calls, to check that each frame ran once */

static void probe_thunk(parc_frame *f)
{
    struct probe *p = (struct probe *)f;
    p->t_start = bench_now();
    /* relaxed: a counter read only after every join */
    atomic_fetch_add_explicit(&runs, 1, memory_order_relaxed);
    /* release: pairs with the acquire load in bench_kernel's wait loop, so
     * that the owner sees t_start */
    atomic_store_explicit(&p->ran, parc_worker_id() + 1, memory_order_release);
}

struct result {
    long stolen;
    double steal_s, join_s; /* sums over stolen frames */
};

static struct result BENCH_KERNEL(long ops)
{
    struct result r = {0, 0, 0};
    int self = parc_worker_id() + 1;
    for (long i = 0; i < ops; i++) {
        struct probe p;
        atomic_init(&p.ran, 0);
        double t0 = bench_now();
        parc_fork(&p.f, probe_thunk);
        /* acquire: pairs with the release store in probe_thunk */
        for (unsigned s = 1;
             atomic_load_explicit(&p.ran, memory_order_acquire) == 0; s++) {
            parc_poll();
            if ((s & 1023) == 0 && bench_now() - t0 > 1e-3)
                break; /* no thief came: join it ourselves */
        }
        if (parc_pop(&p.f)) {
            probe_thunk(&p.f);
            continue;
        }
        double t2 = bench_now();
        /* acquire: as above; after a join the thunk has finished */
        int by = atomic_load_explicit(&p.ran, memory_order_acquire);
        if (by == 0 || by == self)
            bench_fail("frame %ld joined as stolen but ran by %d", i, by - 1);
        r.stolen++;
        r.steal_s += p.t_start - t0;
        r.join_s += t2 - p.t_start;
    }
    return r;
}

int main(int argc, char **argv)
{
    long ops = bench_arg(argc, argv, 1, 100000, 1, 1L << 40);
    int e = parc_start();
    if (e != 0)
        bench_fail("parc_start: error %d", e);
    printf("workers=%u\n", parc_workers());
    if (parc_workers() < 2)
        bench_fail("steal needs 2 workers or more (PARC_WORKERS=2)");
    double t0 = bench_now();
    struct result r = bench_kernel(ops);
    double t = bench_now() - t0;
    long n = atomic_load_explicit(&runs, memory_order_relaxed);
    if (n != ops)
        bench_fail("%ld thunk calls for %ld frames", n, ops);
    if (r.stolen == 0)
        bench_fail("no frame of %ld was stolen", ops);
    printf("ns_per_op=%.1f\n", (r.steal_s + r.join_s) * 1e9 / r.stolen);
    printf("steal_ns=%.1f\n", r.steal_s * 1e9 / r.stolen);
    printf("join_ns=%.1f\n", r.join_s * 1e9 / r.stolen);
    printf("stolen_pct=%.1f\n", 100.0 * r.stolen / ops);
    bench_report_time(t);
    return 0;
}
