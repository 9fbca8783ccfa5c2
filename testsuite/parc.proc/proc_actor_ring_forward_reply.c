/* Area:	actors, parc_proc_forward, the next slot
   Purpose:	A ring of 1,000 actors passes a token M hops (scaled); each
		step forwards the token and with it the reply owed to main
		(OTP's noreply), so main's one future is made by the step
		that ends the trip, with the hop count. Several tokens run
		at once in a second round (a ring with parallelism). Every
		actor counts its visits: the counts must add up exactly.
   Limitations:	none.  */

/* { dg-do run } */

#include <parc.h>
#include <stdint.h>
#include <stdlib.h>

#include "parc-test.h"

#define N 1000
#define TOKENS 8

struct node {
    parc_proc next;
    long visits;
};

static struct node ring[N];

/* The token is the hops left. */
static void *hop(void *state, void *msg)
{
    struct node *n = state;
    long left = (long)(intptr_t)msg;
    n->visits++;
    if (left == 0)
        return (void *)(intptr_t)(n - ring); /* the reply: where it ended */
    CHECK(parc_proc_forward(&n->next, (void *)(intptr_t)(left - 1)) == 0);
    return (void *)-1; /* discarded: the reply went on */
}

int main(void)
{
    long m = parc_test_scaled(1000000, 10000);
    parc_proc h[N];
    parc_proc_opts o = {.kind = PARC_PROC_ACTOR};
    for (int i = 0; i < N; i++)
        CHECK(parc_proc_spawn(&h[i], hop, &ring[i], &o) == 0);
    for (int i = 0; i < N; i++)
        CHECK(parc_proc_copy(&h[(i + 1) % N], &ring[i].next) == 0);

    parc_future f;
    void *v;
    double t0 = parc_test_now();
    CHECK(parc_proc_send(&h[0], (void *)(intptr_t)m, &f) == 0);
    CHECK(parc_future_join(&f, &v) == 0);
    double t = parc_test_now() - t0;
    CHECK((long)(intptr_t)v == m % N);

    parc_future ft[TOKENS];
    for (int k = 0; k < TOKENS; k++)
        CHECK(parc_proc_send(&h[k * (N / TOKENS)], (void *)(intptr_t)m,
                             &ft[k]) == 0);
    for (int k = 0; k < TOKENS; k++) {
        CHECK(parc_future_join(&ft[k], &v) == 0);
        CHECK((long)(intptr_t)v == (k * (N / TOKENS) + m) % N);
    }
    long visits = 0;
    for (int i = 0; i < N; i++)
        visits += ring[i].visits;
    CHECK(visits == (m + 1) * (1 + TOKENS));
    /* Break the cycle of handles so that the ring can be reclaimed. */
    for (int i = 0; i < N; i++)
        CHECK(parc_proc_drop(&ring[i].next) == 0);
    for (int i = 0; i < N; i++)
        CHECK(parc_proc_drop(&h[i]) == 0);
    fprintf(stderr, "%.1f ns per hop\n", 1e9 * t / (double)m);
    printf("ok\n");
    return 0;
}
/* { dg-output "ok" } */
