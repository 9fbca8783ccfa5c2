/* Area:	generations: open objects (gc.c)
   Purpose:	An old pointer array of 2,048 pages (8 MiB, a large object)
		is given a young object on every page between two minor
		collections, round after round. The first rounds' writes
		each fault (the array is write-protected); then a minor
		collection leaves it unprotected and from then on finds its
		changed words without the kernel, so the stores of the next
		rounds take fewer than one page fault in eight pages: after
		the first such minor collection without a twin
		(parc_alloc_layout), after the second with one (the first
		asks for the twin, which the allocation slow path maps).
		Once the program stops writing it, a later minor collection
		protects it again: after 17 minor collections without a
		store, a store to every page faults again. Every young object
		stored is checked after every collection, so a minor
		collection that skipped the open array's pointers would be
		seen. Run twice: with parc_alloc (an open object with a twin,
		closed after 4 quiet minor collections) and with
		parc_alloc_layout (no twin: rescanned whole, closed at the
		16th minor collection since it opened). Where the kernel has
		no written-page sets (no minor collections) only the contents
		are checked.
   Limitations:	faults not compared under PARC_GC_STRESS (its full
		collections close the array) or where a full collection
		came between two rounds; not in the sanitizer builds (their
		shadow memory faults too).  */

/* { dg-do run } */
/* { dg-parc-sanitizers "none" } */

#include <parc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "parc-test.h"

#define SLOTS_PER_PAGE 512
#define ROUNDS 8
#define IDLE_MINORS 17 /* runtime/gc.c's OPEN_MINORS, and one to judge */

enum kind { PLAIN, LAYOUT };

struct young {
    uint64_t magic;
    uint64_t pad;
};

/* Roots: registered below. */
static struct young **slot;  /* pages * SLOTS_PER_PAGE, old */
static struct young **fresh; /* a young object per page, before the stores */
static long pages;
static uint64_t *key; /* malloc'd: the expected magic of each slot, 0: NULL */

/* Round r: a young object per page, made first, then stored into the
 * array's slot r of that page; returns the page faults the stores took. */
__attribute__((noinline)) static long store_round(long r)
{
    for (long p = 0; p < pages; p++) {
        struct young *y = parc_alloc(sizeof *y);
        CHECK(y != NULL);
        y->magic = parc_test_mix((uint64_t)(r << 32 | p)) | 1;
        fresh[p] = y;
    }
    long before = parc_test_minor_faults();
    for (long p = 0; p < pages; p++)
        slot[p * SLOTS_PER_PAGE + r % SLOTS_PER_PAGE] = fresh[p];
    long faults = parc_test_minor_faults() - before;
    for (long p = 0; p < pages; p++) {
        key[p * SLOTS_PER_PAGE + r % SLOTS_PER_PAGE] = fresh[p]->magic;
        fresh[p] = NULL;
    }
    return faults;
}

static void check_all(void)
{
    for (long i = 0; i < pages * SLOTS_PER_PAGE; i++) {
        if (!key[i]) {
            CHECK(slot[i] == NULL);
            continue;
        }
        if (slot[i]->magic != key[i]) {
            fprintf(stderr, "slot %ld: young object %p lost (magic %llx)\n",
                    i, (void *)slot[i], (unsigned long long)slot[i]->magic);
            CHECK(0);
        }
    }
}

/* The rounds on a new array of kind k; returns 1 when the faults were
 * compared. */
static int run(enum kind k, int stressed)
{
    size_t n = (size_t)pages * SLOTS_PER_PAGE;
    if (k == LAYOUT) {
        static const size_t one_pointer[] = {0};
        const parc_layout *l = parc_layout_new(sizeof *slot, one_pointer, 1);
        CHECK(l != NULL);
        slot = parc_alloc_layout(l, n);
    } else {
        slot = parc_alloc(n * sizeof *slot);
    }
    fresh = parc_alloc((size_t)pages * sizeof *fresh);
    key = calloc(n, sizeof *key);
    CHECK(slot && fresh && key);
    parc_gc_collect(); /* the array is old and protected now */

    long faults[ROUNDS];
    int minor[ROUNDS];
    for (long r = 0; r < ROUNDS; r++) {
        faults[r] = store_round(r);
        parc_test_clobber_stack(32768);
        minor[r] = parc_test_collect();
        check_all();
        printf("round %ld: %ld page faults in %ld pages, then a %s "
               "collection\n",
               r, faults[r], pages, minor[r] ? "minor" : "full");
    }
    /* No stores: the array closes after 4 quiet minor collections (with a
     * twin) or at the 16th since it opened (without), and the next one
     * finds it unwritten. */
    int idle_minor = 1;
    for (int i = 0; i < IDLE_MINORS; i++)
        idle_minor &= parc_test_collect();
    long closed = store_round(ROUNDS);
    parc_test_clobber_stack(32768);
    parc_test_collect();
    check_all();
    printf("after %d collections without a store: %ld page faults in %ld "
           "pages\n", IDLE_MINORS, closed, pages);
    slot = NULL;
    fresh = NULL;
    free(key);

    if (stressed || parc_test_gc_stats().minor == 0) {
        printf("not compared (%s)\n", stressed ? "PARC_GC_STRESS"
                                               : "no minor collections");
        return 0;
    }
    /* Protected at first: each page's first store faults. */
    CHECK(faults[0] * 2 >= pages);
    /* Open after the minor collection that found it written all over, or
     * (a twin to map first) after the second. */
    long first = k == LAYOUT ? 1 : 2;
    for (long r = first; r < ROUNDS; r++)
        if (minor[r - 1] && minor[r - first])
            CHECK(faults[r] * 8 < pages);
    /* Closed again. */
    if (idle_minor)
        CHECK(closed * 2 >= pages);
    return 1;
}

int main(void)
{
    /* Read at the first allocation: statistics, generations at once, and
     * no pause goal (whose incremental full collections would close a
     * layout array between rounds). */
    setenv("PARC_GC_STATS", "1", 1);
    setenv("PARC_GC_GEN_MIN", "0", 1);
    unsetenv("PARC_GC_PAUSE_US");
    int stressed = parc_test_gc_stressed();
    /* Under stress every allocation collects: a smaller array, still above
     * gc.c's OPEN_MIN_PAGES. */
    pages = stressed ? 128 : 2048;
    CHECK(parc_root_add(&slot, sizeof slot) == 0);
    CHECK(parc_root_add(&fresh, sizeof fresh) == 0);
    printf("parc_alloc:\n");
    run(PLAIN, stressed);
    printf("parc_alloc_layout:\n");
    run(LAYOUT, stressed);
    return 0;
}
