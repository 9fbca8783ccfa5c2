/* Area:	parc_fork, parc_pop, parc_join (stolen frames)
   Purpose:	Frames that run on a thief fork frames of their own, which
		are stolen again: a chain of 5 levels where each level forks
		the next and waits (polling) until it has started on another
		worker, then forks a fib(16) tree and joins everything. With
		one worker nothing waits and all runs on worker 0. Every
		level checks its fib result and that its child ran on a
		worker other than its own.
   Limitations:	With two or more workers each wait needs a thief to take
		the frame within 10 s.
   Forks:	7,984 a round (5 fib(16) trees of 1,596 forks, 4 levels);
		50 * PARC_TEST_SCALE rounds (at least 10).  */

/* { dg-do run } */

#include <parc.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>

#include "parc-test.h"

#define LEVELS 5

struct level {
    parc_frame f;
    int k;
    atomic_int started; /* set by the thunk when it begins */
    int ran_on;
    long r;
};

static void level_run(struct level *l);

static void level_thunk(parc_frame *f)
{
    struct level *l = (struct level *)f;
    l->ran_on = parc_worker_id();
    /* release: the forker reads ran_on after seeing started. */
    atomic_store_explicit(&l->started, 1, memory_order_release);
    level_run(l);
}

static void level_run(struct level *l)
{
    int me = parc_worker_id();
    CHECK(me >= 0 && (unsigned)me < parc_workers());
    long r = parc_test_fib(16);
    CHECK(r == 987);
    if (l->k + 1 < LEVELS) {
        struct level next = {.k = l->k + 1, .ran_on = -1};
        parc_fork(&next.f, level_thunk);
        if (parc_workers() > 1) {
            double t0 = parc_test_now();
            /* acquire: pairs with the release store in level_thunk. */
            while (!atomic_load_explicit(&next.started, memory_order_acquire)) {
                parc_poll();
                CHECK(parc_test_now() - t0 < 10.0);
            }
            CHECK(next.ran_on != me);
            CHECK(parc_pop(&next.f) == 0);
        } else {
            parc_join(&next.f);
            CHECK(next.ran_on == 0);
        }
        CHECK(next.r == 987L * (LEVELS - 1 - l->k));
        r += next.r;
    }
    CHECK(parc_worker_id() == me);
    l->r = r;
}

int main(void)
{
    long rounds = (long)(50 * parc_test_scale());
    if (rounds < 10)
        rounds = 10;
    CHECK(parc_start() == 0);
    for (long i = 0; i < rounds; i++) {
        struct level top = {.k = 0};
        level_run(&top);
        CHECK(top.r == 987L * LEVELS);
    }
    printf("rounds=%ld forks=%ld\n", rounds,
           rounds * (LEVELS * 1596L + LEVELS - 1));
    printf("ok\n");
    /* { dg-output "ok" } */
    return 0;
}
