/* Area:	parc_future_lazy, parc_future_fork, parc_future_drop
   Purpose:	A future that is not pure runs even if every handle is
		dropped, so that its effects never depend on timing: lazy
		ones (dropping the last handle queues them) and eager ones,
		some of which fork strict frames, all run exactly once by
		the time the process exits (checked by an atexit handler
		that runs after the runtime's own, which drains the queue).
		A dropped future whose copy is joined runs once, and the
		copy sees its value.
   Limitations:	With one worker the dropped futures run only at exit.  */

/* { dg-do run } */

#include <parc.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "parc-test.h"

#define N 200

static atomic_int runs[N];
static long results[N];

static void *effect(void *p)
{
    atomic_int *r = p;
    int i = (int)(r - runs);
    if (i % 4 == 0)
        results[i] = parc_test_fib(12);
    else
        results[i] = i;
    /* release: the results are read at exit after the runtime's shutdown
     * (which joins the workers); the count is what the check reads. */
    atomic_fetch_add_explicit(r, 1, memory_order_release);
    return (void *)(intptr_t)i;
}

static void at_exit(void)
{
    for (int i = 0; i < N; i++) {
        CHECK(atomic_load_explicit(&runs[i], memory_order_acquire) == 1);
        CHECK(results[i] == (i % 4 == 0 ? 144 : i));
    }
    printf("ok\n");
    /* { dg-output "ok" } */
    fflush(stdout);
}

int main(void)
{
    CHECK(atexit(at_exit) == 0);
    for (int i = 0; i < N; i++) {
        parc_future h;
        switch (i % 3) {
        case 0: /* lazy, dropped */
            CHECK(parc_future_lazy(&h, effect, &runs[i], 0) == 0);
            CHECK(parc_future_drop(&h) == 0);
            break;
        case 1: /* eager, dropped */
            CHECK(parc_future_fork(&h, effect, &runs[i], 0) == 0);
            CHECK(parc_future_drop(&h) == 0);
            break;
        default: { /* lazy, dropped, its copy joined */
            parc_future c;
            void *v = NULL;
            CHECK(parc_future_lazy(&h, effect, &runs[i], 0) == 0);
            CHECK(parc_future_copy(&h, &c) == 0);
            CHECK(parc_future_drop(&h) == 0);
            CHECK(parc_future_join(&c, &v) == 0);
            CHECK((intptr_t)v == i);
            CHECK(atomic_load_explicit(&runs[i], memory_order_acquire) == 1);
        }
        }
    }
    return 0;
}
