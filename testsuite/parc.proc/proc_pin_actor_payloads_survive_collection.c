/* Area:	process messages: payloads in flight (pins), actor senders
   Purpose:	Actor processes send payloads allocated in their own
		process heaps to a receiver parked on a gate: each step of
		a sender sends a batch, keeps nothing (its state is a
		number), collects its heap (parc_gc_collect), and allocates
		and overwrites as much again of the same sizes. main
		waits for every sender's steps, then opens the gate: the
		receiver finds every payload whole and each sender's in
		order. A step's payloads are roots of its process's heap
		until the receiving step has returned, whichever worker runs
		the sender's later turns and collections. Fails without
		pins.
   Limitations:	none.  */

/* { dg-do run } */

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
    struct sender *s = state; /* static memory, not the heap */
    (void)msg;
    for (long i = 0; i < per; i++)
        payload_send(&r, s->id, s->seq++);
    CHECK(parc_gc_collect() == 0);
    poison(per);
    return NULL;
}

int main(void)
{
    long rounds = parc_test_scaled(10, 3);
    per = parc_test_scaled(500, 50);
    static struct sender st[SENDERS];
    parc_proc snd[SENDERS], gate;
    parc_proc_opts actor = {.kind = PARC_PROC_ACTOR};
    receiver_spawn(&r, &rs);
    for (int i = 0; i < SENDERS; i++) {
        st[i].id = (uint64_t)i + 1;
        CHECK(parc_proc_spawn(&snd[i], send_batch, &st[i], &actor) == 0);
    }
    long sent = 0;
    for (long k = 0; k < rounds; k++) {
        gate_close(&gate, &r);
        parc_future f[SENDERS][2];
        for (int j = 0; j < 2; j++) /* two steps each: two batches */
            for (int i = 0; i < SENDERS; i++)
                CHECK(parc_proc_send(&snd[i], NULL, &f[i][j]) == 0);
        for (int i = 0; i < SENDERS; i++)
            for (int j = 0; j < 2; j++)
                CHECK(parc_future_join(&f[i][j], NULL) == 0);
        sent += 2 * SENDERS * per;
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
