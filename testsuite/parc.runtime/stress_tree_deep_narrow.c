/* Area:	parc_fork, parc_join (stress)
   Purpose:	Random deep, narrow fork trees (depth 23 to 700, one or two
		children per node, the second run inline while the first
		may be stolen) compute the same value and fork count as a
		serial walk of the same tree.
   Limitations:	none.
   Forks:	at least 2,000,000 * PARC_TEST_SCALE (about 2.0e6 at scale
		1); the count is printed and checked.  */

/* { dg-do run } */

#include <parc.h>
#include <stdint.h>
#include <stdio.h>

#include "parc-test.h"

/* splitmix64's finalizer: the tree's shape and values derive from node keys. */
struct node {
    parc_frame f;
    uint64_t key;
    uint32_t depth; /* levels left below this node */
    uint32_t q;     /* chance of two children, out of 65536 */
    uint64_t value, forks;
};

static void node_par(struct node *n);

static void node_thunk(parc_frame *f) { node_par((struct node *)f); }

static void node_par(struct node *n)
{
    uint64_t h = parc_test_mix(n->key);
    if (n->depth == 0) {
        n->value = h;
        n->forks = 0;
        return;
    }
    uint64_t r = parc_test_mix(n->key ^ 0x5bd1e995u);
    struct node a = {
        .key = parc_test_mix(n->key + 1), .depth = n->depth - 1, .q = n->q};
    if ((r & 0xffff) < n->q) {
        struct node b = {.key = parc_test_mix(n->key + 2),
                         .depth = n->depth - 1,
                         .q = n->q};
        parc_fork(&a.f, node_thunk);
        node_par(&b);
        parc_join(&a.f);
        n->value = parc_test_mix(parc_test_mix(h ^ a.value) + b.value);
        n->forks = 1 + a.forks + b.forks;
    } else {
        parc_fork(&a.f, node_thunk);
        uint64_t local = parc_test_mix(h ^ r);
        parc_join(&a.f);
        n->value = parc_test_mix(local ^ a.value);
        n->forks = 1 + a.forks;
    }
}

/* The same tree, walked with plain calls. */
static uint64_t node_ser(uint64_t key, uint32_t depth, uint32_t q,
                         uint64_t *forks)
{
    uint64_t h = parc_test_mix(key);
    if (depth == 0)
        return h;
    uint64_t r = parc_test_mix(key ^ 0x5bd1e995u);
    if ((r & 0xffff) < q) {
        uint64_t a = node_ser(parc_test_mix(key + 1), depth - 1, q, forks);
        uint64_t b = node_ser(parc_test_mix(key + 2), depth - 1, q, forks);
        ++*forks;
        return parc_test_mix(parc_test_mix(h ^ a) + b);
    }
    uint64_t a = node_ser(parc_test_mix(key + 1), depth - 1, q, forks);
    ++*forks;
    return parc_test_mix(parc_test_mix(h ^ r) ^ a);
}

int main(void)
{
    const uint64_t target = (uint64_t)(2000000 * parc_test_scale());
    uint64_t total = 0, seed = 0x0dee9a77;
    unsigned trees = 0;
    while (total < target) {
        uint64_t r = parc_test_mix(seed++);
        /* q in [0.01, 0.2]; depth such that about T leaves grow at rate
         * (1 + q) per level: deep when q is small. */
        uint32_t q = 655 + (uint32_t)(r % 12452);
        uint64_t t = 64 + (r >> 20) % 960, x = 1u << 16;
        uint32_t depth = 0;
        while (x < (t << 16) && depth < 2000) {
            x = x * (65536 + q) >> 16;
            depth++;
        }
        struct node root = {.key = r, .depth = depth, .q = q};
        node_par(&root);
        uint64_t forks = 0;
        uint64_t want = node_ser(r, depth, q, &forks);
        CHECK(root.value == want);
        CHECK(root.forks == forks);
        total += root.forks;
        trees++;
    }
    CHECK(total >= target);
    printf("trees=%u forks=%llu\n", trees, (unsigned long long)total);
    printf("ok\n");
    /* { dg-output "ok" } */
    return 0;
}
