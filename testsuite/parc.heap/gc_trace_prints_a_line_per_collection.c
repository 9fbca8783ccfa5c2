/* Area:	PARC_GC_TRACE=1 (gcstats.c)
   Purpose:	In a child with PARC_GC_TRACE=1 and PARC_GC_STATS=1, one
		thread builds lists (a few MiB kept, the rest dropped), asks
		for a collection (full), and reads its own collection counts
		(parc_gc_stats) before it exits: the child's stderr must hold
		exactly one trace line per collection counted, as many of
		them "full" as full collections, every line with its fields
		and a live size no larger than its heap, and the last line
		that of the collection asked for (full, with the kept lists
		live). Without PARC_GC_TRACE a second child prints none.
   Limitations:	the counts are the thread's own; the child allocates on
		its main thread only (no fork), so every collection is its
		heap's.  */

/* { dg-do run } */

#include <parc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parc-child.h"
#include "parc-test.h"

struct item {
    struct item *next;
    uint64_t pad[5]; /* 48 bytes */
};

static struct item *kept;

static void body(void *arg)
{
    (void)arg;
    CHECK(parc_root_add(&kept, sizeof kept) == 0);
    /* 19 MiB; under PARC_GC_STRESS, a collection per allocation, few enough
     * lines for buf. */
    long n = getenv("PARC_GC_STRESS") ? 200 : 400000;
    for (long i = 0; i < n; i++) {
        struct item *it = parc_alloc(sizeof *it);
        CHECK(it != NULL);
        if (i % 4 == 0) { /* a quarter kept */
            it->next = kept;
            kept = it;
        }
    }
    parc_gc_collect();
    struct parc_gc_stats st;
    CHECK(parc_gc_stats(&st) == 0);
    /* Read by the parent from the same stream, after the trace lines. */
    fprintf(stderr, "counted minor=%lu full=%lu live=%zu\n", st.minor,
            st.full, parc_heap_live());
}

int main(void)
{
    char buf[1 << 16];
    setenv("PARC_GC_STATS", "1", 1);
    setenv("PARC_GC_TRACE", "1", 1);
    int status = parc_child_run(body, NULL, buf, sizeof buf);
    parc_child_check_exited(status, buf, "PARC_GC_TRACE=1");

    unsigned long minor = 0, full = 0, lines = 0, full_lines = 0;
    size_t live = 0;
    const char *c = strstr(buf, "counted minor=");
    CHECK(c != NULL &&
          sscanf(c, "counted minor=%lu full=%lu live=%zu", &minor, &full,
                 &live) == 3);
    char last_kind[16] = "";
    double last_live = -1;
    for (char *l = buf; l && *l; l = strchr(l, '\n'), l = l ? l + 1 : NULL) {
        int worker;
        unsigned long heap;
        char kind[16];
        double pause, nursery, lv, before, after, all;
        if (sscanf(l,
                   "parc gc: worker %d heap %lu %15s pause_ms=%lf "
                   "nursery_mib=%lf live_mib=%lf heap_mib=%lf->%lf "
                   "all_heaps_mib=%lf",
                   &worker, &heap, kind, &pause, &nursery, &lv, &before,
                   &after, &all) != 9)
            continue;
        lines++;
        CHECK(strcmp(kind, "full") == 0 || strcmp(kind, "minor") == 0);
        full_lines += strcmp(kind, "full") == 0;
        CHECK(pause >= 0 && nursery >= 0 && lv >= 0);
        CHECK(lv <= after + 0.05 && after <= all + 0.05);
        strcpy(last_kind, kind);
        last_live = lv;
    }
    printf("%lu trace lines (%lu full); counted %lu minor, %lu full\n",
           lines, full_lines, minor, full);
    CHECK(lines == minor + full && full_lines == full);
    CHECK(lines >= 1 && strcmp(last_kind, "full") == 0);
    /* The line's MiB to one decimal against the bytes parc_heap_live says. */
    CHECK(last_live * (1 << 20) >= (double)live - 0.06 * (1 << 20) &&
          last_live * (1 << 20) <= (double)live + 0.06 * (1 << 20));

    unsetenv("PARC_GC_TRACE");
    status = parc_child_run(body, NULL, buf, sizeof buf);
    parc_child_check_exited(status, buf, "without PARC_GC_TRACE");
    CHECK(strstr(buf, " pause_ms=") == NULL); /* the report has none */
    return 0;
}
