/* binarytrees on Debian's Boehm-Demers-Weiser collector (libgc): GC_MALLOC
 * per node, trees dropped by forgetting their roots. parc's worker threads
 * are not created through libgc's pthread_create wrapper, so each registers
 * itself at its first allocation (its stack then becomes a root and it takes
 * part in libgc's stop-the-world). */
#define BT_IMPL "boehm"
#define GC_THREADS

#include <gc.h>

typedef int bt_mark_t;
struct node;
static void bt_setup(void)
{
    GC_INIT();
    GC_allow_register_threads();
}
static bt_mark_t bt_mark(void) { return 0; }
static void bt_drop(bt_mark_t m, struct node *root) { (void)m; (void)root; }
static void bt_free_long(struct node *root) { (void)root; }

#include "binarytrees.h"

static __thread int registered;

static void register_thread(void)
{
    struct GC_stack_base sb;
    if (GC_get_stack_base(&sb) != GC_SUCCESS)
        bench_fail("GC_get_stack_base failed");
    GC_register_my_thread(&sb); /* GC_DUPLICATE for the main thread: fine */
    registered = 1;
}

static struct node *bt_node(struct node *l, struct node *r)
{
    if (__builtin_expect(!registered, 0))
        register_thread();
    struct node *n = GC_MALLOC(sizeof *n);
    if (!n)
        bench_fail("GC_MALLOC: out of memory");
    n->l = l;
    n->r = r;
    return n;
}
