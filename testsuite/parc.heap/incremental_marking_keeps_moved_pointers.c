/* Area:	incremental full collections (gc.c): slices, black allocation,
		the written-page rounds and the final pause
   Purpose:	An incremental marking's hazard: a pointer moved from an
		object the marking has not scanned yet into one it has
		scanned, the original overwritten, so that only the barrier
		(the written pages rescanned in the rounds and the final
		pause) finds it. A heap with generations holds an array of
		holders, each pointing to a payload with a key; between
		garbage allocations the program swaps payloads between random
		holders, replaces some with new ones, and keeps a ring of
		recent lists that survive a while and then die old, so that
		the old objects grow and the collector runs full collections
		by its own policy, which mark in slices. Every payload's key
		is checked round after round and at the end, in a child
		process that must also report slices (PARC_GC_STATS), so the
		test fails if the marking stops being incremental. Under
		PARC_GC_STRESS (with smaller sizes) every fourth forced
		collection starts an incremental marking that each later
		allocation advances by a few objects.
   Limitations:	where the written-page sets are unavailable (kernels
		before 6.7, or PARC_GC_GEN=off) full collections stop the
		heap: no slices are required then.
   Allocations:	about 3,000,000 objects (fewer under PARC_GC_STRESS).  */

/* { dg-do run } */
/* { dg-parc-env ASAN_OPTIONS detect_stack_use_after_return=0 } */

#include <parc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parc-child.h"
#include "parc-test.h"

struct payload {
    uint64_t key;
    struct payload *next; /* a second payload, made with this one */
    uint64_t pad[2];
};

struct holder {
    struct payload *p;
    uint64_t pad[3];
};

static long HOLDERS = 32768, ROUNDS = 600, LIST = 2048, GARBAGE = 1000;
#define RING 48

static struct holder **holder; /* a large pointerful object */
static uint64_t *key;          /* malloc'd: the expected keys */
static struct parc_test_link *ring[RING];

static struct payload *payload(uint64_t k)
{
    struct payload *p = parc_alloc(sizeof *p);
    CHECK(p != NULL);
    p->key = k;
    p->next = parc_alloc(sizeof *p->next);
    CHECK(p->next != NULL);
    p->next->key = ~k;
    return p;
}

static void check(long i)
{
    struct payload *p = holder[i]->p;
    if (!p || p->key != key[i] || !p->next || p->next->key != ~key[i]) {
        fprintf(stderr, "payload %ld lost or wrong\n", i);
        CHECK(0);
    }
}

/* noinline, and the stack overwritten after it: a payload must be found
 * through its holder, not through a stale word of this frame. */
__attribute__((noinline)) static void mutate(uint64_t *s, long r)
{
    for (long k = 0; k < 64; k++) {
        uint64_t x = parc_test_mix(++*s);
        long i = (long)(x % (uint64_t)HOLDERS);
        long j = (long)((x >> 32) % (uint64_t)HOLDERS);
        struct payload *t = holder[i]->p;
        holder[i]->p = holder[j]->p;
        holder[j]->p = t;
        uint64_t tk = key[i];
        key[i] = key[j];
        key[j] = tk;
    }
    for (long k = 0; k < 16; k++) {
        long i = (long)(parc_test_mix(++*s) % (uint64_t)HOLDERS);
        key[i] = parc_test_mix(++*s);
        holder[i]->p = payload(key[i]);
    }
    parc_test_age_lists(ring, RING, r, LIST, GARBAGE);
}

static void body(void)
{
    /* Globals are not roots unless registered. */
    CHECK(parc_root_add(&holder, sizeof holder) == 0);
    holder = parc_alloc((size_t)HOLDERS * sizeof *holder);
    key = malloc((size_t)HOLDERS * sizeof *key);
    CHECK(holder != NULL && key != NULL);
    uint64_t s = 7;
    for (long i = 0; i < HOLDERS; i++) {
        holder[i] = parc_alloc(sizeof *holder[i]);
        CHECK(holder[i] != NULL);
        key[i] = parc_test_mix(++s);
        holder[i]->p = payload(key[i]);
    }
    CHECK(parc_root_add(ring, sizeof ring) == 0);
    /* Not scaled down: fewer rounds would see too few full collections. */
    long rounds = ROUNDS;
    for (long r = 0; r < rounds; r++) {
        mutate(&s, r);
        parc_test_clobber_stack(4096);
        if (r % 16 == 0)
            for (long i = 0; i < HOLDERS; i++)
                check(i);
    }
    for (long i = 0; i < HOLDERS; i++)
        check(i);
    CHECK(parc_root_remove(ring) == 0);
    CHECK(parc_root_remove(&holder) == 0);
    free(key);
    exit(0); /* PARC_GC_STATS reports at exit */
}

int main(void)
{
    if (parc_test_gc_stressed()) {
        HOLDERS = 1024;
        ROUNDS = 40;
        LIST = 16;
        GARBAGE = 0;
    }
    char buf[8192];
    const char *g =
        parc_child_run_marking(body, "incremental marking", buf, sizeof buf);
    unsigned long slices = parc_child_sum(buf, "slices");
    unsigned long full = parc_child_sum(buf, "full");
    printf("%.*s: %lu full collections, %lu slices\n",
           (int)strcspn(g, "\n"), g, full, slices);
    if (strncmp(g, "generations=uffd", 16) == 0)
        CHECK(slices > 0);
    return 0;
}
