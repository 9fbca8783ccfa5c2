/* Area:	parc_future_lazy, parc_future_need, parc_future_ready
   Purpose:	A lazy future runs only when needed, and then in the thread
		that needs (or joins) it: on main (worker 0), on a pthread
		that is not a worker, and inside a frame that a thief runs.
		Before that parc_future_ready is 0; after need it is 1, the
		handle stays valid, a second need does not run the call
		again, and the join returns the value without running it.
   Limitations:	With two or more workers, thieves must take one of the
		frames within 10 s.  */

/* { dg-do run } */

#include <parc.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include "parc-test.h"

struct arg {
    long x;
    atomic_int runs;
    pthread_t ran_on;
    int ran_on_worker;
};

static void *twice(void *p)
{
    struct arg *a = p;
    atomic_fetch_add_explicit(&a->runs, 1, memory_order_relaxed);
    a->ran_on = pthread_self();
    a->ran_on_worker = parc_worker_id();
    return (void *)(intptr_t)(2 * a->x);
}

/* Creates a lazy future, needs it here, checks where it ran, joins it. */
static void need_here(long x, int use_need)
{
    struct arg a = {.x = x, .ran_on_worker = -2};
    atomic_init(&a.runs, 0);
    parc_future h;
    CHECK(parc_future_lazy(&h, twice, &a, 0) == 0);
    CHECK(parc_future_ready(&h) == 0);
    CHECK(atomic_load_explicit(&a.runs, memory_order_relaxed) == 0);
    if (use_need) {
        CHECK(parc_future_need(&h) == 0);
        CHECK(parc_future_ready(&h) == 1);
        CHECK(atomic_load_explicit(&a.runs, memory_order_relaxed) == 1);
        CHECK(pthread_equal(a.ran_on, pthread_self()));
        CHECK(a.ran_on_worker == parc_worker_id());
        CHECK(parc_future_need(&h) == 0); /* still valid, not run again */
    }
    void *v = NULL;
    CHECK(parc_future_join(&h, &v) == 0);
    CHECK((intptr_t)v == 2 * x);
    CHECK(atomic_load_explicit(&a.runs, memory_order_relaxed) == 1);
    CHECK(pthread_equal(a.ran_on, pthread_self()));
    CHECK(a.ran_on_worker == parc_worker_id());
}

static void *outsider(void *p)
{
    (void)p;
    CHECK(parc_worker_id() == -1);
    for (long i = 0; i < 50; i++)
        need_here(i, (int)(i & 1));
    return NULL;
}

struct frame_call {
    parc_frame f;
    long x;
    int ran_on;
};

static atomic_int ran_elsewhere; /* frames run on a worker other than 0 */

static void frame_thunk(parc_frame *f)
{
    struct frame_call *c = (struct frame_call *)f;
    c->ran_on = parc_worker_id();
    need_here(c->x, (int)(c->x & 1));
    if (c->ran_on != 0)
        atomic_fetch_add_explicit(&ran_elsewhere, 1, memory_order_relaxed);
}

int main(void)
{
    CHECK(parc_start() == 0);
    for (long i = 0; i < 100; i++)
        need_here(i, (int)(i & 1));

    pthread_t th;
    CHECK(pthread_create(&th, NULL, outsider, NULL) == 0);
    CHECK(pthread_join(th, NULL) == 0);

    /* Inside frames; with two or more workers the first round waits until
     * thieves have run some of them. */
    struct frame_call calls[64];
    for (int round = 0; round < 20; round++) {
        for (int i = 0; i < 64; i++) {
            calls[i] = (struct frame_call){.x = 64 * round + i, .ran_on = -2};
            parc_fork(&calls[i].f, frame_thunk);
        }
        if (round == 0 && parc_workers() > 1) {
            time_t t0 = time(NULL);
            while (atomic_load_explicit(&ran_elsewhere,
                                        memory_order_relaxed) == 0) {
                parc_poll();
                CHECK(time(NULL) - t0 < 10);
            }
        }
        for (int i = 64; i-- > 0;) {
            parc_join(&calls[i].f);
            CHECK(calls[i].ran_on >= 0);
        }
    }
    printf("ok\n");
    /* { dg-output "ok" } */
    return 0;
}
