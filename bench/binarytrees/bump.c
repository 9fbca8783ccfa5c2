/* binarytrees with a per-thread bump region that is never reset: every node
 * is fresh memory, nothing is freed or collected (the floor:
 * "allocate, never collect"). Its peak RSS is therefore everything the run
 * allocates (about 2 GiB at depth 19, 10 GiB at 21). Each thread reserves
 * address space once (MAP_NORESERVE) and touches what it uses. */
#define BT_IMPL "bump"

#include <stddef.h>
#include <sys/mman.h>

#define REGION ((size_t)64 << 30)

typedef char *bt_mark_t;
struct node;
static __thread char *bump, *region_end;

static void make_region(void);
static void bt_setup(void) {}
static bt_mark_t bt_mark(void)
{
    if (!bump)
        make_region();
    return bump;
}
static void bt_drop(bt_mark_t m, struct node *root)
{
    (void)m;
    (void)root;
}
static void bt_free_long(struct node *root) { (void)root; }

#include "binarytrees.h"

static void make_region(void)
{
    void *p = mmap(NULL, REGION, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED)
        bench_fail("mmap of the bump region failed");
    bump = p;
    region_end = bump + REGION;
}

static struct node *bt_node(struct node *l, struct node *r)
{
    if (__builtin_expect(!bump, 0))
        make_region();
    if (__builtin_expect(bump + sizeof(struct node) > region_end, 0))
        bench_fail("bump region of %zu bytes exhausted", REGION);
    struct node *n = (struct node *)bump;
    bump += sizeof *n;
    n->l = l;
    n->r = r;
    return n;
}
