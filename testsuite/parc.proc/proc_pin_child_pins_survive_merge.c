/* Area:	process messages: payloads in flight (pins) across a merge
   Purpose:	Children of main send payloads allocated in their own heaps
		to a receiver parked on a gate, forget them, and collect
		their heaps (parc_gc_collect) before they return: futures
		(whose call always runs in a heap of its own) and forked
		frames (in a heap of their own when stolen, in main's
		otherwise). main joins them, which merges their heaps into
		its own, collects, overwrites as much again of the same
		sizes, collects again, and only then opens the gate: the
		receiver finds every payload whole and each child's in
		order. The children's pins must move to main's heap at the
		merge. Fails without that (the records would be freed with
		the child's heap: nothing roots the payloads in main's) and
		without pins at all.
   Limitations:	forked frames are stolen only at 2 workers or more.  */

/* { dg-do run } */

#include "pin-gate.h"

#define FUTURES 4
#define FORKS 4

static struct pin_rstate rs;
static parc_proc r;
static long per;
static uint64_t seqs[1 + FUTURES + FORKS]; /* each child's next seq */

static void *child(void *arg)
{
    uint64_t id = (uint64_t)(uintptr_t)arg;
    for (long i = 0; i < per; i++)
        payload_send(&r, id, seqs[id]++);
    CHECK(parc_gc_collect() == 0);
    poison(per);
    return NULL;
}

struct fork_call {
    parc_frame f; /* first: the thunk casts the frame back */
    uint64_t id;
};

static void fork_thunk(parc_frame *f)
{
    child((void *)(uintptr_t)((struct fork_call *)f)->id);
}

int main(void)
{
    long rounds = parc_test_scaled(10, 3);
    per = parc_test_scaled(1000, 100);
    parc_proc gate;
    receiver_spawn(&r, &rs);
    long sent = 0;
    for (long k = 0; k < rounds; k++) {
        gate_close(&gate, &r);
        parc_future fs[FUTURES];
        for (uint64_t i = 0; i < FUTURES; i++)
            CHECK(parc_future_fork(&fs[i], child, (void *)(uintptr_t)(1 + i),
                                   0) == 0);
        struct fork_call calls[FORKS];
        for (uint64_t i = 0; i < FORKS; i++) {
            calls[i].id = 1 + FUTURES + i;
            parc_fork(&calls[i].f, fork_thunk);
        }
        for (int i = FORKS - 1; i >= 0; i--)
            parc_join(&calls[i].f);
        for (int i = 0; i < FUTURES; i++)
            CHECK(parc_future_join(&fs[i], NULL) == 0);
        sent += (FUTURES + FORKS) * per;
        CHECK(parc_gc_collect() == 0);
        poison((FUTURES + FORKS) * per);
        CHECK(parc_gc_collect() == 0);
        gate_open(&gate);
        CHECK(receiver_report(&r) == sent);
    }
    CHECK(parc_proc_drop(&r) == 0);
    printf("ok\n");
    return 0;
}
/* { dg-output "ok" } */
