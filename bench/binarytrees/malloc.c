/* binarytrees on glibc malloc: a malloc per node, a free per node at drop. */
#define BT_IMPL "malloc"

#include <stdlib.h>

typedef int bt_mark_t;
struct node;
static void free_tree(struct node *n);
static void bt_setup(void) {}
static bt_mark_t bt_mark(void) { return 0; }
static void bt_drop(bt_mark_t m, struct node *root) { (void)m; free_tree(root); }
static void bt_free_long(struct node *root) { free_tree(root); }

#include "binarytrees.h"

static void free_tree(struct node *n)
{
    if (n->l) {
        free_tree(n->l);
        free_tree(n->r);
    }
    free(n);
}

static struct node *bt_node(struct node *l, struct node *r)
{
    struct node *n = malloc(sizeof *n);
    if (!n)
        bench_fail("malloc: out of memory");
    n->l = l;
    n->r = r;
    return n;
}
