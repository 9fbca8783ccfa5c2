/* Area:	parc_future_fork, parc_future_lazy, parc_future_join
   Purpose:	Batches of 64 futures, eager and lazy mixed, each computing
		a value with strict forks of its own, are joined in a random
		order (a seeded shuffle); every join returns its future's
		value and every call runs exactly once.
   Limitations:	none.
   Forks:	about 200 * 64 * 88 * PARC_TEST_SCALE strict forks inside
		the futures.  */

/* { dg-do run } */

#include <parc.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>

#include "parc-test.h"

#define BATCH 64

struct arg {
    uint64_t key;
    atomic_int runs;
    uint64_t out;
};

static void *compute(void *p)
{
    struct arg *a = p;
    atomic_fetch_add_explicit(&a->runs, 1, memory_order_relaxed);
    /* fib(10) = 55, 88 forks */
    a->out = parc_test_mix(a->key) + (uint64_t)parc_test_fib(10);
    return &a->out;
}

int main(void)
{
    long batches = (long)(200 * parc_test_scale());
    if (batches < 5)
        batches = 5;
    uint64_t seed = 0x0f0f;
    for (long b = 0; b < batches; b++) {
        struct arg args[BATCH];
        parc_future h[BATCH];
        int order[BATCH];
        for (int i = 0; i < BATCH; i++) {
            args[i].key = parc_test_mix(seed++);
            atomic_init(&args[i].runs, 0);
            args[i].out = 0;
            int lazy = (int)(args[i].key & 1);
            CHECK((lazy ? parc_future_lazy : parc_future_fork)(
                      &h[i], compute, &args[i], 0) == 0);
            order[i] = i;
        }
        for (int i = BATCH - 1; i > 0; i--) { /* Fisher-Yates */
            int j = (int)(parc_test_mix(seed++) % (uint64_t)(i + 1));
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        for (int k = 0; k < BATCH; k++) {
            int i = order[k];
            void *v = NULL;
            CHECK(parc_future_join(&h[i], &v) == 0);
            CHECK(v == &args[i].out);
            CHECK(args[i].out == parc_test_mix(args[i].key) + 55);
            CHECK(atomic_load(&args[i].runs) == 1);
        }
    }
    printf("futures=%ld\n", batches * BATCH);
    printf("ok\n");
    /* { dg-output "ok" } */
    return 0;
}
