/* Area:	parcint_comms_intake (batching)
   Purpose:	Worker 0 asks every worker (itself included) to send it a
		burst of 300 messages (scaled), then waits without any poll
		point until every burst is published: its row of the matrix
		then holds the messages of all senders, and one intake
		takes all of them (one pass over the row), in order per
		sender; a second intake finds nothing. Repeated 20 times.
   Limitations:	Uses the runtime's internal headers.  */

/* { dg-do run } */

#include "comms-test.h"

static unsigned nw;
static long burst;
static _Atomic long bursts_published;
static uint64_t expect[PARC_MAX_WORKERS]; /* worker 0's, per sender */
static long handled;                      /* worker 0's */

static void on_data(parcint_worker *w, const parcint_msg *m)
{
    CHECK(w->id == 0);
    CHECK(m->data[0] == expect[m->from]);
    CHECK(m->data[1] == parc_test_mix(m->from * 1000003 + m->data[0]));
    expect[m->from]++;
    handled++;
}

/* Runs on each worker, inside its intake: the burst to worker 0. */
static void send_burst(parcint_worker *w, void *arg)
{
    uint64_t *next = arg; /* this worker's sequence, in its own slot */
    for (long i = 0; i < burst; i++) {
        uint64_t d[2] = {*next, parc_test_mix(w->id * 1000003 + *next)};
        (*next)++;
        parcint_msg *m = parcint_comms_begin(w, 0, CT_DATA, sizeof d);
        CHECK(m != NULL);
        memcpy(m->data, d, sizeof d);
        parcint_comms_commit(w);
    }
    parcint_comms_flush(w);
    /* release: pairs with the acquire load in main; the burst is
     * published (flushed) before. */
    atomic_fetch_add_explicit(&bursts_published, 1, memory_order_release);
}

int main(void)
{
    ct_count_only_ours(); /* it counts every message */
    ct_register();
    CHECK(parcint_comms_handle(CT_DATA, on_data) == 0);
    parcint_worker *w = ct_start();
    nw = parc_workers();
    burst = parc_test_scaled(300, 10);
    static uint64_t seq[PARC_MAX_WORKERS];
    for (int round = 0; round < 20; round++) {
        atomic_store_explicit(&bursts_published, 0, memory_order_relaxed);
        for (unsigned r = 1; r < nw; r++)
            ct_run_on(w, r, send_burst, &seq[r]);
        send_burst(w, &seq[0]); /* to itself */
        double t0 = parc_test_now();
        /* acquire: see send_burst. No poll point in this loop. */
        while (atomic_load_explicit(&bursts_published, memory_order_acquire) <
               (long)nw)
            CHECK(parc_test_now() - t0 < 60.0);
        CHECK(parcint_comms_pending(w));
        long before = handled;
        unsigned got = parcint_comms_intake(w);
        CHECK(got == (unsigned)(nw * burst));
        CHECK(handled - before == (long)(nw * burst));
        CHECK(parcint_comms_intake(w) == 0);
        CHECK(!parcint_comms_pending(w));
        for (unsigned s = 0; s < nw; s++)
            CHECK(expect[s] == (uint64_t)(round + 1) * (uint64_t)burst);
    }
    printf("ok\n");
    /* { dg-output "ok" } */
    return 0;
}
