/* Area:	process messages: payloads in flight (pins) under GC stress
   Purpose:	With every heap collected at every allocation
		(PARC_GC_STRESS=1), main and actor processes send payloads
		from their heaps to a receiver parked on a gate and forget
		them at once; the allocations that follow (the next
		payloads, then as much again overwritten) collect the
		senders' heaps, main's and each actor's on whichever worker
		runs it, with no parc_gc_collect anywhere. Once the gate
		opens the receiver finds every payload whole and each
		sender's in order. Fails without pins.
   Limitations:	none.  */

/* { dg-do run } */
/* { dg-parc-env PARC_GC_STRESS 1 } */

#include "pin-gate.h"

#define SENDERS 4

static struct pin_rstate rs;
static parc_proc r;
static long per;

struct sender {
    uint64_t id, seq;
};

static void *send_batch(void *state, void *msg)
{
    struct sender *s = state;
    (void)msg;
    for (long i = 0; i < per; i++)
        payload_send(&r, s->id, s->seq++);
    poison(per);
    return NULL;
}

int main(void)
{
    long rounds = parc_test_scaled(6, 2);
    per = parc_test_scaled(150, 30);
    static struct sender st[SENDERS];
    parc_proc snd[SENDERS], gate;
    parc_proc_opts actor = {.kind = PARC_PROC_ACTOR};
    receiver_spawn(&r, &rs);
    for (int i = 0; i < SENDERS; i++) {
        st[i].id = (uint64_t)i + 1;
        CHECK(parc_proc_spawn(&snd[i], send_batch, &st[i], &actor) == 0);
    }
    uint64_t mine = 0;
    long sent = 0;
    for (long k = 0; k < rounds; k++) {
        gate_close(&gate, &r);
        parc_future f[SENDERS];
        for (int i = 0; i < SENDERS; i++)
            CHECK(parc_proc_send(&snd[i], NULL, &f[i]) == 0);
        for (long i = 0; i < per; i++)
            payload_send(&r, 0, mine++);
        poison(per);
        for (int i = 0; i < SENDERS; i++)
            CHECK(parc_future_join(&f[i], NULL) == 0);
        sent += (SENDERS + 1) * per;
        gate_open(&gate);
        CHECK(receiver_report(&r) == sent);
    }
    for (int i = 0; i < SENDERS; i++)
        CHECK(parc_proc_drop(&snd[i]) == 0);
    CHECK(parc_proc_drop(&r) == 0);
    printf("ok\n");
    return 0;
}
/* { dg-output "ok" } */
