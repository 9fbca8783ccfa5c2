/* Area:	parc_poll, parc_fork (sharing work)
   Purpose:	A worker that forks frames and then loops without forking,
		calling parc_poll, lets idle workers take every one of those
		frames: the poll serves their requests to share, publishing
		half of the private frames each time, and wakes sleeping
		workers. Each round forks 8 frames after the other workers
		had time to fall asleep, polls until all 8 have started on
		other workers, then joins them in reverse (each pop must
		return 0). With one worker, polling never runs a frame.
   Limitations:	With two or more workers, thieves must take the 8 frames
		within 10 s.
   Forks:	8 * 30 rounds.  */

/* { dg-do run } */

#include <parc.h>
#include <stdatomic.h>
#include <stdio.h>
#include <time.h>

#include "parc-test.h"

#define FRAMES 8

struct task {
    parc_frame f;
    int n;
    int ran_on;
    long r;
};

static atomic_int started;

static void task_thunk(parc_frame *f)
{
    struct task *t = (struct task *)f;
    t->ran_on = parc_worker_id();
    t->r = (long)t->n * t->n;
    /* release: the forker reads ran_on and r after counting the start;
     * a thief's results are also ordered by the join. */
    atomic_fetch_add_explicit(&started, 1, memory_order_release);
}

int main(void)
{
    CHECK(parc_start() == 0);
    unsigned workers = parc_workers();
    for (int round = 0; round < 30; round++) {
        if (round % 10 == 0) {
            /* Let the other workers fall asleep. */
            struct timespec ts = {0, 20 * 1000 * 1000};
            nanosleep(&ts, NULL);
        }
        struct task t[FRAMES];
        atomic_store_explicit(&started, 0, memory_order_relaxed);
        for (int i = 0; i < FRAMES; i++) {
            t[i] = (struct task){.n = round * FRAMES + i, .ran_on = -1};
            parc_fork(&t[i].f, task_thunk);
        }
        if (workers > 1) {
            double t0 = parc_test_now();
            /* acquire: pairs with the release increments of the thunks. */
            while (atomic_load_explicit(&started, memory_order_acquire) <
                   FRAMES) {
                parc_poll();
                CHECK(parc_test_now() - t0 < 10.0);
            }
            for (int i = FRAMES; i-- > 0;) {
                CHECK(parc_pop(&t[i].f) == 0);
                CHECK(t[i].ran_on > 0 && (unsigned)t[i].ran_on < workers);
            }
        } else {
            for (int k = 0; k < 1000; k++)
                parc_poll();
            CHECK(atomic_load_explicit(&started, memory_order_relaxed) == 0);
            for (int i = FRAMES; i-- > 0;) {
                CHECK(parc_pop(&t[i].f) == 1);
                task_thunk(&t[i].f);
                CHECK(t[i].ran_on == 0);
            }
        }
        for (int i = 0; i < FRAMES; i++)
            CHECK(t[i].r == (long)t[i].n * t[i].n);
    }
    printf("ok\n");
    /* { dg-output "ok" } */
    return 0;
}
