/* Area:	comms at exit (drain_at_exit)
   Purpose:	main returns while messages are unread: every other worker
		has sent 200 messages (scaled) to worker 0, which never
		reached a poll point to take them, and worker 0 has sent
		200 to every other worker, each busy for 50 ms in a handler
		that does not poll; worker 0 has also sent 200 to itself.
		The runtime's exit takes worker 0's own
		and waits for the others to take theirs: an atexit handler
		registered before the runtime started (so it runs after the
		runtime's) finds every message handled exactly once, in
		order per sender and receiver.
   Limitations:	Uses the runtime's internal headers.  */

/* { dg-do run } */

#include "comms-test.h"

#include <stdlib.h>

static unsigned nw;
static long per;
static _Atomic long handled;
static _Atomic long published;
static uint64_t expect[PARC_MAX_WORKERS][PARC_MAX_WORKERS]; /* [to][from] */

static void on_data(parcint_worker *w, const parcint_msg *m)
{
    CHECK(m->data[0] == expect[w->id][m->from]);
    expect[w->id][m->from]++;
    /* release: pairs with the acquire load in check_at_exit. */
    atomic_fetch_add_explicit(&handled, 1, memory_order_release);
}

/* On worker r: send to worker 0, then stay busy without a poll point. */
static void send_then_spin(parcint_worker *w, void *arg)
{
    (void)arg;
    for (long i = 0; i < per; i++) {
        uint64_t d = (uint64_t)i;
        CHECK(parcint_comms_send(w, 0, CT_DATA, &d, sizeof d) == 0);
    }
    /* release: pairs with main's acquire load. */
    atomic_fetch_add_explicit(&published, 1, memory_order_release);
    double t0 = parc_test_now();
    while (parc_test_now() - t0 < 0.05)
        ;
}

static void check_at_exit(void)
{
    long want = (2 * (long)(nw - 1) + 1) * per;
    CHECK(expect[0][0] == (uint64_t)per);
    /* acquire: see on_data. */
    CHECK(atomic_load_explicit(&handled, memory_order_acquire) == want);
    for (unsigned r = 1; r < nw; r++) {
        CHECK(expect[0][r] == (uint64_t)per);
        CHECK(expect[r][0] == (uint64_t)per);
    }
    printf("handled=%ld ok\n", want);
    /* { dg-output "ok" } */
    fflush(stdout);
}

int main(void)
{
    ct_register();
    CHECK(parcint_comms_handle(CT_DATA, on_data) == 0);
    CHECK(atexit(check_at_exit) == 0);
    parcint_worker *w = ct_start();
    nw = parc_workers();
    per = parc_test_scaled(200, 10);
    for (unsigned r = 1; r < nw; r++)
        ct_run_on(w, r, send_then_spin, NULL);
    double t0 = parc_test_now();
    /* acquire: see send_then_spin. No poll point: worker 0 takes nothing. */
    while (atomic_load_explicit(&published, memory_order_acquire) <
           (long)nw - 1)
        CHECK(parc_test_now() - t0 < 60.0);
    for (unsigned r = 1; r < nw; r++)
        for (long i = 0; i < per; i++) {
            uint64_t d = (uint64_t)i;
            CHECK(parcint_comms_send(w, r, CT_DATA, &d, sizeof d) == 0);
        }
    for (long i = 0; i < per; i++) {
        uint64_t d = (uint64_t)i;
        CHECK(parcint_comms_send(w, 0, CT_DATA, &d, sizeof d) == 0);
    }
    return 0; /* with messages unread on every worker */
}
