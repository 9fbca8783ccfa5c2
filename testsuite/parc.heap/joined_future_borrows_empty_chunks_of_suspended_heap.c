/* Area:	lending a suspended heap's empty chunks (heap.c's borrow_chunk)
   Purpose:	the main task keeps 16 MiB live, drops 16 MiB more and
		collects: its heap keeps the emptied chunks, resident, for
		its next nursery. It then joins a lazy future, which runs
		on this thread in a fresh heap while the main task waits;
		the future writes 8 MiB of new objects. Those come from the
		main heap's empty chunks, relabelled, not from new chunks:
		the resident set grows by less than half of the 8 MiB. A
		future run with no heap below it maps new chunks: the check
		fails with the lending removed.
   Limitations:	reads /proc/self/statm (Linux). Not in the ThreadSanitizer
		build: its shadow of the new chunks' pages would be counted
		too.  */

/* { dg-do run } */
/* { dg-parc-env ASAN_OPTIONS detect_stack_use_after_return=0 } */
/* { dg-parc-sanitizers "none address" } */

#include <parc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parc-test.h"

/* 16,000 bytes: a 20 KiB cell, 12 to a chunk; few objects, so that
 * PARC_GC_STRESS (a collection at every allocation) stays linear enough. */
#define OBJ 16000
#define LIVE 800   /* 16 MiB of cells */
#define YOUNG 400  /* 8 MiB */

static void *live[LIVE];
static void *dead[LIVE];
static void *young[YOUNG];

static long resident_kib(void)
{
    long size, resident;
    FILE *f = fopen("/proc/self/statm", "r");
    CHECK(f != NULL);
    CHECK(fscanf(f, "%ld %ld", &size, &resident) == 2);
    fclose(f);
    return resident * 4;
}

static void *filled(int byte)
{
    void *p = parc_alloc_atomic(OBJ);
    CHECK(p != NULL);
    memset(p, byte, OBJ); /* resident */
    return p;
}

/* Garbage in chunks of its own (made after the live objects'), so that the
 * collection empties them: reachable until then, or PARC_GC_STRESS's
 * collection at every allocation would reuse each cell at once. */
__attribute__((noinline)) static void make_garbage(void)
{
    for (int i = 0; i < LIVE; i++)
        dead[i] = filled(2);
    for (int i = 0; i < LIVE; i++)
        dead[i] = NULL;
}

static long before;

static void *young_objects(void *arg)
{
    (void)arg;
    for (int i = 0; i < YOUNG; i++)
        young[i] = filled(3);
    long grown = resident_kib() - before;
    for (int i = 0; i < YOUNG; i++)
        CHECK(((unsigned char *)young[i])[OBJ - 1] == 3);
    return (void *)(intptr_t)grown;
}

int main(void)
{
    CHECK(parc_root_add(live, sizeof live) == 0);
    CHECK(parc_root_add(dead, sizeof dead) == 0);
    CHECK(parc_root_add(young, sizeof young) == 0);
    for (int i = 0; i < LIVE; i++)
        live[i] = filled(1);
    make_garbage();
    parc_test_clobber_stack(65536);
    parc_gc_collect();
    parc_future f;
    CHECK(parc_future_lazy(&f, young_objects, NULL, 0) == 0);
    before = resident_kib();
    void *v;
    CHECK(parc_future_join(&f, &v) == 0);
    long grown = (long)(intptr_t)v;
    printf("resident grew by %ld KiB for %d KiB of young objects\n", grown,
           YOUNG * OBJ / 1024);
    CHECK(grown < YOUNG * OBJ / 1024 / 2);
    for (int i = 0; i < LIVE; i++)
        CHECK(((unsigned char *)live[i])[0] == 1);
    return 0;
}
