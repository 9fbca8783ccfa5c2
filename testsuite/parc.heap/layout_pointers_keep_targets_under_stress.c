/* Area:	parc_alloc_layout: precise scanning keeps what pointer fields
		reach
   Purpose:	Trees of layout nodes (a plain key, two child pointers, a
		pointer to a parc_alloc_atomic name, a pointer to an array of
		layout records) are built in parallel, their subtrees in
		stolen tasks' heaps merged at the joins, and are reachable
		only through pointer fields of layout objects from one
		registered global. Under PARC_GC_STRESS=2 (a collection at
		every other allocation, every fourth of them full), with
		garbage made between the checks, every node, name and record
		keeps its contents: a pointer field missed by the precise
		scan would free its target, whose cell is soon reused.
		PARC_GC_GEN_MIN=0 makes most of these collections minor
		ones, so old layout objects that point to young objects are
		found through their written pages (the test fails when
		layout chunks are left out of the remembered set).
   Limitations:	none.
   Allocations:	about 40,000 * PARC_TEST_SCALE objects.  */

/* { dg-do run } */
/* { dg-parc-env ASAN_OPTIONS detect_stack_use_after_return=1 } */
/* { dg-parc-env PARC_GC_STRESS 2 } */
/* { dg-parc-env PARC_GC_GEN_MIN 0 } */

#include <parc.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "parc-test.h"

struct rec {
    uint64_t a;
    char *text; /* atomic */
    uint64_t b;
};

struct node {
    uint64_t key;
    struct node *left, *right;
    char *name;       /* atomic, 24 bytes */
    struct rec *recs; /* 3 records, a layout array */
};

static const parc_layout *node_layout, *rec_layout;
static struct node *roots[4]; /* registered */

static void name_of(char *buf, uint64_t key)
{
    snprintf(buf, 24, "n%llx", (unsigned long long)(key & 0xffffffffffull));
}

static struct node *build(int depth, uint64_t key);

struct call {
    parc_frame f;
    int depth;
    uint64_t key;
    struct node *r;
};

static void build_thunk(parc_frame *f)
{
    struct call *c = (struct call *)f;
    c->r = build(c->depth, c->key); /* the last act (docs/heap.md) */
}

static struct node *build(int depth, uint64_t key)
{
    if (depth == 0)
        return NULL;
    struct node *n = parc_alloc_layout(node_layout, 1);
    CHECK(n != NULL);
    n->key = key;
    CHECK((n->name = parc_alloc_atomic(24)) != NULL);
    name_of(n->name, key);
    CHECK((n->recs = parc_alloc_layout(rec_layout, 3)) != NULL);
    for (int i = 0; i < 3; i++) {
        n->recs[i].a = key + (uint64_t)i;
        CHECK((n->recs[i].text = parc_alloc_atomic(16)) != NULL);
        memset(n->recs[i].text, 'a' + i, 15);
        n->recs[i].b = ~key;
    }
    struct call c = {.depth = depth - 1, .key = parc_test_mix(key * 2)};
    if (depth > 3)
        parc_fork(&c.f, build_thunk);
    else
        build_thunk(&c.f);
    struct node *r = build(depth - 1, parc_test_mix(key * 2 + 1));
    if (depth > 3)
        parc_join(&c.f);
    n->left = c.r;
    n->right = r;
    return n;
}

static long check(const struct node *n, int depth, uint64_t key)
{
    if (depth == 0) {
        CHECK(n == NULL);
        return 0;
    }
    CHECK(n != NULL);
    CHECK(n->key == key);
    char want[24];
    name_of(want, key);
    CHECK(strcmp(n->name, want) == 0);
    for (int i = 0; i < 3; i++) {
        CHECK(n->recs[i].a == key + (uint64_t)i);
        CHECK(n->recs[i].b == ~key);
        for (int j = 0; j < 15; j++)
            CHECK(n->recs[i].text[j] == 'a' + i);
        CHECK(n->recs[i].text[15] == 0);
    }
    return 1 + check(n->left, depth - 1, parc_test_mix(key * 2)) +
           check(n->right, depth - 1, parc_test_mix(key * 2 + 1));
}

static void garbage(long n)
{
    for (long i = 0; i < n; i++) {
        struct node *g = parc_alloc_layout(node_layout, 1);
        CHECK(g != NULL);
        g->key = (uint64_t)i;
        memset(parc_alloc_atomic(24), 0xee, 24);
        memset(parc_alloc(40), 0xdd, 40);
    }
}

int main(void)
{
    static const size_t np[] = {offsetof(struct node, right),
                                offsetof(struct node, left),
                                offsetof(struct node, name),
                                offsetof(struct node, recs)};
    static const size_t rp[] = {offsetof(struct rec, text)};
    CHECK((node_layout = parc_layout_new(sizeof(struct node), np, 4)));
    CHECK((rec_layout = parc_layout_new(sizeof(struct rec), rp, 1)));
    CHECK(parc_root_add(roots, sizeof roots) == 0);
    int depth = 7;
    long rounds = parc_test_scaled(6, 2);
    uint64_t keys[4] = {0};
    for (long r = 0; r < rounds; r++) {
        int k = (int)(r % 4);
        keys[k] = (uint64_t)r + 1;
        roots[k] = build(depth, keys[k]);
        garbage(parc_test_scaled(2000, 300));
        for (int j = 0; j < 4 && j <= r; j++)
            CHECK(check(roots[j], depth, keys[j]) == (1L << depth) - 1);
    }
    printf("ok\n");
    return 0;
}
/* { dg-output "ok" } */
