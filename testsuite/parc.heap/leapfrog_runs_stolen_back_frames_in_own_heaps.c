/* Area:	task heaps and leapfrogging
   Purpose:	The main task forks a frame that builds a random graph with a
		fork per child, waits until another worker has started it,
		and joins at once: while it waits it steals frames of that
		graph back from the thief (leapfrogging), each of which runs
		in a heap of its own, handed to the thief's task at the
		thief's join and then, with the thief's heap, to the main
		task at its join. Every graph is checked after the join and
		again after later rounds and collections. The rounds run in
		a child process with PARC_STATS=1; the leapfrogs of its
		report are printed.
   Limitations:	whether the main task gets a frame back depends on timing
		(idle workers compete for the thief's frames, and on a loaded
		machine the thief may finish first): the count is printed,
		not required (1 to 24 per run at 2 and 16 workers on the
		development VM, sometimes 0). With one worker nothing is
		stolen; the graphs are built and checked at every count.
   Allocations:	about 2,000,000 * PARC_TEST_SCALE objects.  */

/* { dg-do run } */
/* { dg-parc-env ASAN_OPTIONS detect_stack_use_after_return=1 } */

#include <parc.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "heap-graph.h"
#include "parc-child.h"
#include "parc-test.h"

#define DEPTH 9

struct top {
    parc_frame f;
    uint64_t key;
    atomic_int started;
    struct gnode *r;
};

static void top_thunk(parc_frame *f)
{
    struct top *t = (struct top *)f;
    /* relaxed: a flag the forker polls; the graph is published by the
     * join. */
    atomic_store_explicit(&t->started, 1, memory_order_relaxed);
    t->r = graph_build(t->key, DEPTH);
}

static void rounds(void)
{
    long n = parc_test_scaled(30, 3);
    struct gnode *kept[2] = {0};
    uint64_t kept_key[2] = {0};
    for (long r = 0; r < n; r++) {
        struct top t = {.key = parc_test_mix((uint64_t)r + 1000)};
        atomic_init(&t.started, 0);
        parc_fork(&t.f, top_thunk);
        if (parc_workers() > 1) {
            double t0 = parc_test_now();
            /* relaxed: see top_thunk. */
            while (!atomic_load_explicit(&t.started, memory_order_relaxed) &&
                   parc_test_now() - t0 < 10)
                parc_poll();
        }
        parc_join(&t.f);
        graph_check(t.r, t.key, DEPTH);
        kept[r % 2] = t.r;
        kept_key[r % 2] = t.key;
        if (r % 4 == 3)
            parc_gc_collect();
        for (int i = 0; i < 2; i++)
            if (kept[i])
                graph_check(kept[i], kept_key[i], DEPTH);
    }
    exit(0); /* at exit the PARC_STATS report */
}

int main(void)
{
    setenv("PARC_STATS", "1", 1);
    char buf[16384];
    struct parc_child_started s = {rounds};
    int status = parc_child_run(parc_child_started_run, &s, buf, sizeof buf);
    parc_child_check_exited(status, buf, "leapfrog rounds");
    long leapfrogs = 0;
    for (const char *p = buf; (p = strstr(p, "leapfrogs=")); p++)
        leapfrogs += strtol(p + strlen("leapfrogs="), NULL, 10);
    printf("leapfrogs %ld\n", leapfrogs);
    return 0;
}
