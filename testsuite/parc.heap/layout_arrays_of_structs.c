/* Area:	parc_alloc_layout with a count: arrays of structs
   Purpose:	Arrays of 0 to 800 elements of three layouts (32 bytes with
		one pointer, 48 bytes with a pointer at each end, 16 bytes
		without pointers) come zeroed, 16-aligned when the element
		size is a multiple of 16, and cross from small cells to
		large objects (about 38 KiB). Every element's pointer fields
		keep their targets (atomic strings) through collections
		(PARC_GC_STRESS=3, most of them minor: PARC_GC_GEN_MIN=0); an array reached only through a pointer
		to one of its elements (an interior pointer held in another
		layout object's pointer field) keeps all its elements and
		what they reach.
   Limitations:	none.
   Allocations:	about 60,000 * PARC_TEST_SCALE objects.  */

/* { dg-do run } */
/* { dg-parc-env ASAN_OPTIONS detect_stack_use_after_return=1 } */
/* { dg-parc-env PARC_GC_STRESS 3 } */
/* { dg-parc-env PARC_GC_GEN_MIN 0 } */

#include <parc.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "parc-test.h"

struct a32 { /* 32 bytes, one pointer */
    uint64_t x;
    char *s;
    uint64_t y, z;
};
struct a48 { /* 48 bytes, pointers first and last */
    char *first;
    uint64_t v[4];
    char *last;
};
struct a16 { /* 16 bytes, no pointers */
    uint64_t p, q;
};
struct hold { /* keeps arrays through interior pointers */
    struct a32 *mid32;
    struct a48 *mid48;
};

static const parc_layout *l32, *l48, *l16, *lhold;

static char *str(uint64_t k)
{
    char *s = parc_alloc_atomic(20);
    CHECK(s != NULL);
    snprintf(s, 20, "%llu", (unsigned long long)k);
    return s;
}

static int is_str(const char *s, uint64_t k)
{
    char want[20];
    snprintf(want, 20, "%llu", (unsigned long long)k);
    return strcmp(s, want) == 0;
}

struct set {
    struct a32 *a;
    struct a48 *b;
    struct a16 *c;
    size_t n;
    uint64_t seed;
};

static void make(struct set *t, size_t n, uint64_t seed)
{
    t->n = n;
    t->seed = seed;
    CHECK((t->a = parc_alloc_layout(l32, n)) != NULL);
    CHECK((t->b = parc_alloc_layout(l48, n)) != NULL);
    CHECK((t->c = parc_alloc_layout(l16, n)) != NULL);
    CHECK((uintptr_t)t->b % 16 == 0 && (uintptr_t)t->c % 16 == 0);
    for (size_t i = 0; i < n; i++) {
        CHECK(t->a[i].x == 0 && t->a[i].s == NULL && t->a[i].z == 0);
        CHECK(t->b[i].first == NULL && t->b[i].last == NULL);
        CHECK(t->c[i].p == 0 && t->c[i].q == 0);
    }
    for (size_t i = 0; i < n; i++) {
        uint64_t k = seed * 1000 + i;
        t->a[i] = (struct a32){k, str(k), ~k, k * 3};
        t->b[i].first = str(k + 1);
        t->b[i].v[0] = t->b[i].v[3] = k;
        t->b[i].last = str(k + 2);
        t->c[i] = (struct a16){k, k + 7};
    }
}

static void check(const struct set *t)
{
    for (size_t i = 0; i < t->n; i++) {
        uint64_t k = t->seed * 1000 + i;
        CHECK(t->a[i].x == k && t->a[i].y == ~k && t->a[i].z == k * 3);
        CHECK(is_str(t->a[i].s, k));
        CHECK(is_str(t->b[i].first, k + 1) && is_str(t->b[i].last, k + 2));
        CHECK(t->b[i].v[0] == k && t->b[i].v[3] == k);
        CHECK(t->c[i].p == k && t->c[i].q == k + 7);
    }
}

int main(void)
{
    static const size_t p32[] = {offsetof(struct a32, s)};
    static const size_t p48[] = {offsetof(struct a48, last),
                                 offsetof(struct a48, first)};
    static const size_t ph[] = {offsetof(struct hold, mid32),
                                offsetof(struct hold, mid48)};
    CHECK((l32 = parc_layout_new(sizeof(struct a32), p32, 1)));
    CHECK((l48 = parc_layout_new(sizeof(struct a48), p48, 2)));
    CHECK((l16 = parc_layout_new(sizeof(struct a16), NULL, 0)));
    CHECK((lhold = parc_layout_new(sizeof(struct hold), ph, 2)));

    static const size_t counts[] = {0, 1, 2, 3, 7, 31, 100, 333, 682, 800};
    enum { K = sizeof counts / sizeof *counts };
    struct set *sets = parc_alloc(K * sizeof *sets); /* kept by main's stack */
    CHECK(sets != NULL);
    long rounds = parc_test_scaled(4, 1);
    for (long r = 0; r < rounds; r++) {
        for (int i = 0; i < K; i++)
            make(&sets[i], counts[i], (uint64_t)(r * K + i + 1));
        for (int i = 0; i < K; i++)
            check(&sets[i]);
    }

    /* Arrays kept only through pointers to their middle elements. */
    struct hold *h = parc_alloc_layout(lhold, 1);
    CHECK(h != NULL);
    struct set big;
    make(&big, 800, 99);
    h->mid32 = &big.a[400];
    h->mid48 = &big.b[799];
    uintptr_t a_at = (uintptr_t)big.a, b_at = (uintptr_t)big.b;
    memset(&big, 0, sizeof big);
    for (int i = 0; i < 4000; i++) /* garbage: collections */
        memset(parc_alloc_layout(l48, 3), 0x5a, 3 * sizeof(struct a48));
    parc_gc_collect();
    big.a = h->mid32 - 400;
    big.b = h->mid48 - 799;
    big.c = NULL;
    CHECK((uintptr_t)big.a == a_at && (uintptr_t)big.b == b_at);
    for (size_t i = 0; i < 800; i++) {
        uint64_t k = 99 * 1000 + i;
        CHECK(big.a[i].x == k && is_str(big.a[i].s, k));
        CHECK(is_str(big.b[i].first, k + 1) && is_str(big.b[i].last, k + 2));
    }
    printf("ok\n");
    return 0;
}
/* { dg-output "ok" } */
