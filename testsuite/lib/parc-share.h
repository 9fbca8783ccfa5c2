/* parc-share.h: the rounds of the tests that a worker gives away frames it
 * forked while it runs something that is neither a fork nor a join
 * (poll_publishes_pending_frame.c: parc_poll; alloc_publishes_pending_frame.c:
 * parc_alloc's slow path).
 *
 *   parc_test_share_rounds(step, solo_steps)
 *                          30 rounds: fork PARC_SHARE_FRAMES frames (after
 *                          letting the other workers fall asleep, every tenth
 *                          round), then call step() until every frame has
 *                          started on another worker (CHECKed within 10 s),
 *                          then join them in reverse (each pop must return
 *                          0). With one worker: step() solo_steps times must
 *                          run none of them; each pop returns 1 and the frame
 *                          runs here. Every result is checked.
 */
#ifndef PARC_SHARE_H
#define PARC_SHARE_H

#include <parc.h>
#include <stdatomic.h>
#include <time.h>

#include "parc-test.h"

#define PARC_SHARE_FRAMES 8

struct parc_share_task {
    parc_frame f;
    int n;
    int ran_on;
    long r;
};

static atomic_int parc_share_started;

static inline void
parc_share_thunk(parc_frame *f)
{
    struct parc_share_task *t = (struct parc_share_task *)f;
    t->ran_on = parc_worker_id();
    t->r = (long)t->n * t->n;
    /* release: the forker reads ran_on and r after counting the start;
     * a thief's results are also ordered by the join. */
    atomic_fetch_add_explicit(&parc_share_started, 1, memory_order_release);
}

static inline void
parc_test_share_rounds(void (*step)(void), long solo_steps)
{
    unsigned workers = parc_workers();
    for (int round = 0; round < 30; round++) {
        if (round % 10 == 0) {
            /* Let the other workers fall asleep. */
            struct timespec ts = {0, 20 * 1000 * 1000};
            nanosleep(&ts, NULL);
        }
        struct parc_share_task t[PARC_SHARE_FRAMES];
        atomic_store_explicit(&parc_share_started, 0, memory_order_relaxed);
        for (int i = 0; i < PARC_SHARE_FRAMES; i++) {
            t[i] = (struct parc_share_task){.n = round * PARC_SHARE_FRAMES + i,
                                            .ran_on = -1};
            parc_fork(&t[i].f, parc_share_thunk);
        }
        if (workers > 1) {
            double t0 = parc_test_now();
            /* acquire: pairs with the release increments of the thunks. */
            while (atomic_load_explicit(&parc_share_started,
                                        memory_order_acquire) <
                   PARC_SHARE_FRAMES) {
                step();
                CHECK(parc_test_now() - t0 < 10.0);
            }
            for (int i = PARC_SHARE_FRAMES; i-- > 0;) {
                CHECK(parc_pop(&t[i].f) == 0);
                CHECK(t[i].ran_on > 0 && (unsigned)t[i].ran_on < workers);
            }
        } else {
            for (long k = 0; k < solo_steps; k++)
                step();
            CHECK(atomic_load_explicit(&parc_share_started,
                                       memory_order_relaxed) == 0);
            for (int i = PARC_SHARE_FRAMES; i-- > 0;) {
                CHECK(parc_pop(&t[i].f) == 1);
                parc_share_thunk(&t[i].f);
                CHECK(t[i].ran_on == 0);
            }
        }
        for (int i = 0; i < PARC_SHARE_FRAMES; i++)
            CHECK(t[i].r == (long)t[i].n * t[i].n);
    }
}

#endif /* PARC_SHARE_H */
