/* Area:	parc_future_lazy, parc_future_drop (PARC_FUTURE_PURE)
   Purpose:	A pure lazy future whose every handle is dropped before it
		starts is never run, not even by the runtime's drain of
		dropped futures at exit (checked by an atexit handler that
		runs after the runtime's own). While a copy lives, dropping
		the other handle cancels nothing: the copy joins to the
		value, and the call runs once. Pure futures that are joined
		run once as usual.
   Limitations:	Eager pure futures that are dropped may or may not run
		(a worker may have started them); only "at most once" is
		checked for those.  */

/* { dg-do run } */

#include <errno.h>
#include <parc.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "parc-test.h"

#define N 100

static atomic_int never_runs[N]; /* dropped lazy pure futures */
static atomic_int kept_runs;     /* the one joined through a copy */
static atomic_int eager_runs[N]; /* dropped eager pure futures */

static void *count_call(void *p)
{
    atomic_fetch_add_explicit((atomic_int *)p, 1, memory_order_relaxed);
    return p;
}

/* Registered before the runtime starts, so it runs after the runtime's
 * handler, which drains the queue of dropped futures and joins the workers. */
static void at_exit(void)
{
    for (int i = 0; i < N; i++) {
        CHECK(atomic_load_explicit(&never_runs[i], memory_order_relaxed) == 0);
        CHECK(atomic_load_explicit(&eager_runs[i], memory_order_relaxed) <= 1);
    }
    CHECK(atomic_load_explicit(&kept_runs, memory_order_relaxed) == 1);
    printf("ok\n");
    /* { dg-output "ok" } */
    fflush(stdout);
}

int main(void)
{
    CHECK(atexit(at_exit) == 0);
    for (int i = 0; i < N; i++) {
        parc_future h;
        CHECK(parc_future_lazy(&h, count_call, &never_runs[i],
                               PARC_FUTURE_PURE) == 0);
        if (i & 1) { /* two handles, both dropped */
            parc_future c;
            CHECK(parc_future_copy(&h, &c) == 0);
            CHECK(parc_future_drop(&c) == 0);
        }
        CHECK(parc_future_ready(&h) == 0);
        CHECK(parc_future_drop(&h) == 0);
        CHECK(parc_future_ready(&h) == 0);
        CHECK(parc_future_join(&h, NULL) == EINVAL);
    }

    parc_future k, kc;
    CHECK(parc_future_lazy(&k, count_call, &kept_runs, PARC_FUTURE_PURE) == 0);
    CHECK(parc_future_copy(&k, &kc) == 0);
    CHECK(parc_future_drop(&k) == 0);
    void *v = NULL;
    CHECK(parc_future_join(&kc, &v) == 0);
    CHECK(v == &kept_runs);
    CHECK(atomic_load_explicit(&kept_runs, memory_order_relaxed) == 1);

    for (int i = 0; i < N; i++) {
        parc_future h;
        CHECK(parc_future_fork(&h, count_call, &eager_runs[i],
                               PARC_FUTURE_PURE) == 0);
        CHECK(parc_future_drop(&h) == 0);
    }
    for (int i = 0; i < N; i++)
        CHECK(atomic_load_explicit(&never_runs[i], memory_order_relaxed) == 0);
    return 0;
}
