/* Area:	parc_future_lazy, parc_future_par, parc_future_fork
   Purpose:	parc_future_par makes a lazy future parallel work: with two
		or more workers it then runs without anyone joining it (the
		test polls parc_future_ready until it is 1), as an eager
		future does; with one worker it runs at the join. A second
		par, or a par once the call is done, changes nothing. Either
		way the join returns the value and the call runs exactly
		once; batches of par'd futures joined in reverse agree.
   Limitations:	With two or more workers, a par'd or eager future must
		run within 10 s without a join.  */

/* { dg-do run } */

#include <parc.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include "parc-test.h"

struct arg {
    long x;
    atomic_int runs;
};

static void *plus_one(void *p)
{
    struct arg *a = p;
    atomic_fetch_add_explicit(&a->runs, 1, memory_order_relaxed);
    return (void *)(intptr_t)(a->x + 1);
}

static void wait_ready(const parc_future *h)
{
    time_t t0 = time(NULL);
    while (!parc_future_ready(h)) {
        parc_poll();
        CHECK(time(NULL) - t0 < 10);
    }
}

int main(void)
{
    CHECK(parc_start() == 0);
    int many = parc_workers() > 1;
    for (long i = 0; i < 20; i++) {
        struct arg a = {.x = i};
        atomic_init(&a.runs, 0);
        parc_future h;
        if (i & 1) {
            CHECK(parc_future_lazy(&h, plus_one, &a, 0) == 0);
            CHECK(parc_future_ready(&h) == 0);
            CHECK(parc_future_par(&h) == 0);
            CHECK(parc_future_par(&h) == 0); /* no second queue entry */
        } else {
            CHECK(parc_future_fork(&h, plus_one, &a, 0) == 0);
            CHECK(parc_future_par(&h) == 0); /* no effect on an eager one */
        }
        if (many) {
            wait_ready(&h);
            CHECK(atomic_load_explicit(&a.runs, memory_order_relaxed) == 1);
            CHECK(parc_future_par(&h) == 0); /* done: no effect */
        }
        void *v = NULL;
        CHECK(parc_future_join(&h, &v) == 0);
        CHECK((intptr_t)v == i + 1);
        CHECK(atomic_load_explicit(&a.runs, memory_order_relaxed) == 1);
    }

    enum { BATCH = 256 };
    static struct arg args[BATCH];
    parc_future hs[BATCH];
    for (int round = 0; round < 10; round++) {
        for (int i = 0; i < BATCH; i++) {
            args[i].x = round * BATCH + i;
            atomic_init(&args[i].runs, 0);
            CHECK(parc_future_lazy(&hs[i], plus_one, &args[i], 0) == 0);
            CHECK(parc_future_par(&hs[i]) == 0);
        }
        for (int i = BATCH; i-- > 0;) {
            void *v = NULL;
            CHECK(parc_future_join(&hs[i], &v) == 0);
            CHECK((intptr_t)v == args[i].x + 1);
            CHECK(atomic_load_explicit(&args[i].runs, memory_order_relaxed) ==
                  1);
        }
    }
    printf("ok\n");
    /* { dg-output "ok" } */
    return 0;
}
