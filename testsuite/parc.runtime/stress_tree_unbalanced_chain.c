/* Area:	parc_fork, parc_join (stress)
   Purpose:	Unbalanced fork trees: one long chain (500 to 3000 links)
		with a small random binary tree hanging off each link. At
		some links the rest of the chain is forked and the side tree
		runs inline; at others the side tree is forked and the chain
		goes on inline, so that thieves take long chains and their
		owners wait deep in the stack. Values and fork counts must
		equal a serial walk of the same tree.
   Limitations:	none.
   Forks:	at least 1,500,000 * PARC_TEST_SCALE; the count is printed
		and checked.  */

/* { dg-do run } */

#include <parc.h>
#include <stdint.h>
#include <stdio.h>

#include "parc-test.h"

/* One call: a link of the chain (len > 0) or a node of a side tree. */
struct call {
    parc_frame f;
    uint64_t key;
    uint32_t len;   /* links left in the chain; 0 for a side tree */
    uint32_t depth; /* side tree: levels left */
    uint64_t value, forks;
};

static void side_par(struct call *c);
static void chain_par(struct call *c);

static void side_thunk(parc_frame *f) { side_par((struct call *)f); }
static void chain_thunk(parc_frame *f) { chain_par((struct call *)f); }

static void side_par(struct call *c)
{
    uint64_t h = parc_test_mix(c->key);
    if (c->depth == 0) {
        c->value = h;
        c->forks = 0;
        return;
    }
    struct call a = {.key = parc_test_mix(c->key + 1), .depth = c->depth - 1};
    struct call b = {.key = parc_test_mix(c->key + 2), .depth = c->depth - 1};
    parc_fork(&a.f, side_thunk);
    side_par(&b);
    parc_join(&a.f);
    c->value = parc_test_mix(h ^ parc_test_mix(a.value + 3 * b.value));
    c->forks = 1 + a.forks + b.forks;
}

static uint64_t side_ser(uint64_t key, uint32_t depth, uint64_t *forks)
{
    uint64_t h = parc_test_mix(key);
    if (depth == 0)
        return h;
    uint64_t a = side_ser(parc_test_mix(key + 1), depth - 1, forks);
    uint64_t b = side_ser(parc_test_mix(key + 2), depth - 1, forks);
    ++*forks;
    return parc_test_mix(h ^ parc_test_mix(a + 3 * b));
}

static void chain_par(struct call *c)
{
    uint64_t h = parc_test_mix(c->key);
    if (c->len == 0) {
        c->value = h;
        c->forks = 0;
        return;
    }
    struct call side = {.key = parc_test_mix(h + 7),
                        .depth = (uint32_t)(h % 7)};
    struct call next = {.key = parc_test_mix(c->key + 1), .len = c->len - 1};
    if ((h >> 13) & 1) {
        parc_fork(&next.f, chain_thunk);
        side_par(&side);
        parc_join(&next.f);
    } else {
        parc_fork(&side.f, side_thunk);
        chain_par(&next);
        parc_join(&side.f);
    }
    c->value = parc_test_mix(h ^ next.value) + side.value;
    c->forks = 1 + next.forks + side.forks;
}

static uint64_t chain_ser(uint64_t key, uint32_t len, uint64_t *forks)
{
    uint64_t h = parc_test_mix(key);
    if (len == 0)
        return h;
    uint64_t side = side_ser(parc_test_mix(h + 7), (uint32_t)(h % 7), forks);
    uint64_t next = chain_ser(parc_test_mix(key + 1), len - 1, forks);
    ++*forks;
    return parc_test_mix(h ^ next) + side;
}

int main(void)
{
    const uint64_t target = (uint64_t)(1500000 * parc_test_scale());
    uint64_t total = 0, seed = 0xc4a1;
    unsigned chains = 0;
    while (total < target) {
        uint64_t r = parc_test_mix(seed++);
        uint32_t len = 500 + (uint32_t)(r % 2501);
        struct call root = {.key = r, .len = len};
        chain_par(&root);
        uint64_t forks = 0;
        uint64_t want = chain_ser(r, len, &forks);
        CHECK(root.value == want);
        CHECK(root.forks == forks);
        total += root.forks;
        chains++;
    }
    CHECK(total >= target);
    printf("chains=%u forks=%llu\n", chains, (unsigned long long)total);
    printf("ok\n");
    /* { dg-output "ok" } */
    return 0;
}
