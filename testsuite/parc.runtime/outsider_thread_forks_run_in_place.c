/* Area:	parc_fork, parc_pop, parc_join (threads that are not workers)
   Purpose:	Once main has started the runtime (parc_start), other
		pthreads are not workers: parc_worker_id() is -1 there, each
		fork runs its thunk in place on that thread before parc_fork
		returns, parc_pop then returns 0 and parc_join does not run
		the thunk again. Nested forks inside such thunks run in place
		too, and recursive computations on 4 such threads at once
		give the right results.
   Limitations:	none.
   Forks:	4 threads * 57,312 * 3 * PARC_TEST_SCALE (at least 1
		round), all in place.  */

/* { dg-do run } */

#include <parc.h>
#include <pthread.h>
#include <stdio.h>

#include "parc-test.h"

#define THREADS 4

struct call {
    parc_frame f;
    int n;
    int runs;
    pthread_t ran_on;
    long r;
};

static long fib(int n);

static void fib_thunk(parc_frame *f)
{
    struct call *c = (struct call *)f;
    c->runs++;
    c->ran_on = pthread_self();
    CHECK(parc_worker_id() == -1);
    c->r = fib(c->n);
}

static long fib(int n)
{
    if (n < 2)
        return n;
    struct call a = {.n = n - 1};
    parc_fork(&a.f, fib_thunk);
    /* In place: already done, on this thread. */
    CHECK(a.runs == 1);
    CHECK(pthread_equal(a.ran_on, pthread_self()));
    struct call b = {.n = n - 2};
    parc_fork(&b.f, fib_thunk);
    CHECK(b.runs == 1);
    if (n & 1) {
        CHECK(parc_pop(&b.f) == 0);
        parc_join(&a.f);
    } else {
        parc_join(&b.f);
        CHECK(parc_pop(&a.f) == 0);
    }
    CHECK(a.runs == 1 && b.runs == 1);
    return a.r + b.r;
}

static void *thread_main(void *arg)
{
    long rounds = *(long *)arg;
    CHECK(parc_worker_id() == -1);
    for (long i = 0; i < rounds; i++)
        CHECK(fib(22) == 17711);
    CHECK(parc_worker_id() == -1);
    return NULL;
}

int main(void)
{
    long rounds = (long)(3 * parc_test_scale());
    if (rounds < 1)
        rounds = 1;
    CHECK(parc_start() == 0);
    CHECK(parc_worker_id() == 0);
    pthread_t th[THREADS];
    for (int i = 0; i < THREADS; i++)
        CHECK(pthread_create(&th[i], NULL, thread_main, &rounds) == 0);
    for (int i = 0; i < THREADS; i++)
        CHECK(pthread_join(th[i], NULL) == 0);
    CHECK(parc_worker_id() == 0);
    printf("ok\n");
    /* { dg-output "ok" } */
    return 0;
}
