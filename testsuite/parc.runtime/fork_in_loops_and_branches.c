/* Area:	parc_fork, parc_pop, parc_join
   Purpose:	Frames declared and forked inside loop bodies and branches:
		a frame per iteration joined in the same iteration, frames
		forked in a nested loop under a condition and joined in
		reverse through a stack of pointers, and the arms of a
		switch forking zero to three frames. The result and the fork
		count must equal those of the serial elision (the same code
		with every fork a plain call and every join nothing).
   Limitations:	none.
   Forks:	about 300,000 * PARC_TEST_SCALE.  */

/* { dg-do run } */

#include <parc.h>
#include <stdint.h>
#include <stdio.h>

#include "parc-test.h"

struct call {
    parc_frame f;
    uint64_t key;
    int depth, par; /* par: fork for real, or run the serial elision */
    uint64_t r, forks;
};

static void walk(struct call *c);

static void thunk(parc_frame *f) { walk((struct call *)f); }

static void fork_(struct call *c, uint64_t *forks)
{
    ++*forks;
    if (c->par)
        parc_fork(&c->f, thunk);
    else
        walk(c);
}

static void join_(struct call *c, uint64_t *forks)
{
    if (c->par)
        parc_join(&c->f);
    *forks += c->forks;
}

static void pop_join_(struct call *c, uint64_t *forks)
{
    if (c->par && parc_pop(&c->f))
        walk(c);
    *forks += c->forks;
}

static struct call mk(uint64_t key, int depth, int par)
{
    return (struct call){.key = key, .depth = depth, .par = par};
}

static void walk(struct call *self)
{
    uint64_t forks = 0, acc = parc_test_mix(self->key);
    int depth = self->depth, par = self->par;
    if (depth == 0) {
        self->r = acc;
        self->forks = 0;
        return;
    }
    /* A frame per iteration, in the loop body's scope, joined there. */
    int n = 1 + (int)(acc % 5);
    for (int i = 0; i < n; i++) {
        struct call c =
            mk(parc_test_mix(self->key + (uint64_t)i), depth - 1, par);
        fork_(&c, &forks);
        acc = parc_test_mix(acc ^ (uint64_t)i);
        if (i & 1)
            join_(&c, &forks);
        else
            pop_join_(&c, &forks);
        acc += c.r;
    }
    /* Nested loops forking under a condition; joins in reverse order. */
    struct call grid[4][4];
    struct call *pending[16];
    int np = 0;
    for (int i = 0; i < 4; i++)
        for (int j = 0; j < 4; j++)
            if (((acc >> (4 * i + j)) & 7) == 0 && depth > 1) {
                grid[i][j] =
                    mk(parc_test_mix(acc + 17 * (uint64_t)i + (uint64_t)j),
                       depth - 2, par);
                fork_(&grid[i][j], &forks);
                pending[np++] = &grid[i][j];
            }
    for (int k = np; k-- > 0;)
        join_(pending[k], &forks);
    for (int k = 0; k < np; k++)
        acc = parc_test_mix(acc + pending[k]->r);
    /* The arms of a switch fork different numbers of frames. */
    struct call x = mk(parc_test_mix(acc + 1), depth - 1, par);
    struct call y = mk(parc_test_mix(acc + 2), depth - 1, par);
    struct call z = mk(parc_test_mix(acc + 3), depth - 1, par);
    switch (acc % 4) {
    case 3:
        fork_(&x, &forks);
        /* fall through */
    case 2:
        fork_(&y, &forks);
        fork_(&z, &forks);
        join_(&z, &forks);
        pop_join_(&y, &forks);
        if (acc % 4 == 3)
            join_(&x, &forks);
        else
            x.r = 5;
        break;
    case 1:
        fork_(&x, &forks);
        join_(&x, &forks);
        y.r = z.r = 7;
        break;
    default:
        x.r = y.r = z.r = 11;
    }
    self->r = parc_test_mix(acc ^ x.r) + parc_test_mix(y.r) * 3 + z.r;
    self->forks = forks;
}

int main(void)
{
    const uint64_t target = (uint64_t)(300000 * parc_test_scale());
    uint64_t seed = 0x100b, total = 0;
    while (total < target) {
        uint64_t key = parc_test_mix(seed++);
        struct call p = mk(key, 5, 1), s = mk(key, 5, 0);
        walk(&p);
        walk(&s);
        CHECK(p.r == s.r);
        CHECK(p.forks == s.forks);
        total += p.forks;
    }
    printf("forks=%llu\n", (unsigned long long)total);
    printf("ok\n");
    /* { dg-output "ok" } */
    return 0;
}
