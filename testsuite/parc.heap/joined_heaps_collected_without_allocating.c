/* Area:	task heaps: adoption at a join (heap.c's adopt)
   Purpose:	Each future runs in a heap of its own, which joins its
		consumer's heap when the last handle goes (or its runner's,
		when the call finishes after that). Main forks futures that
		each make 1 MiB of garbage (a list of 4 KiB objects) and
		allocates nothing itself, in three ways: it joins each one;
		it waits until each is done and drops it (main takes the
		heap); it drops each at once (the runner takes it, or main
		when it runs it). The heap that takes a future's heap must
		collect when that allocation makes a collection due: before,
		only an allocation collected, and main's heap kept all of
		the garbage (2 GiB of the 3 GiB made by 1,000 futures each
		way). The resident set may grow by at most 24 MiB and 2 MiB
		a worker (each worker's heap collects at its own threshold;
		it grew by 6 MiB at one worker and 11 to 16 at 16), while
		3,000 futures make 3 GiB of garbage (300 MiB at
		PARC_TEST_SCALE=0.1).
   Limitations:	not compared in the sanitizer builds, whose shadow memory
		is part of the resident set.  */

/* { dg-do run } */

#include <parc.h>
#include <stdint.h>
#include <stdio.h>

#include "parc-test.h"
#include "parc-trees.h"

#define GARBAGE_MIB 1
#define OBJ 4096

static void *make_garbage(void *arg)
{
    parc_test_chain(GARBAGE_MIB * (1 << 20) / OBJ, OBJ, (uintptr_t)arg);
    return arg; /* not a heap pointer: nothing stays reachable */
}

int main(void)
{
    CHECK(parc_start() == 0);
    long n = parc_test_scaled(1000, 100);
    unsigned w = parc_workers();
    double before = parc_test_peak_mib();
    for (long i = 0; i < n; i++) {
        parc_future f;
        void *v;
        CHECK(parc_future_fork(&f, make_garbage, (void *)(intptr_t)i, 0) == 0);
        CHECK(parc_future_join(&f, &v) == 0 && v == (void *)(intptr_t)i);
    }
    for (long i = 0; i < n; i++) {
        parc_future f;
        CHECK(parc_future_fork(&f, make_garbage, (void *)(intptr_t)i, 0) == 0);
        CHECK(parc_future_need(&f) == 0); /* done: the drop takes the heap */
        CHECK(parc_future_drop(&f) == 0);
    }
    for (long i = 0; i < n; i++) {
        parc_future f;
        CHECK(parc_future_fork(&f, make_garbage, (void *)(intptr_t)i, 0) == 0);
        CHECK(parc_future_drop(&f) == 0);
    }
    /* The dropped ones still run: a last join lets main help until the
     * queues are empty, and a future forked last runs after them here. */
    parc_future last;
    CHECK(parc_future_fork(&last, make_garbage, NULL, 0) == 0);
    CHECK(parc_future_join(&last, NULL) == 0);
    double grew = parc_test_peak_mib() - before, bound = 24.0 + 2.0 * w;
    printf("garbage %ld MiB, resident set grew by %.1f MiB (bound %.0f)\n",
           3 * n * GARBAGE_MIB, grew, bound);
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
    printf("not compared (a sanitizer's shadow memory)\n");
#else
    CHECK(grew < bound);
#endif
    printf("ok\n");
    return 0;
}
/* { dg-output "ok" } */
