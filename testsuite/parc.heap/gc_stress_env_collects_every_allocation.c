/* Area:	PARC_GC_STRESS
   Purpose:	With PARC_GC_STRESS=3 every third allocation collects the
		current task's heap first: the random graphs of the parallel
		build (forks and futures' heaps merged at joins) must still
		check out, and PARC_GC_STATS=1 (run in a child) must report
		at least as many collections as a third of the allocations.
   Limitations:	none.
   Allocations:	about 60,000 * PARC_TEST_SCALE objects, as many
		collections.  */

/* { dg-do run } */
/* { dg-parc-env ASAN_OPTIONS detect_stack_use_after_return=1 } */
/* { dg-parc-env PARC_GC_STRESS 3 } */

#include <inttypes.h>
#include <parc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "heap-graph.h"
#include "parc-child.h"
#include "parc-test.h"

static void *build(void *arg)
{
    return graph_build((uint64_t)(uintptr_t)arg, 5);
}

static void small_run(void)
{
    for (int i = 0; i < 3000; i++)
        CHECK(parc_alloc(16) != NULL);
    exit(0); /* the report is printed at exit (parc_child_run would _exit) */
}

int main(void)
{
    /* The report: at exit of a child with PARC_GC_STATS=1. */
    setenv("PARC_GC_STATS", "1", 1);
    char buf[8192];
    struct parc_child_started s = {small_run};
    int status = parc_child_run(parc_child_started_run, &s, buf, sizeof buf);
    parc_child_check_exited(status, buf, "stats");
    const char *line = strstr(buf, "parc gc: worker 0: collections=");
    CHECK(line != NULL);
    uint64_t n = strtoull(line + strlen("parc gc: worker 0: collections="), NULL, 10);
    CHECK(n >= 1000);
    CHECK(strstr(line, "pause_p99_us=") && strstr(line, "mark_mb_per_ms="));
    unsetenv("PARC_GC_STATS");

    long rounds = parc_test_scaled(6, 1);
    for (long r = 0; r < rounds; r++) {
        uint64_t key = parc_test_mix((uint64_t)r + 99);
        parc_future h;
        CHECK(parc_future_fork(&h, build, (void *)(uintptr_t)(key + 1), 0) == 0);
        struct gnode *g = graph_build(key, 7);
        void *v;
        CHECK(parc_future_join(&h, &v) == 0);
        graph_check(g, key, 7);
        graph_check(v, key + 1, 5);
    }
    printf("ok\n");
    return 0;
}
