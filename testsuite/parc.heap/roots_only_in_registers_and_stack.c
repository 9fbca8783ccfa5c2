/* Area:	the collector's roots: stack and registers
   Purpose:	A linked list whose head lives only in a local variable (a
		register or a stack slot, as the compiler chooses) grows
		while much more garbage is allocated, so that the heap is
		collected many times; every node must keep its contents.
		The list is built in every stolen frame too (a fork per
		list), so the roots are those of the thieves' stacks.
   Limitations:	none.
   Allocations:	about 2,400,000 * PARC_TEST_SCALE objects.  */

/* { dg-do run } */
/* { dg-parc-env ASAN_OPTIONS detect_stack_use_after_return=1 } */

#include <parc.h>
#include <stdint.h>
#include <stdio.h>

#include "parc-test.h"

struct cell {
    struct cell *next;
    uint64_t v, w;
};

static long build_and_check(uint64_t seed, long n)
{
    struct cell *head = NULL;
    for (long i = 0; i < n; i++) {
        struct cell *c = parc_alloc(sizeof *c);
        CHECK(c != NULL);
        c->next = head;
        c->v = parc_test_mix(seed + (uint64_t)i);
        c->w = ~c->v;
        head = c;
        /* Garbage: five times the list's own allocation. */
        for (int g = 0; g < 5; g++) {
            uint64_t *junk = parc_alloc(24 + 8 * (i % 7));
            CHECK(junk != NULL);
            junk[0] = (uint64_t)i;
        }
    }
    long count = 0;
    for (long i = n - 1; head; head = head->next, i--) {
        CHECK(head->v == parc_test_mix(seed + (uint64_t)i));
        CHECK(head->w == ~head->v);
        count++;
    }
    return count;
}

struct call {
    parc_frame f;
    uint64_t seed;
    long n, r;
};

static void thunk(parc_frame *f)
{
    struct call *c = (struct call *)f;
    c->r = build_and_check(c->seed, c->n);
}

int main(void)
{
    long n = parc_test_scaled(100000, 2000);
    enum { FORKS = 3 };
    struct call calls[FORKS];
    for (int i = 0; i < FORKS; i++) {
        calls[i].seed = (uint64_t)(i + 1) << 40;
        calls[i].n = n;
        parc_fork(&calls[i].f, thunk);
    }
    long mine = build_and_check(7, n);
    for (int i = FORKS; i-- > 0;) {
        if (parc_pop(&calls[i].f))
            thunk(&calls[i].f);
        CHECK(calls[i].r == n);
    }
    CHECK(mine == n);
    printf("lists of %ld checked\n", n);
    return 0;
}
