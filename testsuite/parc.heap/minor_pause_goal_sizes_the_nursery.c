/* Area:	generations: the pause goal of minor collections (PARC_GC_PAUSE_US)
   Purpose:	A heap holds 8 MiB of old, randomly linked objects (an array
		of pointers, made old by a full collection) and then allocates
		garbage, one allocation in eight replacing a live object by a
		young one (the old array is written: written pages to rescan,
		survivors to mark). Run in a child process per setting: with
		no goal (PARC_GC_PAUSE_US=0) the nursery is the live size, so
		minor collections are few; with a goal of 50 us, far below
		what a minor collection of an 8 MiB nursery costs, the nursery
		shrinks toward its floor (256 KiB) and there must be at least
		three times as many (the heap holds 64 KiB under
		PARC_GC_STRESS). Every live object's key is checked in
		both. A malformed PARC_GC_PAUSE_US must be named on stderr.
   Limitations:	where the kernel lacks the written-page sets (uffd, Linux
		6.7) there are no minor collections: the counts are not
		compared then, nor under PARC_GC_STRESS (which collects at
		every Nth allocation whatever the nursery).
   Allocations:	about 2,000,000 * PARC_TEST_SCALE (at least 1,000,000) objects per child
		(6,000 under PARC_GC_STRESS).  */

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

/* 8 MiB of objects and their slots; under PARC_GC_STRESS, which collects
 * at every allocation, 64 KiB. */
static long LIVE = (long)((8u << 20) / (sizeof(struct obj) + 8));
static long garbage_allocs;

static void body(void)
{
    struct obj **slot = parc_alloc(LIVE * sizeof *slot);
    uint64_t *key = malloc(LIVE * sizeof *key);
    CHECK(slot != NULL && key != NULL);
    uint64_t s = 1;
    for (long i = 0; i < LIVE; i++) {
        struct obj *o = parc_alloc(sizeof *o);
        CHECK(o != NULL);
        o->key = key[i] = parc_test_mix(++s);
        o->peer = i ? slot[parc_test_mix(++s) % (uint64_t)i] : NULL;
        slot[i] = o;
    }
    parc_gc_collect(); /* everything above is old now */
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
    fprintf(stderr, "minor=%lu full=%lu minor_p50_us=%.1f\n", st.minor,
            st.full, st.minor_p50_us);
    free(key);
}

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
    printf("%s: %lu minor, %lu full collections\n", what, minor, full);
    return minor;
}

int main(void)
{
    /* Read at the first allocation, in each child. */
    setenv("PARC_GC_STATS", "1", 1);
    setenv("PARC_GC_GEN_MIN", "0", 1);
    int stressed = parc_test_gc_stressed();
    if (stressed)
        LIVE = (long)((64u << 10) / (sizeof(struct obj) + 8));
    garbage_allocs = stressed ? 5000 : parc_test_scaled(2000000, 1000000);

    unsigned long none = run("0");
    unsigned long tight = run("50");
    if (stressed || (none == 0 && tight == 0))
        printf("counts not compared (%s)\n",
               stressed ? "PARC_GC_STRESS" : "no minor collections here");
    else
        CHECK(tight >= 3 * (none + 1));

    /* A malformed value: named on stderr, the default used. */
    garbage_allocs = 1000;
    setenv("PARC_GC_PAUSE_US", "12ms", 1);
    char buf[4096];
    struct parc_child_started c = {body};
    int status = parc_child_run(parc_child_started_run, &c, buf, sizeof buf);
    parc_child_check_exited(status, buf, "PARC_GC_PAUSE_US=12ms");
    if (!strstr(buf, "PARC_GC_PAUSE_US=12ms"))
        fprintf(stderr, "no message for PARC_GC_PAUSE_US=12ms: %s\n", buf);
    CHECK(strstr(buf, "PARC_GC_PAUSE_US=12ms") != NULL);
    return 0;
}
