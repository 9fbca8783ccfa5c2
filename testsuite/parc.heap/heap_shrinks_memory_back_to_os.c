/* Area:	the collector gives memory back to the OS
   Purpose:	64 MiB of small objects and 32 MiB of large ones, reachable
		only from a registered global table, raise the resident set;
		once the table is cleared and the heap collected, the empty
		chunks beyond the heap's next allocation budget and the dead
		large objects' runs go back to the OS (MADV_DONTNEED): the
		resident set falls by at least half of what was added. The
		objects are built in stolen frames too, whose heaps join this
		one at the joins.
   Limitations:	reads /proc/self/statm (Linux). Not in the ThreadSanitizer
		build: its shadow (four times the memory touched) stays
		resident after the pages it shadows go back.  */

/* { dg-do run } */
/* { dg-parc-env ASAN_OPTIONS detect_stack_use_after_return=0 } */
/* { dg-parc-sanitizers "none address" } */

#include <parc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "parc-test.h"

#define LISTS 64
#define LARGE 16

struct item {
    struct item *next;
    uint64_t pad[13]; /* 112 bytes: a 128-byte cell */
};

static struct item *lists[LISTS];
/* 8,192 (1 MiB a list); under PARC_GC_STRESS, which collects at every
 * allocation and so marks the list built so far each time (quadratic), 128:
 * the large objects then carry the test. */
static int items_per_list = 8192;
static void *large[LARGE];

static long resident_mib(void)
{
    long size, resident;
    FILE *f = fopen("/proc/self/statm", "r");
    CHECK(f != NULL);
    CHECK(fscanf(f, "%ld %ld", &size, &resident) == 2);
    fclose(f);
    return resident * 4096 / (1 << 20);
}

struct build {
    parc_frame f;
    int lo, hi;
};

static void build_lists(parc_frame *f)
{
    struct build *b = (struct build *)f;
    if (b->hi - b->lo > 1) {
        struct build half = {.lo = (b->lo + b->hi) / 2, .hi = b->hi};
        parc_fork(&half.f, build_lists);
        struct build mine = {.lo = b->lo, .hi = half.lo};
        build_lists(&mine.f);
        parc_join(&half.f);
        return;
    }
    /* items_per_list items of 128 bytes. */
    struct item *head = NULL;
    for (int i = 0; i < items_per_list; i++) {
        struct item *it = parc_alloc(sizeof *it);
        CHECK(it != NULL);
        it->next = head;
        it->pad[0] = (uint64_t)i;
        head = it;
    }
    lists[b->lo] = head;
}

__attribute__((noinline)) static void fill(void)
{
    struct build all = {.lo = 0, .hi = LISTS};
    build_lists(&all.f);
    for (int i = 0; i < LARGE; i++) {
        unsigned char *p = parc_alloc_atomic(2 << 20);
        CHECK(p != NULL);
        for (size_t j = 0; j < (2u << 20); j += 4096)
            p[j] = 1; /* touch every page */
        large[i] = p;
    }
}

int main(void)
{
    if (getenv("PARC_GC_STRESS"))
        items_per_list = 128;
    CHECK(parc_root_add(lists, sizeof lists) == 0);
    CHECK(parc_root_add(large, sizeof large) == 0);
    long before = resident_mib();
    fill();
    parc_gc_collect();
    long full = resident_mib();
    for (int i = 0; i < LISTS; i++) {
        long n = 0;
        for (struct item *it = lists[i]; it; it = it->next)
            n++;
        CHECK(n == items_per_list);
    }
    /* 32 MiB of large objects and 64 lists of 128-byte items were made
     * resident (96 MiB in all without PARC_GC_STRESS): most must show. */
    long made = 32 + (long)LISTS * items_per_list * 128 / (1 << 20);
    CHECK(full - before >= made * 5 / 6);
    for (int i = 0; i < LISTS; i++)
        lists[i] = NULL;
    for (int i = 0; i < LARGE; i++)
        large[i] = NULL;
    parc_test_clobber_stack(65536);
    parc_gc_collect();
    long after = resident_mib();
    printf("resident: %ld MiB before, %ld full, %ld after\n", before, full,
           after);
    CHECK(full - after >= (full - before) / 2);
    return 0;
}
