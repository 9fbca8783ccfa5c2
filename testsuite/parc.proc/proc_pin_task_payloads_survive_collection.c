/* Area:	process messages: payloads in flight (pins)
   Purpose:	main, a task, sends payloads it allocates in its own heap
		(each pointing to a second object reached only through it)
		to a receiver that cannot run yet (parked on a gate), keeps
		no pointer to them, collects its heap fully
		(parc_gc_collect), allocates and overwrites as much again of
		the same sizes, and collects again; only then does it open
		the gate. The receiver finds every payload and its second
		object whole, each several times, in order, none lost:
		payloads in the sender's heap are roots of it until their
		step has returned. Round after round, so that the pins of
		earlier rounds are released and their records reused.
		Fails without pins: the collections free the payloads and
		the receiver reads the overwriting pattern.
   Limitations:	none.  */

/* { dg-do run } */

#include "pin-gate.h"

static struct pin_rstate rs;

int main(void)
{
    long rounds = parc_test_scaled(20, 3);
    long per = parc_test_scaled(2000, 200);
    parc_proc r, gate;
    receiver_spawn(&r, &rs);
    uint64_t seq = 0;
    for (long k = 0; k < rounds; k++) {
        gate_close(&gate, &r);
        for (long i = 0; i < per; i++)
            payload_send(&r, 0, seq++);
        CHECK(parc_gc_collect() == 0);
        poison(per);
        CHECK(parc_gc_collect() == 0);
        gate_open(&gate);
        CHECK(receiver_report(&r) == (long)seq);
    }
    CHECK(rs.gates == rounds);
    CHECK(parc_proc_drop(&r) == 0);
    printf("ok\n");
    return 0;
}
/* { dg-output "ok" } */
