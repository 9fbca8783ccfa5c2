/* Area:	parc_set_workers, parc_start, parc_workers, parc_worker_id
   Purpose:	Check that the runtime runs $PARC_WORKERS workers (the CPUs of
		the affinity mask when unset), that parc_start makes the main
		thread worker 0, that threads which are not workers answer -1,
		that forked calls run on workers 0 to parc_workers() - 1, and
		that parc_set_workers refuses 0, too many, and a running runtime.
   Limitations:	none.  */

/* { dg-do run } */

#define _GNU_SOURCE /* CPU_COUNT, sched_getaffinity */
#include <errno.h>
#include <parc.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>

#include "parc-test.h"

#define FRAMES 64

struct id_call {
    parc_frame f;
    int id;
};

static void
id_thunk(parc_frame *f)
{
    struct id_call *c = (struct id_call *)f;
    volatile long s = 0;
    for (long k = 0; k < 20000; k++)
        s += k;
    c->id = parc_worker_id();
}

static void *
outsider(void *arg)
{
    *(int *)arg = parc_worker_id();
    return NULL;
}

static unsigned
expected_workers(void)
{
    const char *s = getenv("PARC_WORKERS");
    if (s != NULL && *s != '\0')
        return (unsigned)strtoul(s, NULL, 10);
    cpu_set_t set;
    CHECK(sched_getaffinity(0, sizeof set, &set) == 0);
    unsigned n = (unsigned)CPU_COUNT(&set);
    return n > PARC_MAX_WORKERS ? PARC_MAX_WORKERS : n;
}

int
main(void)
{
    unsigned n = expected_workers();

    CHECK(parc_worker_id() == -1);
    CHECK(parc_workers() == n);
    CHECK(parc_set_workers(0) == EINVAL);
    CHECK(parc_set_workers(PARC_MAX_WORKERS + 1) == EINVAL);
    CHECK(parc_workers() == n);

    CHECK(parc_start() == 0);
    CHECK(parc_worker_id() == 0);
    CHECK(parc_workers() == n);
    CHECK(parc_set_workers(n) == EBUSY);

    pthread_t t;
    int other = 12345;
    CHECK(pthread_create(&t, NULL, outsider, &other) == 0);
    CHECK(pthread_join(t, NULL) == 0);
    CHECK(other == -1);

    struct id_call calls[FRAMES];
    for (int i = 0; i < FRAMES; i++) {
        calls[i].id = -2;
        parc_fork(&calls[i].f, id_thunk);
    }
    for (int i = FRAMES - 1; i >= 0; i--)
        parc_join(&calls[i].f);
    for (int i = 0; i < FRAMES; i++)
        CHECK(calls[i].id >= 0 && (unsigned)calls[i].id < n);
    CHECK(parc_worker_id() == 0);

    printf("workers ok\n");
    /* { dg-output "workers ok" } */
    return 0;
}
