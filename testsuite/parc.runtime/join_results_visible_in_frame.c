/* Area:	parc_fork, parc_pop, parc_join
   Purpose:	A thunk sees every argument its parent wrote into the frame
		before parc_fork, and after the join the parent sees every
		result the thunk wrote into the frame, whether the frame was
		popped and called inline or ran on a thief. Frames carry 16
		argument and 16 result words and fork subtrees of their own,
		so that thieves take them while their parents keep forking.
   Limitations:	none.
   Forks:	about 250,000 * PARC_TEST_SCALE.  */

/* { dg-do run } */

#include <parc.h>
#include <stdint.h>
#include <stdio.h>

#include "parc-test.h"

#define WORDS 16

struct call {
    parc_frame f;
    uint64_t args[WORDS];
    int depth;
    uint64_t results[WORDS];
    uint64_t forks;
};

static void call_run(struct call *c);

static void call_thunk(parc_frame *f) { call_run((struct call *)f); }

static void fill_args(struct call *c, uint64_t key, int depth)
{
    c->depth = depth;
    c->args[0] = key;
    for (int i = 1; i < WORDS; i++)
        c->args[i] = parc_test_mix(c->args[i - 1]);
    for (int i = 0; i < WORDS; i++)
        c->results[i] = 0;
}

static uint64_t want_result(const struct call *c, int i)
{
    return parc_test_mix(c->args[i] ^ (uint64_t)c->depth);
}

static void check_results(const struct call *c)
{
    for (int i = 0; i < WORDS; i++)
        CHECK(c->results[i] == want_result(c, i));
}

static void call_run(struct call *c)
{
    /* Every argument must be what the parent wrote before its fork. */
    for (int i = 1; i < WORDS; i++)
        CHECK(c->args[i] == parc_test_mix(c->args[i - 1]));
    c->forks = 0;
    if (c->depth > 0) {
        struct call a, b;
        fill_args(&a, parc_test_mix(c->args[3]), c->depth - 1);
        fill_args(&b, parc_test_mix(c->args[5]),
                  c->depth - 2 > 0 ? c->depth - 2 : 0);
        parc_fork(&a.f, call_thunk);
        parc_fork(&b.f, call_thunk);
        if (c->depth & 1) {
            parc_join(&b.f);
            parc_join(&a.f);
        } else {
            if (parc_pop(&b.f))
                call_run(&b);
            if (parc_pop(&a.f))
                call_run(&a);
        }
        check_results(&a);
        check_results(&b);
        c->forks = 2 + a.forks + b.forks;
    }
    for (int i = 0; i < WORDS; i++)
        c->results[i] = want_result(c, i);
}

int main(void)
{
    const uint64_t target = (uint64_t)(250000 * parc_test_scale());
    uint64_t total = 0;
    for (uint64_t k = 1; total < target; k++) {
        struct call root;
        fill_args(&root, k, 14);
        call_run(&root);
        check_results(&root);
        total += root.forks;
    }
    printf("forks=%llu\n", (unsigned long long)total);
    printf("ok\n");
    /* { dg-output "ok" } */
    return 0;
}
