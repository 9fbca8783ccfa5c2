/* Area:	parc_copy of layout objects: deep copies
   Purpose:	parc_copy of a parc_alloc_layout object copies it and every
		parc object its pointer fields reach into the caller's heap:
		a tree (with atomic names), a DAG whose shared nodes stay
		shared once each in the copy, a ring with self-loops (cycles
		stay cycles), interior and one-past-the-end pointers into a
		layout array (kept at the same offsets of the copy), a large
		array (a run of chunks) of pointers; fields pointing outside
		parc heaps (a static, malloc'd memory) and NULL are copied as
		they are. No pointer of a copy names an original, the copy
		keeps its contents when the originals are overwritten, and
		stays whole through collections made while it is built
		(PARC_GC_STRESS=2). A stolen child copies its parent's graph
		into its own heap, which joins the parent's.
   Limitations:	none.  */

/* { dg-do run } */
/* { dg-parc-env ASAN_OPTIONS detect_stack_use_after_return=1 } */
/* { dg-parc-env PARC_GC_STRESS 2 } */

#include <errno.h>
#include <parc.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parc-test.h"

struct node {
    uint64_t key;
    struct node *left, *right;
    char *name;     /* atomic */
    void *outside;  /* a pointer field that may point outside parc */
    struct node **arr; /* into an array of node pointers (layout) */
};

static const parc_layout *node_l, *ptr_l;
static int a_static;

/* The originals of this round (start and size), to check that no copy
 * names one. The table is a parc_alloc object (scanned conservatively)
 * rooted by a registered global, so the originals stay alive all round:
 * a dead one's cell could be reused by a later copy. */
struct orig {
    uintptr_t at;
    size_t size;
};
static struct orig *orig; /* registered */
static size_t norig, origcap;

static void note(const void *p, size_t size)
{
    if (norig == origcap) {
        origcap = origcap ? 2 * origcap : 1024;
        struct orig *o = parc_alloc(origcap * sizeof *o);
        CHECK(o != NULL);
        if (norig)
            memcpy(o, orig, norig * sizeof *o);
        orig = o;
    }
    orig[norig].at = (uintptr_t)p;
    orig[norig++].size = size;
}

static struct node *node(uint64_t key)
{
    struct node *n = parc_alloc_layout(node_l, 1);
    CHECK(n != NULL);
    n->key = key;
    CHECK((n->name = parc_alloc_atomic(24)) != NULL);
    snprintf(n->name, 24, "k%llu", (unsigned long long)key);
    note(n, sizeof *n);
    note(n->name, 24);
    return n;
}

static int named(const struct node *n)
{
    char want[24];
    snprintf(want, 24, "k%llu", (unsigned long long)n->key);
    return strcmp(n->name, want) == 0;
}

/* A pointer of a copy must not point into (or one past) an original. */
static void not_orig(const void *p)
{
    for (size_t i = 0; i < norig; i++)
        CHECK(!((uintptr_t)p >= orig[i].at &&
                (uintptr_t)p <= orig[i].at + orig[i].size));
}

static struct node *tree(int depth, uint64_t key)
{
    if (!depth)
        return NULL;
    struct node *n = node(key);
    n->left = tree(depth - 1, 2 * key);
    n->right = tree(depth - 1, 2 * key + 1);
    n->outside = depth % 2 ? (void *)&a_static : NULL;
    return n;
}

static long check_tree(const struct node *n, int depth, uint64_t key)
{
    if (!depth) {
        CHECK(n == NULL);
        return 0;
    }
    not_orig(n);
    not_orig(n->name);
    CHECK(n->key == key && named(n));
    CHECK(n->outside == (depth % 2 ? (void *)&a_static : NULL));
    return 1 + check_tree(n->left, depth - 1, 2 * key) +
           check_tree(n->right, depth - 1, 2 * key + 1);
}

static void spoil(struct node *n, int depth)
{
    if (!depth)
        return;
    spoil(n->left, depth - 1);
    spoil(n->right, depth - 1);
    memset(n->name, 'x', 23);
    n->key = 0;
}

struct call {
    parc_frame f;
    struct node *src;
    struct node *r;
};

static void copy_in_child(parc_frame *f)
{
    struct call *c = (struct call *)f;
    struct node *r = parc_copy(c->src); /* the parent's heap -> ours */
    CHECK(r != NULL);
    c->r = r;
}

