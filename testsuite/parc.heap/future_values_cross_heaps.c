/* Area:	futures and task heaps
   Purpose:	Futures build random graphs in heaps of their own and return
		them as their values; the joiner (through the last handle)
		takes the heap into its own. Futures are created in stolen
		frames too, joined in random order, some joined through a
		copy first, some lazy; the graphs are checked at the join
		and again after the joiner allocated garbage and collected.
   Limitations:	none.
   Allocations:	about 1,500,000 * PARC_TEST_SCALE objects.  */

/* { dg-do run } */
/* { dg-parc-env ASAN_OPTIONS detect_stack_use_after_return=1 } */

#include <parc.h>
#include <stdint.h>
#include <stdio.h>

#include "heap-graph.h"
#include "parc-test.h"

#define DEPTH 7

static void *build(void *arg)
{
    return graph_build((uint64_t)(uintptr_t)arg, DEPTH);
}

struct call {
    parc_frame f;
    uint64_t seed;
    long r;
};

static void garbage(int n)
{
    for (int i = 0; i < n; i++)
        CHECK(parc_alloc(40) != NULL);
}

static void round_of_futures(parc_frame *f)
{
    struct call *c = (struct call *)f;
    enum { N = 8 };
    parc_future h[N], copy;
    uint64_t key[N];
    for (int i = 0; i < N; i++) {
        key[i] = parc_test_mix(c->seed * 64 + (uint64_t)i);
        if (i % 3 == 2)
            CHECK(parc_future_lazy(&h[i], build, (void *)(uintptr_t)key[i], 0) == 0);
        else
            CHECK(parc_future_fork(&h[i], build, (void *)(uintptr_t)key[i], 0) == 0);
    }
    CHECK(parc_future_copy(&h[0], &copy) == 0);
    long nodes = 0;
    struct gnode *g[N];
    int order[N];
    for (int i = 0; i < N; i++)
        order[i] = i;
    for (int i = N - 1; i > 0; i--) {
        int j = (int)(parc_test_mix(c->seed + (uint64_t)i) % (uint64_t)(i + 1));
        int t = order[i];
        order[i] = order[j];
        order[j] = t;
    }
    for (int k = 0; k < N; k++) {
        int i = order[k];
        void *v;
        CHECK(parc_future_join(&h[i], &v) == 0);
        g[i] = v;
        nodes += graph_check(g[i], key[i], DEPTH);
    }
    void *v0;
    CHECK(parc_future_join(&copy, &v0) == 0); /* the last handle of h[0] */
    CHECK(v0 == g[0]);
    garbage(20000);
    parc_gc_collect();
    for (int i = 0; i < N; i++)
        graph_check(g[i], key[i], DEPTH);
    c->r = nodes;
}

int main(void)
{
    long rounds = parc_test_scaled(12, 2);
    for (long r = 0; r < rounds; r++) {
        struct call a = {.seed = (uint64_t)r * 2 + 1}, b = {.seed = (uint64_t)r * 2 + 2};
        parc_fork(&a.f, round_of_futures);
        round_of_futures(&b.f);
        parc_join(&a.f);
        CHECK(a.r > 0 && b.r > 0);
    }
    printf("%ld rounds\n", rounds);
    return 0;
}
