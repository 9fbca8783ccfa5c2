/* Area:	open objects (gc.c's twins) across minor collections and
		incremental full collections
   Purpose:	A pointer array of 256 pages (a large object) gets a young
		payload on every page between collections, so a minor
		collection opens it: unprotected, with a twin, the changed
		words found by comparing. With a small pause goal the
		collector's own full collections are incremental and keep it
		open: the twin's words are grey at the start, and the rounds
		and the final pause mark from the words that changed. The
		program moves pointers into the array from where the marking
		may not look again: from one slot of the array to another
		(a swap), and from small holders whose field is then
		overwritten, so that the only copy left is in the array
		(the collector reaches the holders through a chain of
		65,536, so an incremental marking reaches many of them
		late: a payload moved before that is found through the
		array or lost);
		lists that live 48 rounds and then die old make the old
		objects grow, so that the collector's policy starts full
		collections.
		Every payload's key is checked round after round and at the
		end, in a child process that must report slices and minor
		collections (PARC_GC_STATS) where the kernel has written-page
		sets, and in which the array's stores must take fewer than
		one fault in eight pages after the first rounds (it stays
		open, also across the incremental collections).
   Limitations:	where the written-page sets are unavailable (kernels
		before 6.7, or PARC_GC_GEN=off) there are neither minor nor
		incremental collections: only the keys are checked. Faults
		not compared under PARC_GC_STRESS or in the sanitizer builds
		(their shadow memory faults too).
   Allocations:	about 2,000,000 objects (fewer under PARC_GC_STRESS).  */

/* { dg-do run } */
/* { dg-parc-env ASAN_OPTIONS detect_stack_use_after_return=0 } */

#include <parc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "parc-child.h"
#include "parc-test.h"

#define SLOTS_PER_PAGE 512
#define MAX_PAGES 256
/* Every BIG_EVERY-th holder holds a large payload, BIG bytes; BIG_MOVES of
 * them are moved into the array a round. A large object the collector
 * wrongly frees goes back to the OS at once (its pages read as zero), so
 * a lost one is seen at the next check; a lost small one may not be: with
 * a pause goal the allocator reuses only whole free pages. */
#define BIG ((size_t)48 << 10)
#define BIG_EVERY 256
#define BIG_MOVES 2

struct payload {
    uint64_t key;
    struct payload *next; /* a second payload, made with this one */
};

struct holder {
    struct payload *p;
    struct holder *next; /* the chain: the collector's only way to them */
    uint64_t pad[2];
};

static long PAGES = MAX_PAGES, HOLDERS = 65536, ROUNDS = 600, GARBAGE = 1000,
            LIST = 2048;
#define RING 48
#define WARMUP 8 /* rounds before the faults are counted */

/* Roots: registered below. */
static struct payload **slot;   /* PAGES * SLOTS_PER_PAGE, a large object */
static struct holder *chain;    /* HOLDERS small objects, linked */
static struct holder **holder;  /* malloc'd: the same, by number */
static uint64_t *slot_key, *holder_key; /* malloc'd: expected keys, 0: NULL */
/* Lists that survive RING rounds and then die old: the old objects grow,
 * and the collector's policy starts full collections, incremental ones. */
static struct parc_test_link *ring[RING];
/* This round's new payloads. */
static struct payload *fresh[MAX_PAGES + BIG_MOVES];

/* A payload of at least bytes (a large object from 32 KiB on). */
static struct payload *payload(uint64_t k, size_t bytes)
{
    struct payload *p = parc_alloc(bytes > sizeof *p ? bytes : sizeof *p);
    CHECK(p != NULL);
    p->key = k;
    p->next = parc_alloc(sizeof *p->next);
    CHECK(p->next != NULL);
    p->next->key = ~k;
    return p;
}

static void check_one(const struct payload *p, uint64_t k, const char *where,
                      long i)
{
    if (!k) {
        CHECK(p == NULL);
        return;
    }
    if (!p || p->key != k || !p->next || p->next->key != ~k) {
        fprintf(stderr, "%s %ld: payload lost or wrong\n", where, i);
        CHECK(0);
    }
}

static void check_all(void)
{
    for (long i = 0; i < PAGES * SLOTS_PER_PAGE; i++)
        check_one(slot[i], slot_key[i], "slot", i);
    for (long i = 0; i < HOLDERS; i++)
        check_one(holder[i]->p, holder_key[i], "holder", i);
}

/* Round r; returns the page faults its stores into the array took. Each
 * page of the array gets the payload of a random holder, made some rounds
 * ago, and the holder a new one: the moved payload, if the marking has not
 * reached it yet, is then only in the array, where only the comparison
 * with the twin finds it. noinline, and the stack overwritten after it: a
 * payload must be found through the array or a holder, not through a
 * stale word of this frame. */
