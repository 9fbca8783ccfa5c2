/* Area:	comms alerts against the sleep protocol (pool.c)
   Purpose:	A message to a worker that has gone to sleep (its idle
		loop ran out of rounds) wakes it: worker 0 pauses 0 to
		3 ms between rounds (longer than the idle spinning, so
		receivers are often asleep, or about to sleep, or just
		stopping looking), then sends a PING to a random other
		worker and waits, polling but not looking for messages,
		for its PONG: a lost alert or wake-up would hang that
		wait (10 s bound). Worker 0 is a busy receiver here: each
		PONG reaches it through the signal bit at its parc_poll.
		300 rounds (scaled); with one worker, worker 0 pings
		itself and takes the message at its own poll point.
   Limitations:	Uses the runtime's internal headers.  */

/* { dg-do run } */

#include "comms-test.h"

#include <time.h>

enum { PING = CT_DATA, PONG = CT_CHAIN };

static _Atomic long pongs;

static void on_ping(parcint_worker *w, const parcint_msg *m)
{
    uint64_t v = m->data[0] + 1;
    CHECK(parcint_comms_send(w, m->from, PONG, &v, sizeof v) == 0);
}

static void on_pong(parcint_worker *w, const parcint_msg *m)
{
    (void)w;
    CHECK(m->data[0] == (uint64_t)atomic_load_explicit(&pongs,
                                                      memory_order_relaxed) *
                                2 +
                            1);
    /* release: pairs with main's acquire load. */
    atomic_fetch_add_explicit(&pongs, 1, memory_order_release);
}

int main(void)
{
    CHECK(parcint_comms_handle(PING, on_ping) == 0);
    CHECK(parcint_comms_handle(PONG, on_pong) == 0);
    parcint_worker *w = ct_start();
    unsigned nw = parc_workers();
    long rounds = parc_test_scaled(300, 20);
    for (long i = 0; i < rounds; i++) {
        uint64_t r = parc_test_mix((uint64_t)i);
        struct timespec gap = {0, (long)(r % 3000000)};
        nanosleep(&gap, NULL);
        unsigned to = nw > 1 ? 1 + (unsigned)((r >> 32) % (nw - 1)) : 0;
        uint64_t v = (uint64_t)i * 2;
        CHECK(parcint_comms_send(w, to, PING, &v, sizeof v) == 0);
        double t0 = parc_test_now();
        /* acquire: see on_pong. */
        while (atomic_load_explicit(&pongs, memory_order_acquire) < i + 1) {
            parc_poll();
            CHECK(parc_test_now() - t0 < 10.0);
        }
    }
    struct parcint_comms_counts c;
    parcint_comms_counts(w, &c);
    printf("rounds=%ld alerts=%llu\n", rounds, (unsigned long long)c.alerts);
    printf("ok\n");
    /* { dg-output "ok" } */
    return 0;
}
