/* Area:	process messages: payloads in flight (pins) of a reclaimed
		process
   Purpose:	Actor processes send payloads allocated in their process
		heaps to a receiver parked on a gate, and are then dropped
		and reclaimed (their own queues empty) while the payloads
		still wait. Their heaps must outlive them: after the drops
		parc_proc_heaps_get still counts every sender's heap;
		main then allocates and overwrites a lot (memory the senders'
		heaps would have given back), opens the gate, and the
		receiver finds every payload whole. Once the receiver has
		run, the heaps go: the counters fall back to 0 heaps and 0
		bytes. Fails when a reclaimed process's heap is destroyed
		at once (the receiver reads zeros or the overwriting
		pattern, and the count is 0 too early), and without pins.
   Limitations:	none.  */

/* { dg-do run } */

#include "pin-gate.h"

#define SENDERS 4

static struct pin_rstate rs;
static parc_proc r;
static long per;
static atomic_int finis;

struct sender {
    uint64_t id, seq;
};

static void *send_batch(void *state, void *msg)
{
    struct sender *s = state;
    (void)msg;
    for (long i = 0; i < per; i++)
        payload_send(&r, s->id, s->seq++);
    CHECK(parc_gc_collect() == 0);
    return NULL;
}

static void fini(void *state)
{
    (void)state;
    atomic_fetch_add(&finis, 1);
}

int main(void)
{
    long rounds = parc_test_scaled(10, 3);
    per = parc_test_scaled(1000, 100);
    static struct sender st[SENDERS];
    parc_proc gate;
    parc_proc_opts actor = {.kind = PARC_PROC_ACTOR, .fini = fini};
    receiver_spawn(&r, &rs);
    long sent = 0;
    for (long k = 0; k < rounds; k++) {
        parc_proc snd[SENDERS];
        parc_proc_heaps hs;
        gate_close(&gate, &r);
        for (int i = 0; i < SENDERS; i++) {
            parc_future f;
            st[i].id = (uint64_t)i + 1;
            CHECK(parc_proc_spawn(&snd[i], send_batch, &st[i], &actor) == 0);
            CHECK(parc_proc_send(&snd[i], NULL, &f) == 0);
            CHECK(parc_future_join(&f, NULL) == 0);
        }
        sent += SENDERS * per;
        /* The reply is given inside the turn; the turn's end follows. Once
         * the queue is empty the last drop reclaims, here and now. */
        for (int i = 0; i < SENDERS; i++) {
            parc_proc_stats ps;
            double t0 = parc_test_now();
            for (;;) {
                CHECK(parc_proc_stats_get(&snd[i], &ps) == 0);
                if (ps.queued == 0)
                    break;
                CHECK(parc_test_now() - t0 < 60);
                sched_yield();
            }
            CHECK(parc_proc_drop(&snd[i]) == 0);
        }
        CHECK(atomic_load(&finis) == (int)((k + 1) * SENDERS));
        /* Reclaimed, and still there: their payloads wait. */
        CHECK(parc_proc_heaps_get(&hs) == 0);
        CHECK(hs.heaps == SENDERS);
        CHECK(hs.bytes >= 2 * SENDERS * 262144ull);
        poison((long)SENDERS * per * 2);
        CHECK(parc_gc_collect() == 0);
        gate_open(&gate);
        CHECK(receiver_report(&r) == sent);
        /* The last receiving turn's runner destroys them after the turn:
         * here at 1 worker, on another worker soon after otherwise. */
        double t0 = parc_test_now();
        for (;;) {
            CHECK(parc_proc_heaps_get(&hs) == 0);
            if (hs.heaps == 0)
                break;
            CHECK(parc_test_now() - t0 < 60);
            sched_yield();
        }
        CHECK(hs.bytes == 0);
    }
    CHECK(parc_proc_drop(&r) == 0);
    printf("ok\n");
    return 0;
}
/* { dg-output "ok" } */
