/* Area:	parc_pop, parc_join
   Purpose:	Every forked thunk runs exactly once. parc_pop returns 1
		exactly when the thunk has not run (the caller then calls it
		inline, on the forking worker) and 0 exactly when it already
		ran to completion on another worker; parc_join (the thunk
		path) leaves the thunk run once either way.
   Limitations:	With two or more workers the test needs thieves to take at
		least 20 frames within 10 s (usually done within the
		first rounds).
   Forks:	about 400,000 * PARC_TEST_SCALE.  */

/* { dg-do run } */

#include <parc.h>
#include <stdint.h>
#include <stdio.h>

#include "parc-test.h"

struct call {
    parc_frame f;
    int n;
    int forker;   /* parc_worker_id() of the forking thread */
    int runs;     /* times the thunk (or the inline call) ran */
    int ran_on;   /* parc_worker_id() where it ran */
    uint64_t sum, forks, stolen;
};

static void run(struct call *c);

/* Work that takes time and changes nothing, so that thieves get a chance. */
static void burn(unsigned n)
{
    volatile unsigned x = n;
    while (n--)
        x = x * 1664525u + 1013904223u;
}

static void thunk(parc_frame *f)
{
    struct call *c = (struct call *)f;
    c->runs++;
    c->ran_on = parc_worker_id();
    run(c);
}

static void run(struct call *c)
{
    c->sum = (uint64_t)c->n;
    c->forks = c->stolen = 0;
    if (c->n < 2) {
        burn(64);
        return;
    }
    int me = parc_worker_id();
    CHECK(me >= 0);
    struct call a = {.n = c->n - 1, .forker = me, .ran_on = -2};
    struct call b = {.n = c->n - 2, .forker = me, .ran_on = -2};
    parc_fork(&a.f, thunk);
    parc_fork(&b.f, thunk);
    /* b: pop and call inline. */
    if (parc_pop(&b.f)) {
        CHECK(b.runs == 0);
        CHECK(b.ran_on == -2);
        b.runs++;
        b.ran_on = parc_worker_id();
        run(&b);
        CHECK(b.ran_on == me);
    } else {
        CHECK(b.runs == 1);
        CHECK(b.ran_on != me && b.ran_on >= 0);
        c->stolen++;
    }
    /* a: the thunk path. */
    parc_join(&a.f);
    CHECK(a.runs == 1);
    CHECK(a.ran_on >= 0);
    if (a.ran_on != me)
        c->stolen++;
    CHECK(parc_worker_id() == me);
    c->sum += a.sum + b.sum;
    c->forks = 2 + a.forks + b.forks;
    c->stolen += a.stolen + b.stolen;
}

/* sum over the call tree of n: s(n) = n + s(n-1) + s(n-2), s(0)=0, s(1)=1 */
static uint64_t sum_ser(int n)
{
    return n < 2 ? (uint64_t)n : (uint64_t)n + sum_ser(n - 1) + sum_ser(n - 2);
}

int main(void)
{
    const uint64_t target = (uint64_t)(400000 * parc_test_scale());
    uint64_t forks = 0, stolen = 0;
    CHECK(parc_start() == 0);
    CHECK(parc_worker_id() == 0);
    /* With two or more workers, rounds go on until thieves have taken some
     * frames, so that both outcomes of parc_pop are checked; this takes
     * milliseconds, the bound is for a scheduler that never steals. */
    double t0 = parc_test_now();
    while (forks < target || (parc_workers() > 1 && stolen < 20 &&
                              parc_test_now() - t0 < 10.0)) {
        struct call root = {.n = 20};
        run(&root);
        CHECK(root.sum == sum_ser(20));
        forks += root.forks;
        stolen += root.stolen;
    }
    CHECK(parc_workers() > 1 ? stolen >= 20 : stolen == 0);
    printf("forks=%llu stolen=%llu\n", (unsigned long long)forks,
           (unsigned long long)stolen);
    printf("ok\n");
    /* { dg-output "ok" } */
    return 0;
}
