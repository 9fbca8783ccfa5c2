/* Area:	parcint_comms_forward (forwarding chains)
   Purpose:	Every worker sends 500 messages (scaled) to the next worker
		(modulo the count); each message is forwarded from worker
		to worker 3n + 1 times around the ring (itself, n times
		over, with one worker) and handled by the worker where its
		hops run out. Each arrives there exactly once, in the order
		its first sender sent it, with its payload, its first
		sender and its hop count intact.
   Limitations:	Uses the runtime's internal headers.  */

/* { dg-do run } */

#include "comms-test.h"

static unsigned nw, hops;
static long per_origin;
static uint64_t expect[PARC_MAX_WORKERS]; /* per origin, at its sink only */
static _Atomic long arrived;
static _Atomic long forwards;

static void on_chain(parcint_worker *w, const parcint_msg *m)
{
    CHECK(m->data[1] == parc_test_mix(m->from * 7919 + m->data[0]));
    CHECK(m->data[2] == m->from);
    if (m->hops < hops) {
        CHECK(parcint_comms_forward(w, m, (w->id + 1) % nw) == 0);
        atomic_fetch_add_explicit(&forwards, 1, memory_order_relaxed);
        return;
    }
    CHECK(m->hops == hops);
    /* Its sink: first hop to origin + 1, then hops more. */
    CHECK(w->id == (m->from + 1 + hops) % nw);
    CHECK(m->data[0] == expect[m->from]);
    expect[m->from]++;
    /* release: pairs with ct_await's acquire. */
    atomic_fetch_add_explicit(&arrived, 1, memory_order_release);
}

static void originate(parcint_worker *w, void *arg)
{
    (void)arg;
    for (long i = 0; i < per_origin; i++) {
        uint64_t d[3] = {(uint64_t)i, parc_test_mix(w->id * 7919 + (uint64_t)i),
                         w->id};
        CHECK(parcint_comms_send(w, (w->id + 1) % nw, CT_CHAIN, d, sizeof d) ==
              0);
    }
}

int main(void)
{
    ct_register();
    CHECK(parcint_comms_handle(CT_CHAIN, on_chain) == 0);
    parcint_worker *w = ct_start();
    nw = parc_workers();
    hops = 3 * nw + 1;
    per_origin = parc_test_scaled(500, 20);
    for (unsigned r = 1; r < nw; r++)
        ct_run_on(w, r, originate, NULL);
    originate(w, NULL);
    long total = (long)nw * per_origin;
    ct_await(w, &arrived, total);
    for (unsigned o = 0; o < nw; o++)
        CHECK(expect[o] == (uint64_t)per_origin);
    CHECK(atomic_load_explicit(&forwards, memory_order_relaxed) ==
          total * (long)hops);
    printf("ok\n");
    /* { dg-output "ok" } */
    return 0;
}
