/* Area:	parc_future_fork, parc_future_lazy, parc_future_join (threads)
   Purpose:	Futures are joinable from any thread: futures created on
		main (worker 0) are joined by pthreads that are not workers
		(lazy ones then run in the joining pthread), futures created
		by those pthreads are joined by main, and several pthreads
		join copies of one future at once. Values are right and
		each call runs once.
   Limitations:	none.  */

/* { dg-do run } */

#include <parc.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>

#include "parc-test.h"

#define THREADS 4
#define PER 64

struct arg {
    long x;
    atomic_int runs;
    pthread_t ran_on;
};

static void *negate(void *p)
{
    struct arg *a = p;
    atomic_fetch_add_explicit(&a->runs, 1, memory_order_relaxed);
    a->ran_on = pthread_self();
    return (void *)(intptr_t)-a->x;
}

static struct arg args[THREADS][PER];
static parc_future made_by_main[THREADS][PER];
static parc_future made_by_thread[THREADS][PER];
static struct arg thread_args[THREADS][PER];

static void *thread_main(void *p)
{
    int t = (int)(intptr_t)p;
    CHECK(parc_worker_id() == -1);
    /* Join what main made: lazy ones run here. */
    for (int i = 0; i < PER; i++) {
        void *v = NULL;
        CHECK(parc_future_join(&made_by_main[t][i], &v) == 0);
        CHECK((intptr_t)v == -args[t][i].x);
        CHECK(atomic_load_explicit(&args[t][i].runs, memory_order_relaxed) ==
              1);
        if (i & 1)
            CHECK(pthread_equal(args[t][i].ran_on, pthread_self()));
    }
    /* Make futures for main to join. */
    for (int i = 0; i < PER; i++) {
        thread_args[t][i].x = 1000 * t + i;
        CHECK(((i & 1) ? parc_future_lazy : parc_future_fork)(
                  &made_by_thread[t][i], negate, &thread_args[t][i], 0) == 0);
    }
    return NULL;
}

struct shared {
    parc_future h;
    long want;
};

static void *join_copy(void *p)
{
    struct shared *s = p;
    void *v = NULL;
    CHECK(parc_future_join(&s->h, &v) == 0);
    CHECK((intptr_t)v == s->want);
    return NULL;
}

int main(void)
{
    CHECK(parc_start() == 0);
    for (int t = 0; t < THREADS; t++)
        for (int i = 0; i < PER; i++) {
            args[t][i].x = 100 * t + i;
            CHECK(((i & 1) ? parc_future_lazy : parc_future_fork)(
                      &made_by_main[t][i], negate, &args[t][i], 0) == 0);
        }
    pthread_t th[THREADS];
    for (int t = 0; t < THREADS; t++)
        CHECK(pthread_create(&th[t], NULL, thread_main, (void *)(intptr_t)t) ==
              0);
    for (int t = 0; t < THREADS; t++)
        CHECK(pthread_join(th[t], NULL) == 0);
    for (int t = THREADS; t-- > 0;)
        for (int i = PER; i-- > 0;) {
            void *v = NULL;
            CHECK(parc_future_join(&made_by_thread[t][i], &v) == 0);
            CHECK((intptr_t)v == -thread_args[t][i].x);
            CHECK(atomic_load_explicit(&thread_args[t][i].runs,
                                       memory_order_relaxed) == 1);
        }

    /* Copies of one future joined by several threads at once. */
    for (int round = 0; round < 20; round++) {
        struct arg a = {.x = round};
        atomic_init(&a.runs, 0);
        parc_future h;
        CHECK(((round & 1) ? parc_future_lazy : parc_future_fork)(
                  &h, negate, &a, 0) == 0);
        struct shared s[THREADS];
        for (int t = 0; t < THREADS; t++) {
            CHECK(parc_future_copy(&h, &s[t].h) == 0);
            s[t].want = -round;
            CHECK(pthread_create(&th[t], NULL, join_copy, &s[t]) == 0);
        }
        void *v = NULL;
        CHECK(parc_future_join(&h, &v) == 0);
        CHECK((intptr_t)v == -round);
        for (int t = 0; t < THREADS; t++)
            CHECK(pthread_join(th[t], NULL) == 0);
        CHECK(atomic_load_explicit(&a.runs, memory_order_relaxed) == 1);
    }
    printf("ok\n");
    /* { dg-output "ok" } */
    return 0;
}
