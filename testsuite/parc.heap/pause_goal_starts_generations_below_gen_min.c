/* Area:	generations: when they start under a pause goal
   Purpose:	A heap builds 4 MiB of randomly linked objects (below
		PARC_GC_GEN_MIN's default of 8 MiB) and then allocates
		garbage, one allocation in eight replacing a live object.
		Run in a child process per setting. Without a goal every
		collection is a full one that stops the heap (the heap never
		reaches PARC_GC_GEN_MIN): no minor collection. With a goal
		of 1 ms the first full mark (about 3 MiB of random links:
		several ms at the 0.2 to 5 MB per ms such marks run) takes
		more than half the goal, so generations start (minor
		collections, incremental full ones) below PARC_GC_GEN_MIN:
		there must be minor collections. Every live object's key is
		checked in both.
   Limitations:	where the kernel lacks the written-page sets (uffd, Linux
		6.7) there are no minor collections: the counts are not
		compared then, nor under PARC_GC_STRESS (which collects at
		every Nth allocation whatever the policy).
   Allocations:	about 1,000,000 * PARC_TEST_SCALE (at least 300,000)
		objects per child, after the 4 MiB (64 KiB under
		PARC_GC_STRESS).  */

/* { dg-do run } */

#include <parc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parc-child.h"
#include "parc-test.h"

struct obj {
    struct obj *peer;
    uint64_t key;
    uint64_t pad[3];
};

static long LIVE = (long)((4u << 20) / (sizeof(struct obj) + 8));
static long garbage_allocs;

static void body(void)
{
    struct obj **slot = parc_alloc(LIVE * sizeof *slot);
    uint64_t *key = malloc(LIVE * sizeof *key);
    CHECK(slot != NULL && key != NULL);
    uint64_t s = 7;
    for (long i = 0; i < LIVE; i++) {
        struct obj *o = parc_alloc(sizeof *o);
        CHECK(o != NULL);
        o->key = key[i] = parc_test_mix(++s);
        o->peer = i ? slot[parc_test_mix(++s) % (uint64_t)i] : NULL;
        slot[i] = o;
    }
    for (long i = 0; i < garbage_allocs; i++) {
        uint64_t r = parc_test_mix(++s);
        if (r % 8 == 0) {
            long j = (long)((r >> 8) % (uint64_t)LIVE);
            struct obj *o = parc_alloc(sizeof *o);
            CHECK(o != NULL);
            o->key = key[j] = parc_test_mix(++s);
            o->peer = slot[(r >> 40) % (uint64_t)LIVE];
            slot[j] = o;
        } else {
            char *g = parc_alloc(16 + (size_t)((r >> 8) % 240));
            CHECK(g != NULL);
            g[0] = (char)r;
        }
    }
    for (long i = 0; i < LIVE; i++) {
        CHECK(slot[i]->key == key[i]);
        CHECK(i == 0 || slot[i]->peer != NULL);
    }
    struct parc_gc_stats st;
    CHECK(parc_gc_stats(&st) == 0);
    fprintf(stderr, "minor=%lu full=%lu max_us=%.1f\n", st.minor, st.full,
            st.pause_max_us);
    free(key);
}

static int tracked; /* the written-page sets work here (the stats say) */

/* Runs body in a child with PARC_GC_PAUSE_US=goal; returns its minor
 * collections. */
static unsigned long run(const char *goal)
{
    char buf[4096], what[64];
    snprintf(what, sizeof what, "PARC_GC_PAUSE_US=%s", goal);
    setenv("PARC_GC_PAUSE_US", goal, 1);
    struct parc_child_started c = {body};
    int status = parc_child_run(parc_child_started_run, &c, buf, sizeof buf);
    parc_child_check_exited(status, buf, what);
    unsigned long minor = 0, full = 0;
    const char *m = strstr(buf, "minor=");
    CHECK(m != NULL && sscanf(m, "minor=%lu full=%lu", &minor, &full) == 2);
    tracked = strstr(buf, "generations=off") == NULL;
    printf("%s: %lu minor, %lu full collections\n", what, minor, full);
    return minor;
}

int main(void)
{
    /* Read at the first allocation, in each child: the default
     * PARC_GC_GEN_MIN (8 MiB), above the live size. */
    setenv("PARC_GC_STATS", "1", 1);
    unsetenv("PARC_GC_GEN_MIN");
    int stressed = parc_test_gc_stressed();
    if (stressed)
        LIVE = (long)((64u << 10) / (sizeof(struct obj) + 8));
    garbage_allocs = stressed ? 5000 : parc_test_scaled(1000000, 300000);

    unsigned long none = run("0");
    unsigned long goal = run("1000");
    if (stressed || !tracked) {
        printf("counts not compared (%s)\n",
               stressed ? "PARC_GC_STRESS" : "no written-page sets here");
        return 0;
    }
    CHECK(none == 0);
    CHECK(goal > 0);
    return 0;
}
