/* Area:	parc_fork, parc_pop, parc_join (deep nesting)
   Purpose:	Chains of forks 20,000 deep compute their length and a
		checksum. In one shape each link forks a side task and
		recurses inline, so that 20,000 frames are pending on one
		deque while thieves take the oldest; in the other each link
		forks the rest of the chain and does its own work inline
		(polling), so that thieves take the chain itself and owners
		steal parts of it back while they wait at the join.
   Limitations:	The depth is scaled down (to no less than 2,000) with
		PARC_TEST_SCALE, since sanitizers make stack frames larger.
   Forks:	6 * 20,000 at PARC_TEST_SCALE=1.  */

/* { dg-do run } */

#include <parc.h>
#include <stdint.h>
#include <stdio.h>

#include "parc-test.h"

/* Work that takes time and changes nothing, with poll points. */
static void burn(unsigned n)
{
    volatile unsigned x = n;
    while (n--) {
        x = x * 1664525u + 1013904223u;
        if ((n & 15) == 0)
            parc_poll();
    }
}

struct link {
    parc_frame f;
    uint32_t depth;
    int chain_forked; /* fork the rest of the chain, not the side task */
    uint64_t len, sum;
};

static void link_run(struct link *l);

static void link_thunk(parc_frame *f) { link_run((struct link *)f); }

static void side_thunk(parc_frame *f)
{
    struct link *s = (struct link *)f;
    burn(64);
    s->sum = (uint64_t)s->depth * 2654435761u;
}

static void link_run(struct link *l)
{
    if (l->depth == 0) {
        l->len = 0;
        l->sum = 0;
        return;
    }
    struct link next = {.depth = l->depth - 1, .chain_forked = l->chain_forked};
    struct link side = {.depth = l->depth};
    if (l->chain_forked) {
        parc_fork(&next.f, link_thunk);
        side_thunk(&side.f);
        parc_join(&next.f);
    } else {
        parc_fork(&side.f, side_thunk);
        link_run(&next);
        if (parc_pop(&side.f))
            side_thunk(&side.f);
    }
    l->len = next.len + 1;
    l->sum = next.sum + side.sum;
}

int main(void)
{
    double depth_d = 20000 * parc_test_scale();
    uint32_t depth = depth_d < 2000    ? 2000
                     : depth_d > 20000 ? 20000
                                       : (uint32_t)depth_d;
    uint64_t want = 0;
    for (uint64_t d = 1; d <= depth; d++)
        want += d * 2654435761u;
    for (int round = 0; round < 6; round++) {
        struct link top = {.depth = depth, .chain_forked = round & 1};
        link_run(&top);
        CHECK(top.len == depth);
        CHECK(top.sum == want);
    }
    printf("depth=%u forks=%u\n", depth, 6 * depth);
    printf("ok\n");
    /* { dg-output "ok" } */
    return 0;
}
