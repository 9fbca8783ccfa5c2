/* Area:	parc_future_fork, parc_future_lazy, parc_fork (together)
   Purpose:	Futures created inside forked frames, on whatever worker runs
		them: some are joined inside the frame after strict forks of
		their own, some leave the frame in its result and are
		joined by the parent after the frame's join (possibly on
		another worker), and some are created by one frame and
		joined inside a sibling frame. Futures' calls fork strict
		frames too. Values are checked against serial computation.
   Limitations:	none.
   Forks:	a round makes 3,964 strict forks and 511 futures; 120 *
		PARC_TEST_SCALE rounds (at least 10).  */

/* { dg-do run } */

#include <parc.h>
#include <stdint.h>
#include <stdio.h>

#include "parc-test.h"

static const long fibs[] = {0, 1, 1, 2, 3, 5, 8, 13, 21, 34, 55};

static void *fut_fib(void *p)
{
    return (void *)(intptr_t)parc_test_fib((int)(intptr_t)p);
}

/* A node of a binary tree of frames. Each node makes two futures: `inner`
 * joined in the node, `out` handed to the parent through the frame. */
struct node {
    parc_frame f;
    int depth;
    long sum;
    parc_future out;
    long out_want;
};

static void node_run(struct node *n);

static void node_thunk(parc_frame *f) { node_run((struct node *)f); }

static void node_run(struct node *n)
{
    int k = 4 + n->depth % 7;
    parc_future inner;
    CHECK((n->depth & 1 ? parc_future_lazy : parc_future_fork)(
              &inner, fut_fib, (void *)(intptr_t)k, 0) == 0);
    CHECK(parc_future_fork(&n->out, fut_fib, (void *)(intptr_t)(k - 1), 0) ==
          0);
    n->out_want = fibs[k - 1];
    n->sum = 0;
    if (n->depth > 0) {
        struct node a = {.depth = n->depth - 1};
        struct node b = {.depth = n->depth - 1};
        parc_fork(&a.f, node_thunk);
        parc_fork(&b.f, node_thunk);
        parc_join(&b.f);
        parc_join(&a.f);
        void *va = NULL, *vb = NULL;
        /* The children's futures, joined here, maybe on another worker. */
        CHECK(parc_future_join(&b.out, &vb) == 0);
        CHECK(parc_future_join(&a.out, &va) == 0);
        CHECK((intptr_t)va == a.out_want && (intptr_t)vb == b.out_want);
        n->sum = a.sum + b.sum + (long)(intptr_t)va + (long)(intptr_t)vb;
    }
    void *v = NULL;
    CHECK(parc_future_join(&inner, &v) == 0);
    CHECK((intptr_t)v == fibs[k]);
    n->sum += (long)(intptr_t)v;
}

static long node_ser(int depth)
{
    int k = 4 + depth % 7;
    long s = fibs[k];
    if (depth > 0)
        s += 2 * (node_ser(depth - 1) + fibs[3 + (depth - 1) % 7]);
    return s;
}

/* A frame that makes a future for its sibling to join. */
struct pair {
    parc_frame f;
    parc_future *slot;
    long got;
};

static void maker_thunk(parc_frame *f)
{
    struct pair *p = (struct pair *)f;
    CHECK(parc_future_lazy(p->slot, fut_fib, (void *)(intptr_t)9, 0) == 0);
}

static void joiner_thunk(parc_frame *f)
{
    struct pair *p = (struct pair *)f;
    void *v = NULL;
    CHECK(parc_future_join(p->slot, &v) == 0);
    p->got = (long)(intptr_t)v;
}

int main(void)
{
    long rounds = (long)(120 * parc_test_scale());
    if (rounds < 10)
        rounds = 10;
    long want = node_ser(7);
    for (long r = 0; r < rounds; r++) {
        struct node root = {.depth = 7};
        node_run(&root);
        CHECK(root.sum == want);
        void *v = NULL;
        CHECK(parc_future_join(&root.out, &v) == 0);
        CHECK((intptr_t)v == root.out_want);

        parc_future slot;
        struct pair m = {.slot = &slot}, j = {.slot = &slot};
        parc_fork(&m.f, maker_thunk);
        parc_join(&m.f); /* the future exists from here on */
        parc_fork(&j.f, joiner_thunk);
        parc_join(&j.f);
        CHECK(j.got == 34);
    }
    printf("ok\n");
    /* { dg-output "ok" } */
    return 0;
}
