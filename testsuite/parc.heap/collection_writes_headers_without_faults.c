/* Area:	generations: chunk headers (chunk.h, heaplayout.h)
   Purpose:	A collection writes the header and the mark bits of every
		chunk it sorts. With generations the cells of old chunks are
		write-protected; the headers live apart from the cells, so
		those writes take no page fault. The program keeps 24 MiB of
		small objects (about 100 chunks) live, makes them old, lets
		minor collections take the written pages of the chunks in
		runs, then counts the page faults of a full collection (it
		clears and sets every chunk's marks): fewer than one in eight
		chunks. With the headers on each chunk's first page, every
		chunk faulted at least once. The objects are checked after
		every collection.
   Limitations:	faults not compared under PARC_GC_STRESS (its
		collections come at every allocation; only the contents are
		checked, on fewer objects), nor where the kernel has no
		written-page sets (no minor collections: nothing is
		protected); not in the sanitizer builds (their shadow memory
		faults too).  */

/* { dg-do run } */
/* { dg-parc-sanitizers "none" } */

#include <parc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "parc-test.h"

struct node {
    struct node *next;
    uint64_t key;
    uint64_t pad[3]; /* 40 bytes: one of gcpause's classes */
};

static struct node *head; /* a root: registered below */
static long count;

__attribute__((noinline)) static void build(void)
{
    for (long i = 0; i < count; i++) {
        struct node *n = parc_alloc(sizeof *n);
        CHECK(n != NULL);
        n->key = parc_test_mix((uint64_t)i);
        n->next = head;
        head = n;
    }
}

static void check_list(void)
{
    long i = count;
    for (struct node *n = head; n; n = n->next) {
        i--;
        if (n->key != parc_test_mix((uint64_t)i)) {
            fprintf(stderr, "node %ld: key %llx lost\n", i,
                    (unsigned long long)n->key);
            CHECK(0);
        }
    }
    CHECK(i == 0);
}

int main(void)
{
    /* Read at the first allocation: statistics, generations at once, and
     * no pause goal (parc_gc_collect stops the heap either way). */
    setenv("PARC_GC_STATS", "1", 1);
    setenv("PARC_GC_GEN_MIN", "0", 1);
    unsetenv("PARC_GC_PAUSE_US");
    int stressed = parc_test_gc_stressed();
    count = stressed ? 20000 : (24L << 20) / 48;
    CHECK(parc_root_add(&head, sizeof head) == 0);
    build();
    parc_test_clobber_stack(32768);
    parc_gc_collect(); /* old, and protected from now on */
    check_list();
    for (int i = 0; i < 4; i++) { /* minor ones: takes over runs */
        parc_test_collect();
        check_list();
    }
    long before = parc_test_minor_faults();
    parc_gc_collect();
    long faults = parc_test_minor_faults() - before;
    check_list();
    struct parc_gc_stats s = parc_test_gc_stats();
    printf("%ld objects, %llu minor collections; a full collection took "
           "%ld page faults\n",
           count, (unsigned long long)s.minor, faults);
    if (stressed || s.minor == 0) {
        printf("not compared (%s)\n", stressed ? "PARC_GC_STRESS"
                                               : "no minor collections");
        return 0;
    }
    /* 24 MiB of 48-byte cells: about 100 chunks of 256 KiB. */
    CHECK(faults < 12);
    head = NULL;
    return 0;
}
