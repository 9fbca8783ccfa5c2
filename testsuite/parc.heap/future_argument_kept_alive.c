/* Area:	futures' arguments as roots
   Purpose:	A future's argument may be the only reference to a parc
		object of its creator's heap: the creator forgets it,
		allocates garbage and collects many times before the future
		runs (lazy futures, run at the join; eager ones queued behind
		them), and the call must still find the object intact. The
		values, built in the futures' own heaps, survive too.
   Limitations:	none.
   Allocations:	about 2,000,000 * PARC_TEST_SCALE objects.  */

/* { dg-do run } */
/* { dg-parc-env ASAN_OPTIONS detect_stack_use_after_return=1 } */

#include <parc.h>
#include <stdint.h>
#include <stdio.h>

#include "parc-test.h"

#define WORDS 300

static void *sum_and_copy(void *arg)
{
    const uint64_t *a = arg;
    uint64_t *out = parc_alloc_atomic(2 * sizeof *out);
    CHECK(out != NULL);
    for (int i = 0; i < WORDS; i++)
        out[0] += a[i];
    out[1] = a[0];
    return out;
}

/* Makes the argument and hands it to a future; returns with no trace of it
 * in this frame. */
__attribute__((noinline)) static void start(parc_future *h, uint64_t seed,
                                            int lazy)
{
    uint64_t *a = parc_alloc(WORDS * sizeof *a);
    CHECK(a != NULL);
    for (int i = 0; i < WORDS; i++)
        a[i] = parc_test_mix(seed + (uint64_t)i);
    if (lazy)
        CHECK(parc_future_lazy(h, sum_and_copy, a, 0) == 0);
    else
        CHECK(parc_future_fork(h, sum_and_copy, a, 0) == 0);
}

static uint64_t expected(uint64_t seed)
{
    uint64_t s = 0;
    for (int i = 0; i < WORDS; i++)
        s += parc_test_mix(seed + (uint64_t)i);
    return s;
}

int main(void)
{
    long rounds = parc_test_scaled(40, 3);
    enum { N = 16 };
    for (long r = 0; r < rounds; r++) {
        parc_future h[N];
        for (int i = 0; i < N; i++)
            start(&h[i], (uint64_t)(r * N + i) << 20, i % 2);
        for (int g = 0; g < 50000; g++)
            CHECK(parc_alloc(32 + 8 * (g % 5)) != NULL);
        parc_gc_collect();
        for (int i = 0; i < N; i++) {
            void *v;
            CHECK(parc_future_join(&h[i], &v) == 0);
            const uint64_t *out = v;
            uint64_t seed = (uint64_t)(r * N + i) << 20;
            CHECK(out[0] == expected(seed));
            CHECK(out[1] == parc_test_mix(seed));
        }
    }
    printf("%ld rounds\n", rounds);
    return 0;
}
