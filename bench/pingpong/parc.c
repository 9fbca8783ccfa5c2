/* pingpong/parc: round trips between two workers over parc's message
 * transport (runtime/comms.h). Worker 0 sends PING to worker 1, whose
 * handler (run in its idle loop, where it looks for messages) answers PONG;
 * worker 0's PONG handler sends the next PING. Worker 0 waits in
 * parcint_comms_await, looking for messages like an idle worker, so
 * neither side needs a signal: this is the transport's latency alone.
 * Usage: pingpong/parc [round trips] (PARC_WORKERS=2). */
#include <parc.h>

#include "comms.h"
#include "pool.h"

#include "pingpong.h"

enum { PING = PARCINT_MSG_FIRST_FREE, PONG };

static long ops;
static _Atomic long done; /* round trips, written by worker 0's handler */
static uint64_t value;    /* worker 0's */

static void on_ping(parcint_worker *w, const parcint_msg *m)
{
    uint64_t v = m->data[0] + 1;
    if (parcint_comms_send(w, 0, PONG, &v, sizeof v))
        bench_fail("send PONG");
}

static void on_pong(parcint_worker *w, const parcint_msg *m)
{
    if (m->data[0] != value + 1)
        bench_fail("PONG carried %llu, want %llu",
                   (unsigned long long)m->data[0],
                   (unsigned long long)value + 1);
    value += 2;
    long d = atomic_load_explicit(&done, memory_order_relaxed) + 1;
    /* relaxed: read by the same thread (worker 0's await). */
    atomic_store_explicit(&done, d, memory_order_relaxed);
    if (d < ops && parcint_comms_send(w, 1, PING, &value, sizeof value))
        bench_fail("send PING");
}

static int finished(void *arg)
{
    (void)arg;
    /* relaxed: see on_pong. */
    return atomic_load_explicit(&done, memory_order_relaxed) >= ops;
}

static void BENCH_KERNEL(parcint_worker *w)
{
    if (parcint_comms_send(w, 1, PING, &value, sizeof value))
        bench_fail("send PING");
    parcint_comms_await(w, finished, NULL);
}

int main(int argc, char **argv)
{
    ops = pingpong_arg(argc, argv);
    if (parcint_comms_handle(PING, on_ping) ||
        parcint_comms_handle(PONG, on_pong))
        bench_fail("cannot register the handlers");
    if (parc_start())
        bench_fail("parc_start");
    if (parc_workers() != 2)
        bench_fail("pingpong needs PARC_WORKERS=2 (has %u)", parc_workers());
    parcint_worker *w = parcint_worker_by_id(0);
    /* Warm up: the lanes' first blocks, the matrix, worker 1 awake. */
    long n = ops;
    ops = 1000;
    bench_kernel(w);
    ops = n;
    atomic_store_explicit(&done, 0, memory_order_relaxed);
    double t0 = bench_now();
    bench_kernel(w);
    double t = bench_now() - t0;
    if (value != 2 * (uint64_t)(1000 + ops))
        bench_fail("value %llu after %ld round trips",
                   (unsigned long long)value, ops);
    pingpong_report(ops, t);
    return 0;
}