int main(void)
{
    static const size_t np[] = {offsetof(struct node, left),
                                offsetof(struct node, right),
                                offsetof(struct node, name),
                                offsetof(struct node, outside),
                                offsetof(struct node, arr)};
    static const size_t pp[] = {0};
    CHECK((node_l = parc_layout_new(sizeof(struct node), np, 5)));
    CHECK((ptr_l = parc_layout_new(sizeof(void *), pp, 1)));
    CHECK(parc_root_add(&orig, sizeof orig) == 0);
    int depth = parc_test_scale() < 0.5 ? 6 : 8;
    long rounds = parc_test_scaled(4, 2);
    for (long round = 0; round < rounds; round++) {
        norig = 0;
        /* A tree. */
        struct node *t = tree(depth, 1);
        struct node *tc = parc_copy(t);
        CHECK(tc != NULL && tc != t);
        CHECK(check_tree(tc, depth, 1) == (1L << depth) - 1);

        /* A DAG: root -> a, b; a->left = b->right = x; x's name shared
         * with root's. */
        struct node *root = node(10), *a = node(11), *b = node(12),
                    *x = parc_alloc_layout(node_l, 1);
        CHECK(x != NULL);
        note(x, sizeof *x);
        x->key = 13;
        x->name = root->name;
        root->left = a;
        root->right = b;
        a->left = x;
        b->right = x;
        struct node *dc = parc_copy(root);
        CHECK(dc != NULL);
        not_orig(dc);
        CHECK(dc->left->key == 11 && dc->right->key == 12);
        CHECK(dc->left->left == dc->right->right);
        CHECK(dc->left->left->key == 13);
        CHECK(dc->left->left->name == dc->name && named(dc));
        CHECK(strcmp(dc->name, "k10") == 0);
        not_orig(dc->left->left);
        not_orig(dc->name);

        /* A ring of 100 with self-loops, an array of pointers to its
         * nodes, interior and one-past-the-end pointers into the array,
         * a malloc'd block outside. */
        enum { R = 100 };
        struct node **arr = parc_alloc_layout(ptr_l, R);
        CHECK(arr != NULL);
        note(arr, R * sizeof *arr);
        void *outside = malloc(16);
        CHECK(outside != NULL);
        for (int i = 0; i < R; i++)
            arr[i] = node(100 + (uint64_t)i);
        for (int i = 0; i < R; i++) {
            arr[i]->right = arr[(i + 1) % R];
            arr[i]->left = arr[i];
            arr[i]->arr = i % 2 ? &arr[i] : arr + R;
            arr[i]->outside = outside;
        }
        struct node *rc = parc_copy(arr[0]);
        CHECK(rc != NULL);
        struct node **arrc = rc->right->arr - 1; /* node 1 -> &arr[1] */
        not_orig(arrc);
        struct node *p = rc;
        for (int i = 0; i < R; i++, p = p->right) {
            not_orig(p);
            CHECK(p->key == 100 + (uint64_t)i && named(p));
            CHECK(p->left == p);
            CHECK(p->outside == outside);
            CHECK(p->arr == (i % 2 ? &arrc[i] : arrc + R));
            CHECK(arrc[i] == p);
        }
        CHECK(p == rc);

        /* A large array of pointers (a run of chunks), two of them to
         * the same node. */
        enum { L = 6002 }; /* L - 1 is not a multiple of 7 */
        struct node **big = parc_alloc_layout(ptr_l, L);
        CHECK(big != NULL);
        for (int i = 0; i < L; i += 7)
            big[i] = node(5000 + (uint64_t)i);
        big[L - 1] = big[0];
        struct node **bc = parc_copy(big);
        CHECK(bc != NULL && bc != big);
        for (int i = 0; i < L; i++) {
            if (i % 7 == 0) {
                CHECK(bc[i] != big[i] && bc[i]->key == 5000 + (uint64_t)i);
                CHECK(named(bc[i]));
            } else if (i != L - 1) {
                CHECK(bc[i] == NULL);
            }
        }
        CHECK(bc[L - 1] == bc[0]);

        /* An empty array. */
        struct node **none = parc_alloc_layout(ptr_l, 0);
        CHECK(none != NULL);
        CHECK(parc_copy(none) != NULL);

        /* The copies do not follow the originals. */
        spoil(t, depth);
        for (int i = 0; i < R; i++)
            arr[i]->key = 0;
        CHECK(check_tree(tc, depth, 1) == (1L << depth) - 1);
        p = rc;
        for (int i = 0; i < R; i++, p = p->right)
            CHECK(p->key == 100 + (uint64_t)i && named(p));

        /* A stolen (or not) child copies the parent's tree. */
        struct node *t2 = tree(depth, 1);
        struct call c = {.src = t2};
        parc_fork(&c.f, copy_in_child);
        parc_join(&c.f);
        spoil(t2, depth);
        for (int i = 0; i < 2000; i++) /* garbage: collections */
            CHECK(parc_alloc_layout(node_l, 1) != NULL);
        CHECK(check_tree(c.r, depth, 1) == (1L << depth) - 1);
        free(outside);
    }
    printf("ok\n");
    return 0;
}
/* { dg-output "ok" } */
