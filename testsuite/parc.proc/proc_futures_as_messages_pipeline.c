/* Area:	parc_proc_send_future (contained pipelines)
   Purpose:	b(a(x)) built by passing futures along: a contained stage A
		doubles, stage B adds the running count of its inputs, and
		each of B's messages is A's reply future, sent before A has
		run. B's step runs only once its input is ready, in send
		order, without holding a worker while it waits (at one worker
		the only thread must go on to run A). A third stage C takes
		futures of parc_future_fork and parc_future_lazy calls (a
		lazy one must be started by the runtime, since no one joins
		it) mixed with replies of B. Every result is checked; the
		graph is deterministic, so the same inputs give the same
		outputs at every worker count.
   Limitations:	none.  */

/* { dg-do run } */

#include <parc.h>
#include <stdint.h>
#include <stdlib.h>

#include "parc-test.h"

static volatile uint64_t sink;

static void *stage_a(void *state, void *msg)
{
    (void)state;
    uint64_t x = (uint64_t)(uintptr_t)msg;
    for (int i = 0; i < 50; i++) /* some work, so B often waits */
        x = parc_test_mix(x);
    sink = x;
    return (void *)(intptr_t)(2 * (long)(intptr_t)msg);
}

static void *stage_b(void *state, void *msg)
{
    long *seen = state;
    ++*seen;
    return (void *)(intptr_t)((long)(intptr_t)msg + *seen);
}

static void *stage_c(void *state, void *msg)
{
    long *sum = state;
    *sum += (long)(intptr_t)msg;
    return (void *)(intptr_t)*sum;
}

static void *triple(void *arg)
{
    return (void *)(intptr_t)(3 * (long)(intptr_t)arg);
}

int main(void)
{
    long n = parc_test_scaled(20000, 200);
    long seen = 0, sum = 0;
    parc_proc a, b, c;
    parc_proc_opts o = {.capacity = 64};
    CHECK(parc_proc_spawn(&a, stage_a, NULL, &o) == 0);
    CHECK(parc_proc_spawn(&b, stage_b, &seen, &o) == 0);
    CHECK(parc_proc_spawn(&c, stage_c, &sum, &o) == 0);
    parc_future *out = malloc(sizeof *out * 2 * (size_t)n);
    CHECK(out);
    /* c(b(a(i))) and c(triple(i)) for each i, nothing joined until the
     * end: B's and C's inputs are futures nobody has waited for. */
    for (long i = 0; i < n; i++) {
        parc_future fa, fb, x;
        CHECK(parc_proc_send(&a, (void *)(intptr_t)i, &fa) == 0);
        CHECK(parc_proc_send_future(&b, &fa, &fb) == 0);
        CHECK(fa.cell == NULL); /* consumed */
        CHECK(parc_proc_send_future(&c, &fb, &out[2 * i]) == 0);
        if (i % 2)
            CHECK(parc_future_fork(&x, triple, (void *)(intptr_t)i, 0) == 0);
        else
            CHECK(parc_future_lazy(&x, triple, (void *)(intptr_t)i, 0) == 0);
        CHECK(parc_proc_send_future(&c, &x, &out[2 * i + 1]) == 0);
    }
    /* B's input number i + 1 is 2i: B gives 3i + 1; triple gives 3i. */
    long k = 0, want_sum = 0;
    for (long i = 0; i < n; i++) {
        void *got;
        k++;
        want_sum += 3 * i + 1;
        CHECK(parc_future_join(&out[2 * i], &got) == 0);
        CHECK((long)(intptr_t)got == want_sum);
        want_sum += 3 * i;
        CHECK(parc_future_join(&out[2 * i + 1], &got) == 0);
        CHECK((long)(intptr_t)got == want_sum);
    }
    CHECK(seen == k);
    CHECK(parc_proc_drop(&a) == 0);
    CHECK(parc_proc_drop(&b) == 0);
    CHECK(parc_proc_drop(&c) == 0);
    free(out);
    printf("ok\n");
    return 0;
}
/* { dg-output "ok" } */