__attribute__((noinline)) static long mutate(uint64_t *s, long r)
{
    /* The new payloads first (fresh is a root), so that the stores below
     * allocate nothing: no collection comes between them. */
    for (long p = 0; p < PAGES; p++)
        fresh[p] = payload(parc_test_mix(++*s) | 1, 0);
    for (long k = 0; k < BIG_MOVES; k++)
        fresh[PAGES + k] = payload(parc_test_mix(++*s) | 1, BIG);
    long big[BIG_MOVES];
    long h[MAX_PAGES];
    long before = parc_test_minor_faults();
    for (long p = 0; p < PAGES; p++) {
        uint64_t x = parc_test_mix(++*s);
        long i = p * SLOTS_PER_PAGE + (long)(x % SLOTS_PER_PAGE);
        h[p] = (long)((x >> 32) % (uint64_t)HOLDERS);
        slot[i] = holder[h[p]]->p;
        slot_key[i] = holder_key[h[p]];
    }
    for (long k = 0; k < BIG_MOVES; k++) {
        uint64_t x = parc_test_mix(++*s);
        long i = (long)(x % (uint64_t)(PAGES * SLOTS_PER_PAGE));
        big[k] = (long)((x >> 32) % (uint64_t)(HOLDERS / BIG_EVERY)) *
                 BIG_EVERY;
        slot[i] = holder[big[k]]->p;
        slot_key[i] = holder_key[big[k]];
    }
    for (long k = 0; k < 64; k++) { /* swaps within the array */
        uint64_t x = parc_test_mix(++*s);
        long i = (long)(x % (uint64_t)(PAGES * SLOTS_PER_PAGE));
        long j = (long)((x >> 32) % (uint64_t)(PAGES * SLOTS_PER_PAGE));
        struct payload *t = slot[i];
        slot[i] = slot[j];
        slot[j] = t;
        uint64_t tk = slot_key[i];
        slot_key[i] = slot_key[j];
        slot_key[j] = tk;
    }
    long faults = parc_test_minor_faults() - before;
    /* The holders' pages fault too (they are small objects, protected):
     * not counted. */
    for (long p = 0; p < PAGES; p++) {
        holder[h[p]]->p = fresh[p];
        holder_key[h[p]] = fresh[p]->key;
        fresh[p] = NULL;
    }
    for (long k = 0; k < BIG_MOVES; k++) {
        holder[big[k]]->p = fresh[PAGES + k];
        holder_key[big[k]] = fresh[PAGES + k]->key;
        fresh[PAGES + k] = NULL;
    }
    parc_test_age_lists(ring, RING, r, LIST, GARBAGE);
    return faults;
}

static void body(void)
{
    /* The array last: a marking scans the roots' targets last in, first
     * out, so the array early and the holders' chain after it. */
    CHECK(parc_root_add(&chain, sizeof chain) == 0);
    CHECK(parc_root_add(ring, sizeof ring) == 0);
    CHECK(parc_root_add(fresh, sizeof fresh) == 0);
    CHECK(parc_root_add(&slot, sizeof slot) == 0);
    slot = parc_alloc((size_t)PAGES * SLOTS_PER_PAGE * sizeof *slot);
    holder = malloc((size_t)HOLDERS * sizeof *holder);
    slot_key = calloc((size_t)PAGES * SLOTS_PER_PAGE, sizeof *slot_key);
    holder_key = calloc((size_t)HOLDERS, sizeof *holder_key);
    CHECK(slot && holder && slot_key && holder_key);
    uint64_t s = 11;
    for (long i = HOLDERS - 1; i >= 0; i--) {
        holder[i] = parc_alloc(sizeof *holder[i]);
        CHECK(holder[i] != NULL);
        holder_key[i] = parc_test_mix(++s) | 1;
        holder[i]->p = payload(holder_key[i], i % BIG_EVERY ? 0 : BIG);
        holder[i]->next = chain;
        chain = holder[i];
    }
    long faults = 0;
    for (long r = 0; r < ROUNDS; r++) {
        long f = mutate(&s, r);
        if (r >= WARMUP)
            faults += f;
        parc_test_clobber_stack(16384);
        if (r % 4 == 0)
            check_all();
    }
    check_all();
    fprintf(stderr, "array stores: %ld page faults in %ld rounds of %ld "
            "pages\n", faults, ROUNDS - WARMUP, PAGES);
    exit(0); /* PARC_GC_STATS reports at exit */
}

int main(void)
{
    int stressed = parc_test_gc_stressed();
    if (stressed) {
        PAGES = 64; /* gc.c's OPEN_MIN_PAGES */
        HOLDERS = 2 * BIG_EVERY;
        ROUNDS = 24;
        GARBAGE = 0;
        LIST = 16;
    }
    char buf[8192];
    const char *g =
        parc_child_run_marking(body, "open array", buf, sizeof buf);
    unsigned long slices = parc_child_sum(buf, "slices");
    unsigned long minor = parc_child_sum(buf, "minor");
    long faults = -1, rounds = 0, pages = 0;
    const char *a = strstr(buf, "array stores: ");
    CHECK(a != NULL &&
          sscanf(a, "array stores: %ld page faults in %ld rounds of %ld",
                 &faults, &rounds, &pages) == 3);
    printf("%.*s: %lu minor collections, %lu slices; %ld page faults in "
           "%ld rounds of %ld pages\n", (int)strcspn(g, "\n"), g, minor,
           slices, faults, rounds, pages);
    if (strncmp(g, "generations=uffd", 16) != 0)
        return 0;
    CHECK(slices > 0 && minor > 0);
#if !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)
    if (!stressed)
        CHECK(faults * 8 < rounds * pages);
#endif
    return 0;
}
