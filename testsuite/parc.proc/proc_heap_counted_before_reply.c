/* Area:	process heaps: counters
   Purpose:	parc_proc_heaps_get counts what a step allocated once its
		reply can be joined, even while the turn that ran the step
		goes on. The process's first step allocates (its heap is
		made then, with a large object) and replies; its second
		step, queued before the first ran and so taken in the same
		turn, waits until main has read the counters. Main joins
		the first reply and must find one heap holding at least
		the large object. (Counted only at the end of the turn,
		they read 0 heaps here on a worker, every time.) When main
		runs the turn itself, in its join, the second step does
		not wait.
   Limitations:	none.  */

/* { dg-do run } */

#include <parc.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdint.h>

#include "parc-test.h"

#define BIG (300 * 1024) /* over a chunk: a large object's run */

static pthread_t main_thread;
static atomic_int queued_both, counters_read;

static void *step(void *state, void *msg)
{
    (void)state;
    if (msg == (void *)1) {
        /* The first step: wait until the second message is queued, so
         * that this turn takes it after us. */
        double t0 = parc_test_now();
        while (!atomic_load(&queued_both))
            CHECK(parc_test_now() - t0 < 60);
        char *s = parc_alloc_atomic(BIG);
        CHECK(s != NULL);
        s[BIG - 1] = 1;
        CHECK(parc_proc_state_set(s) == 0);
        return (void *)1;
    }
    /* The second step holds the turn open while main reads. */
    if (!pthread_equal(pthread_self(), main_thread)) {
        double t0 = parc_test_now();
        while (!atomic_load(&counters_read)) {
            CHECK(parc_test_now() - t0 < 60);
            sched_yield();
        }
    }
    return NULL;
}

int main(void)
{
    main_thread = pthread_self();
    parc_proc p;
    parc_proc_opts o = {.batch = 8};
    parc_proc_heaps hs;
    int rounds = (int)parc_test_scaled(20, 4);
    for (int r = 0; r < rounds; r++) {
        atomic_store(&queued_both, 0);
        atomic_store(&counters_read, 0);
        CHECK(parc_proc_spawn(&p, step, NULL, &o) == 0);
        parc_future f;
        void *out = NULL;
        CHECK(parc_proc_send(&p, (void *)1, &f) == 0);
        CHECK(parc_proc_send(&p, (void *)2, NULL) == 0);
        atomic_store(&queued_both, 1);
        CHECK(parc_future_join(&f, &out) == 0 && out == (void *)1);
        CHECK(parc_proc_heaps_get(&hs) == 0);
        CHECK(hs.heaps == 1);
        CHECK(hs.bytes >= BIG);
        atomic_store(&counters_read, 1);
        CHECK(parc_proc_drop(&p) == 0);
        /* Reclaimed with its heap once the second step is done. */
        parc_test_proc_heaps_gone();
    }
    printf("ok\n");
    return 0;
}
/* { dg-output "ok" } */
