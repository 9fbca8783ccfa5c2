/* Area:	generations: where the allocator takes memory in old chunks under
		a pause goal (PARC_GC_PAUSE_US)
   Purpose:	A heap holds old objects of one size class at a density of
		one cell in three (a full collection made them old and freed
		the others), so every page of their chunks holds old cells and
		none is wholly free. Then it allocates garbage of the same class
		and never writes an old object (the old ones are kept by a
		parc_root_add region, not by an old array). With a goal the
		allocator must take only whole free pages of old chunks: a
		page it writes holds no old cell, so the minor collections
		rescan (almost) no old cell; the PARC_GC_STATS=1 report's
		minor_old_cells counts them. Filling the holes between the old
		cells instead writes every page and rescans about 28 old cells
		each. Run in a child process with a goal of 1000 us and, for
		comparison, without one (which fills holes: the count must be
		large there, else the test would not see the difference).
		Every old object's key and peer are checked in both.
   Limitations:	where the kernel lacks the written-page sets (uffd, Linux
		6.7) there are no minor collections: the counts are not
		compared then. Under PARC_GC_STRESS (a collection every Nth
		allocation, every fourth of them full) the counts are not
		compared either.
   Allocations:	about 150,000 old objects and 1,500,000 * PARC_TEST_SCALE
		(at least 300,000) garbage ones per child.  */

/* { dg-do run } */
/* { dg-parc-workers "1 2" } */

#include <parc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parc-child.h"
#include "parc-test.h"

struct obj {
    struct obj *peer; /* an older kept object */
    uint64_t key;
    uint64_t pad[3]; /* 40 bytes: the 48-byte class */
};

#define KEPT 50000L
static long garbage_allocs;

static void body(void)
{
    struct obj **kept = calloc(KEPT, sizeof *kept);
    CHECK(kept != NULL);
    CHECK(parc_root_add(kept, KEPT * sizeof *kept) == 0);
    /* One object in three is kept: the others die at the full collection,
     * leaving a hole of two cells between old ones on every page. */
    for (long i = 0; i < 3 * KEPT; i++) {
        struct obj *o = parc_alloc(sizeof *o);
        CHECK(o != NULL);
        if (i % 3 == 0) {
            long k = i / 3;
            o->key = parc_test_mix((uint64_t)k);
            o->peer = k ? kept[parc_test_mix((uint64_t)k + 7) % (uint64_t)k] : NULL;
            kept[k] = o;
        }
    }
    parc_gc_collect(); /* the kept objects are old, the rest free */
    for (long i = 0; i < garbage_allocs; i++) {
        struct obj *g = parc_alloc(sizeof *g);
        CHECK(g != NULL);
        g->key = (uint64_t)i;
    }
    for (long k = 0; k < KEPT; k++) {
        CHECK(kept[k]->key == parc_test_mix((uint64_t)k));
        CHECK(k == 0 || kept[k]->peer ==
                            kept[parc_test_mix((uint64_t)k + 7) % (uint64_t)k]);
    }
    CHECK(parc_root_remove(kept) == 0);
    free(kept);
    /* The report (minor_old_cells) is printed at exit. */
    exit(0);
}

/* Runs body in a child with PARC_GC_PAUSE_US=goal; returns the old cells its
 * minor collections rescanned, and their number in *minor. */
static unsigned long run(const char *goal, unsigned long *minor)
{
    static char buf[1 << 16];
    char what[64];
    snprintf(what, sizeof what, "PARC_GC_PAUSE_US=%s", goal);
    setenv("PARC_GC_PAUSE_US", goal, 1);
    struct parc_child_started c = {body};
    int status = parc_child_run(parc_child_started_run, &c, buf, sizeof buf);
    parc_child_check_exited(status, buf, what);
    /* Every thread that allocated has a line; the body's heap is the one
     * with minor collections (one task: no other thread collects). */
    unsigned long cells = 0, most = 0;
    for (const char *p = buf; (p = strstr(p, "collections=")); p++) {
        unsigned long n, m, f;
        if (sscanf(p, "collections=%lu minor=%lu full=%lu", &n, &m, &f) != 3)
            continue;
        const char *q = strstr(p, "minor_old_cells=");
        CHECK(q != NULL);
        unsigned long o = strtoul(q + strlen("minor_old_cells="), NULL, 10);
        if (m >= most) {
            most = m;
            cells = o;
        }
    }
    *minor = most;
    printf("%s: %lu minor collections, %lu old cells rescanned\n", what, most,
           cells);
    return cells;
}

int main(void)
{
    /* Read at the first allocation, in each child. */
    setenv("PARC_GC_STATS", "1", 1);
    setenv("PARC_GC_GEN_MIN", "0", 1);
    int stressed = parc_test_gc_stressed();
    garbage_allocs = stressed ? 20000 : parc_test_scaled(1500000, 300000);

    unsigned long minor_goal, minor_none;
    unsigned long goal = run("1000", &minor_goal);
    unsigned long none = run("0", &minor_none);
    if (stressed || minor_goal == 0 || minor_none == 0) {
        printf("counts not compared (%s)\n",
               stressed ? "PARC_GC_STRESS" : "no minor collections here");
        return 0;
    }
    /* Without the rule, every nursery writes pages of about 28 old cells;
     * with it, only cells marked while the collection ran (none here but
     * what a stale stack word kept) may be counted. */
    CHECK(none >= 1000);
    CHECK(goal * 20 <= none);
    CHECK(goal <= 64 * minor_goal);
    return 0;
}
