/* Area:	parc_future_lazy, parc_poll (a thief's request for work)
   Purpose:	A worker that an idle thief asks for work, with no frame to
		publish, upgrades the oldest lazy future it made that nobody
		has started, and the thief runs it: the seed's lazy future
		"upgraded to parallel" by the same request that promotes a
		clone's loop.  With two or more workers, main makes two lazy
		futures and polls without forking: the older one must start
		on another worker while main still polls (without the
		upgrade nobody would start it, and the test times out).  At
		two workers the only thief is busy in the older one, so the
		newer one is not upgraded meanwhile; main then joins both.
		At one worker nobody asks: both run at their joins, on main.
		A future made on a thread that is no worker is never
		upgraded by a request (it has no requests to answer).
   Limitations:	With two or more workers, a thief must ask within 10 s.  */

/* { dg-do run } */

#include <parc.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include "parc-test.h"

struct call {
    atomic_int started;
    atomic_int ran_on; /* worker id, -1 for a thread that is no worker */
    atomic_int *release; /* the call returns once this is nonzero */
};

static void *body(void *p)
{
    struct call *c = p;
    atomic_store_explicit(&c->ran_on, parc_worker_id(), memory_order_relaxed);
    /* release: main's acquire load of started then sees ran_on. */
    atomic_store_explicit(&c->started, 1, memory_order_release);
    while (!atomic_load_explicit(c->release, memory_order_acquire))
        ;
    return (void *)(intptr_t)42;
}

static void one_round(int round)
{
    atomic_int release = 0;
    struct call older = {.release = &release}, newer = {.release = &release};
    atomic_init(&older.ran_on, -2);
    atomic_init(&newer.ran_on, -2);
    parc_future fo, fn;
    CHECK(parc_future_lazy(&fo, body, &older, 0) == 0);
    CHECK(parc_future_lazy(&fn, body, &newer, 0) == 0);
    if (parc_workers() > 1) {
        time_t t0 = time(NULL);
        while (!atomic_load_explicit(&older.started, memory_order_acquire)) {
            parc_poll();
            CHECK(time(NULL) - t0 < 10);
        }
        CHECK(atomic_load_explicit(&older.ran_on, memory_order_relaxed) > 0);
        if (parc_workers() == 2) {
            /* Its only thief is in the older call, which waits for us. */
            for (int i = 0; i < 1000; i++)
                parc_poll();
            CHECK(!atomic_load_explicit(&newer.started, memory_order_acquire));
        }
    }
    atomic_store_explicit(&release, 1, memory_order_release);
    void *v = NULL;
    CHECK(parc_future_join(&fn, &v) == 0 && (intptr_t)v == 42);
    CHECK(parc_future_join(&fo, &v) == 0 && (intptr_t)v == 42);
    if (parc_workers() == 1) {
        CHECK(atomic_load_explicit(&older.ran_on, memory_order_relaxed) == 0);
        CHECK(atomic_load_explicit(&newer.ran_on, memory_order_relaxed) == 0);
    }
    (void)round;
}

static void *outsider(void *p)
{
    (void)p;
    atomic_int release = 1;
    struct call c = {.release = &release};
    atomic_init(&c.ran_on, -2);
    parc_future f;
    CHECK(parc_future_lazy(&f, body, &c, 0) == 0);
    /* No worker made it: no request can reach it. */
    struct timespec ms = {0, 20 * 1000 * 1000};
    nanosleep(&ms, NULL);
    CHECK(!atomic_load_explicit(&c.started, memory_order_acquire));
    CHECK(parc_future_join(&f, NULL) == 0);
    CHECK(atomic_load_explicit(&c.ran_on, memory_order_relaxed) == -1);
    return NULL;
}

int main(void)
{
    CHECK(parc_start() == 0);
    int rounds = (int)(50 * parc_test_scale()) + 1;
    for (int r = 0; r < rounds; r++)
        one_round(r);
    pthread_t th;
    CHECK(pthread_create(&th, NULL, outsider, NULL) == 0);
    CHECK(pthread_join(th, NULL) == 0);
    printf("ok\n");
    /* { dg-output "ok" } */
    return 0;
}
