/* Area:	task heaps: objects crossing a writes region
   Purpose:	A parent allocates an array of pointers (parc_alloc, scanned)
		and forks one child per slot; each child builds a random
		graph in its own heap (when stolen) and stores the root into
		its slot as its last act, the pattern of a writes region.
		Meanwhile the parent keeps allocating garbage and collecting
		its own heap, scanning the array while children write it
		(pointers into children's heaps are ignored until the join
		merges those heaps). After the joins every graph is checked,
		and again after more collections.
   Limitations:	none.
   Allocations:	about 2,000,000 * PARC_TEST_SCALE objects.  */

/* { dg-do run } */
/* { dg-parc-env ASAN_OPTIONS detect_stack_use_after_return=1 } */

#include <parc.h>
#include <stdint.h>
#include <stdio.h>

#include "heap-graph.h"
#include "parc-test.h"

#define SLOTS 8
#define DEPTH 7

struct fill {
    parc_frame f;
    struct gnode **slots;
    unsigned i;
    uint64_t key;
};

static void fill_thunk(parc_frame *f)
{
    struct fill *c = (struct fill *)f;
    c->slots[c->i] = graph_build(c->key, DEPTH);
}

int main(void)
{
    long rounds = parc_test_scaled(30, 3);
    for (long r = 0; r < rounds; r++) {
        struct gnode **slots = parc_alloc(SLOTS * sizeof *slots);
        CHECK(slots != NULL);
        struct fill calls[SLOTS];
        for (unsigned i = 0; i < SLOTS; i++) {
            calls[i].slots = slots;
            calls[i].i = i;
            calls[i].key = parc_test_mix((uint64_t)(r * SLOTS + i));
            parc_fork(&calls[i].f, fill_thunk);
        }
        for (int g = 0; g < 20000; g++) {
            CHECK(parc_alloc(24 + 8 * (g % 9)) != NULL);
            if (g % 5000 == 0)
                parc_gc_collect();
        }
        for (unsigned i = SLOTS; i-- > 0;)
            parc_join(&calls[i].f);
        for (unsigned i = 0; i < SLOTS; i++)
            graph_check(slots[i], calls[i].key, DEPTH);
        for (int g = 0; g < 20000; g++)
            CHECK(parc_alloc(40) != NULL);
        parc_gc_collect();
        for (unsigned i = 0; i < SLOTS; i++)
            graph_check(slots[i], calls[i].key, DEPTH);
    }
    printf("%ld rounds\n", rounds);
    return 0;
}
