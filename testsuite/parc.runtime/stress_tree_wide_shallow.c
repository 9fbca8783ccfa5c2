/* Area:	parc_fork, parc_pop, parc_join (stress)
   Purpose:	Random wide, shallow fork trees: each node forks all of its
		children (0 to 1024 at depth 1, fewer when deeper) in a loop
		into a frame array, then joins them in reverse order, half
		of the nodes with parc_join and half with parc_pop and an
		inline call. Values and fork counts must equal a serial walk
		of the same tree.
   Limitations:	none.
   Forks:	at least 2,000,000 * PARC_TEST_SCALE; the count is printed
		and checked.  */

/* { dg-do run } */

#include <parc.h>
#include <stdint.h>
#include <stdio.h>

#include "parc-test.h"

struct node {
    parc_frame f;
    uint64_t key;
    uint32_t depth, maxw;
    uint64_t value, forks;
};

static void node_par(struct node *n);

static void node_thunk(parc_frame *f) { node_par((struct node *)f); }

static uint32_t width_of(uint64_t key, uint32_t maxw)
{
    return (uint32_t)(parc_test_mix(key ^ 0xa5a5a5a5u) % (maxw + 1));
}

static void node_par(struct node *n)
{
    uint64_t h = parc_test_mix(n->key);
    n->forks = 0;
    if (n->depth == 0) {
        n->value = h;
        return;
    }
    uint32_t w = width_of(n->key, n->maxw);
    if (w == 0) {
        n->value = h;
        return;
    }
    struct node kids[w];
    for (uint32_t i = 0; i < w; i++) {
        kids[i] = (struct node){.key = parc_test_mix(n->key * 31 + i),
                                .depth = n->depth - 1,
                                .maxw = n->maxw};
        parc_fork(&kids[i].f, node_thunk);
    }
    /* Something to do while the children may run elsewhere. */
    uint64_t local = parc_test_mix(h + w);
    int use_pop = (h >> 7) & 1;
    for (uint32_t i = w; i-- > 0;) {
        if (use_pop) {
            if (parc_pop(&kids[i].f))
                node_par(&kids[i]);
        } else {
            parc_join(&kids[i].f);
        }
    }
    for (uint32_t i = 0; i < w; i++) {
        local = parc_test_mix(local ^ kids[i].value);
        n->forks += 1 + kids[i].forks;
    }
    n->value = local;
}

static uint64_t node_ser(uint64_t key, uint32_t depth, uint32_t maxw,
                         uint64_t *forks)
{
    uint64_t h = parc_test_mix(key);
    if (depth == 0)
        return h;
    uint32_t w = width_of(key, maxw);
    if (w == 0)
        return h;
    uint64_t local = parc_test_mix(h + w);
    for (uint32_t i = 0; i < w; i++) {
        uint64_t kid =
            node_ser(parc_test_mix(key * 31 + i), depth - 1, maxw, forks);
        local = parc_test_mix(local ^ kid);
        ++*forks;
    }
    return local;
}

int main(void)
{
    /* Depth and the widest node: at most about 100,000 nodes a tree. */
    static const uint32_t shapes[][2] = {{1, 1024}, {2, 256}, {3, 48}, {4, 16}};
    const uint64_t target = (uint64_t)(2000000 * parc_test_scale());
    uint64_t total = 0, seed = 0x3a1dbeef;
    unsigned trees = 0;
    while (total < target) {
        uint64_t r = parc_test_mix(seed++);
        const uint32_t *s = shapes[r % 4];
        struct node root = {.key = r, .depth = s[0], .maxw = s[1]};
        node_par(&root);
        uint64_t forks = 0;
        uint64_t want = node_ser(r, s[0], s[1], &forks);
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
