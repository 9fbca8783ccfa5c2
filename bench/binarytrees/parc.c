/* binarytrees on parc's task heaps: parc_alloc, trees dropped by forgetting
 * their roots. */
#define BT_IMPL "parc"

#include <parc.h>

typedef int bt_mark_t;
struct node;
static void bt_setup(void) {}
static bt_mark_t bt_mark(void) { return 0; }
static void bt_drop(bt_mark_t m, struct node *root) { (void)m; (void)root; }
static void bt_free_long(struct node *root) { (void)root; }

#include "binarytrees.h"

static struct node *bt_node(struct node *l, struct node *r)
{
    struct node *n = parc_alloc(sizeof *n);
    if (!n)
        bench_fail("parc_alloc: out of memory");
    n->l = l;
    n->r = r;
    return n;
}
