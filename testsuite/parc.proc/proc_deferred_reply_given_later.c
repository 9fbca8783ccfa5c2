/* Area:	parc_proc_defer, parc_reply_give
   Purpose:	An actor takes the reply of a "wait" message out of its step
		(OTP's noreply) and gives it from a later step, when a
		"release" message arrives: the waiter's future is not ready
		before, and has the given value after. Many waits (scaled)
		are held at once and released in reverse order. A reply
		given twice is EINVAL; deferring outside an actor step, or
		from a contained one, is EPERM; deferring a message sent
		without a reply yields an empty reply, which give refuses.
   Limitations:	none.  */

/* { dg-do run } */

#include <errno.h>
#include <parc.h>
#include <stdint.h>
#include <stdlib.h>

#include "parc-test.h"

struct holder {
    parc_reply *held;
    long n;
    int give_twice, empty_defer, empty_give;
};

/* msg > 0: wait number msg; msg < 0: release number -msg; 0: no-reply
 * probe; SYNC: an ordinary reply. */
#define SYNC (1L << 40)

static void *step(void *state, void *msg)
{
    struct holder *h = state;
    long m = (long)(intptr_t)msg;
    if (m == SYNC)
        return NULL;
    if (m > 0) {
        CHECK(parc_proc_defer(&h->held[m - 1]) == 0);
        CHECK(h->held[m - 1].promise != NULL);
        return (void *)-1; /* discarded */
    }
    if (m < 0) {
        CHECK(parc_reply_give(&h->held[-m - 1], (void *)(intptr_t)(-m * 10)) ==
              0);
        h->give_twice = parc_reply_give(&h->held[-m - 1], NULL);
        return NULL;
    }
    parc_reply none;
    h->empty_defer = parc_proc_defer(&none);
    h->empty_give = none.promise == NULL ? parc_reply_give(&none, NULL) : -1;
    return NULL;
}

static int contained_err = -1;

static void *contained(void *state, void *msg)
{
    (void)state;
    (void)msg;
    parc_reply r;
    contained_err = parc_proc_defer(&r);
    return NULL;
}

int main(void)
{
    long n = parc_test_scaled(10000, 100);
    struct holder h = {.held = calloc((size_t)n, sizeof(parc_reply))};
    CHECK(h.held);
    parc_proc p;
    parc_proc_opts actor = {.kind = PARC_PROC_ACTOR,
                            .capacity = (unsigned)(2 * n + 8)};
    CHECK(parc_proc_spawn(&p, step, &h, &actor) == 0);
    parc_future *f = malloc(sizeof *f * (size_t)n);
    CHECK(f);
    for (long i = 1; i <= n; i++)
        CHECK(parc_proc_send(&p, (void *)(intptr_t)i, &f[i - 1]) == 0);
    /* A reply future of a later message: once it is joined, every wait
     * has been deferred, and none is ready. */
    parc_future probe;
    CHECK(parc_proc_send(&p, (void *)0, NULL) == 0);
    CHECK(parc_proc_send(&p, (void *)SYNC, &probe) == 0);
    CHECK(parc_future_join(&probe, NULL) == 0);
    for (long i = 0; i < n; i++)
        CHECK(!parc_future_ready(&f[i]));
    CHECK(h.empty_defer == 0 && h.empty_give == EINVAL);
    for (long i = n; i >= 1; i--)
        CHECK(parc_proc_send(&p, (void *)(intptr_t)-i, NULL) == 0);
    for (long i = n; i >= 1; i--) {
        void *v;
        CHECK(parc_future_join(&f[i - 1], &v) == 0);
        CHECK((long)(intptr_t)v == i * 10);
    }
    /* The release steps go on after giving: wait for the last one. */
    CHECK(parc_proc_send(&p, (void *)SYNC, &probe) == 0);
    CHECK(parc_future_join(&probe, NULL) == 0);
    CHECK(h.give_twice == EINVAL);

    parc_reply r;
    CHECK(parc_proc_defer(&r) == EPERM);
    parc_proc c;
    CHECK(parc_proc_spawn(&c, contained, NULL, NULL) == 0);
    parc_future cf;
    CHECK(parc_proc_send(&c, NULL, &cf) == 0);
    CHECK(parc_future_join(&cf, NULL) == 0);
    CHECK(contained_err == EPERM);
    CHECK(parc_proc_drop(&c) == 0);
    CHECK(parc_proc_drop(&p) == 0);
    free(f);
    free(h.held);
    printf("ok\n");
    return 0;
}
/* { dg-output "ok" } */
