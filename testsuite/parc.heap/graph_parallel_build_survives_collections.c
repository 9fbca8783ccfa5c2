/* Area:	parc_alloc, the collector, task heaps at steals and joins
   Purpose:	Random object graphs (DAGs with payloads referenced through
		interior and one-past-the-end pointers) are built in
		parallel, one strict fork per child, with garbage allocated
		between each node's forks and joins; each graph is returned
		through the frames' results (stolen frames' heaps join their
		parents'). Every graph is checked node by node after the
		build, after a forced collection, and again after later
		rounds built and dropped graphs of their own, while the
		graphs are reachable only from this function's stack.
   Limitations:	none.
   Allocations:	about 3,000,000 * PARC_TEST_SCALE objects.  */

/* { dg-do run } */
/* { dg-parc-env ASAN_OPTIONS detect_stack_use_after_return=1 } */

#include <parc.h>
#include <stdio.h>

#include "heap-graph.h"
#include "parc-test.h"

int main(void)
{
    long rounds = parc_test_scaled(40, 3);
    struct gnode *keep[4] = {0};
    uint64_t keep_key[4] = {0};
    long built = 0;
    for (long r = 0; r < rounds; r++) {
        uint64_t key = parc_test_mix((uint64_t)r);
        struct gnode *g = graph_build(key, 9);
        long n = graph_check(g, key, 9);
        CHECK(n == graph_nodes(key, 9));
        built += n;
        /* Keep every fourth graph for a while; the others are dropped. */
        if (r % 4 == 0) {
            keep[(r / 4) % 4] = g;
            keep_key[(r / 4) % 4] = key;
        }
        g = NULL;
        if (r % 8 == 7)
            parc_gc_collect();
        for (int i = 0; i < 4; i++)
            if (keep[i])
                graph_check(keep[i], keep_key[i], 9);
    }
    parc_gc_collect();
    CHECK(parc_heap_live() > 0);
    for (int i = 0; i < 4; i++)
        if (keep[i])
            graph_check(keep[i], keep_key[i], 9);
    printf("nodes built %ld\n", built);
    return 0;
}
