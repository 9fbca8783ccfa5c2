/* Area:	generations: when a collection is full (gc.c, the heap budget)
   Purpose:	A long-lived tree (16 MiB) is kept; a big one (32 MiB) is
		built, promoted by minor collections and dropped; then trees
		of 4 MiB are built and dropped one after another (512 MiB
		in all), so that each minor collection promotes the tree under
		construction, which dies old soon after. Old garbage is found
		only by full collections: the resident set while the trees
		churn must stay within 3.5 times the live size a full
		collection finds at the start (the budget is 2.25 times, plus
		the partly used chunks, the mark stack and a stale root or
		two; 2.8 times measured). The policy of before (a full
		collection once the old objects doubled, and a nursery as large
		as the old objects, dead ones included) let it reach 5.3
		times.
   Limitations:	reads /proc/self/statm (Linux); the resident set is sampled
		after each tree, not at its very peak. Without generations
		(kernels before 6.7, PARC_GC_GEN=off) every collection is full
		and the bound holds trivially. Runs without a pause goal: with
		one, the incremental marking keeps what is allocated meanwhile
		(docs/heap.md), a different bound. Not in the ThreadSanitizer
		build (its shadow is four times the memory touched). Under
		PARC_GC_STRESS (a collection at every allocation) the trees are
		smaller and only the results are checked.  */

/* { dg-do run } */
/* { dg-parc-workers "1 2" } */
/* { dg-parc-env PARC_GC_PAUSE_US 0 } */
/* { dg-parc-env ASAN_OPTIONS detect_stack_use_after_return=0 } */
/* { dg-parc-sanitizers "none address" } */

#include <parc.h>
#include <stdio.h>
#include <stdlib.h>

#include "parc-test.h"
#include "parc-trees.h"

int main(void)
{
    int stress = getenv("PARC_GC_STRESS") != NULL;
    /* 2^(d + 1) - 1 nodes of 32 bytes: depth 18 is 16 MiB, 19 is 32 MiB,
     * 16 is 4 MiB. */
    int long_depth = stress ? 10 : 18, big_depth = stress ? 11 : 19;
    int churn_depth = stress ? 8 : 16;
    long trees = (long)(128 * parc_test_scale());
    if (trees < 16)
        trees = 16;

    double base_rss = parc_test_resident_mib();
    struct parc_test_node *keep = parc_test_tree(long_depth);
    CHECK(parc_root_add(&keep, sizeof keep) == 0);
    CHECK(parc_test_churn_one(big_depth) == (2L << big_depth) - 1);
    parc_test_clobber_stack(65536);
    parc_gc_collect(); /* full: the live size the bound is made of */
    double live_mib = (double)parc_heap_live() / (1 << 20);

    double peak = parc_test_churn(churn_depth, trees, base_rss);
    CHECK(parc_test_tree_count(keep) == (2L << long_depth) - 1);
    printf("live %.1f MiB, resident peak while churning %.1f MiB\n", live_mib,
           peak);
    if (!stress)
        CHECK(peak <= 3.5 * live_mib);
    CHECK(parc_root_remove(&keep) == 0);
    return 0;
}
