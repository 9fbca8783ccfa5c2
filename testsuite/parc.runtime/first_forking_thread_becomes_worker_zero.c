/* Area:	parc_fork, parc_start, parc_worker_id (starting the runtime)
   Purpose:	The first fork starts the runtime and makes its thread
		worker 0, whatever thread that is: here a pthread other than
		main. Until then no thread is a worker; afterwards the
		pthread is worker 0 and its forks may be stolen, while main
		is not a worker: parc_start there returns EBUSY and main's
		forks run in place. Results are right on both threads.
   Limitations:	The process exits from the pthread (worker 0), after main
		has done its part: the runtime joins its workers at exit
		only when worker 0's thread exits, and ThreadSanitizer
		reports unjoined threads.
   Forks:	2 threads * 2 * 75,024 * PARC_TEST_SCALE (at least 1 round
		each), plus about 12,000.  */

/* { dg-do run } */

#include <errno.h>
#include <parc.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include "parc-test.h"

struct call {
    parc_frame f;
    int n;
    int runs;
    long r;
};

static long fib(int n);

static void fib_thunk(parc_frame *f)
{
    struct call *c = (struct call *)f;
    c->runs++;
    c->r = fib(c->n);
}

static long fib(int n)
{
    if (n < 2)
        return n;
    struct call a = {.n = n - 1};
    parc_fork(&a.f, fib_thunk);
    long b = fib(n - 2);
    parc_join(&a.f);
    CHECK(a.runs == 1);
    return a.r + b;
}

static long rounds;

/* The pthread waits for main's part before it ends the process. */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static int phase; /* 1: the pthread's part is done; 2: main's is */

static void set_phase(int p)
{
    pthread_mutex_lock(&lock);
    phase = p;
    pthread_cond_broadcast(&cond);
    pthread_mutex_unlock(&lock);
}

static void wait_phase(int p)
{
    pthread_mutex_lock(&lock);
    while (phase < p)
        pthread_cond_wait(&cond, &lock);
    pthread_mutex_unlock(&lock);
}

static void *first_forker(void *arg)
{
    (void)arg;
    CHECK(parc_worker_id() == -1);
    struct call a = {.n = 20};
    parc_fork(&a.f, fib_thunk); /* starts the runtime: we are worker 0 */
    CHECK(parc_worker_id() == 0);
    parc_join(&a.f);
    CHECK(a.r == 6765 && a.runs == 1);
    for (long i = 0; i < rounds; i++)
        CHECK(fib(24) == 46368);
    CHECK(parc_worker_id() == 0);
    CHECK(parc_start() == 0); /* already worker 0: nothing to do */
    set_phase(1);
    wait_phase(2);
    printf("ok\n");
    /* { dg-output "ok" } */
    exit(0);
}

int main(void)
{
    rounds = (long)(2 * parc_test_scale());
    if (rounds < 1)
        rounds = 1;
    unsigned workers = parc_workers(); /* does not start the runtime */
    CHECK(workers >= 1);
    CHECK(parc_worker_id() == -1);
    pthread_t th;
    CHECK(pthread_create(&th, NULL, first_forker, NULL) == 0);
    wait_phase(1);

    CHECK(parc_worker_id() == -1);
    CHECK(parc_workers() == workers);
    CHECK(parc_start() == EBUSY);
    struct call a = {.n = 15};
    parc_fork(&a.f, fib_thunk);
    CHECK(a.runs == 1); /* ran in place */
    parc_join(&a.f);
    CHECK(a.runs == 1 && a.r == 610);
    for (long i = 0; i < rounds; i++)
        CHECK(fib(24) == 46368);
    CHECK(parc_worker_id() == -1);
    set_phase(2);
    pthread_join(th, NULL); /* never returns: the pthread exits */
    CHECK(0);
    return 1;
}
