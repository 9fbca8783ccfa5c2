/* binarytrees.h: the Benchmarks Game's binary-trees, shared by every
 * implementation; they differ only in how a node is allocated and how a tree
 * is dropped.
 *
 * The program (param: the maximum depth D, default 19): a stretch tree of
 * depth D + 1 built, checked and dropped; a long-lived tree of depth D; then
 * for each depth d = 4, 6, ..., D, 2^(D - d + 4) trees of depth d built,
 * checked (a walk counting the nodes) and dropped; finally the long-lived
 * tree checked. The iterations of each depth are divided among the workers
 * with parc's strict fork/join (a fork per half of a range of iterations,
 * down to leaves of about LEAF_NODES nodes), the same in every
 * implementation, so that only the memory management differs:
 *
 *   parc    parc_alloc; a tree is dropped by forgetting its root (task heaps
 *           and their collector)
 *   malloc  glibc malloc node by node; the tree freed node by node at drop
 *   boehm   Debian's libgc, GC_MALLOC; parc's worker threads registered with
 *           it at their first allocation; dropped by forgetting
 *   bump    a per-thread bump region reset when a tree is dropped (a tree
 *           built, checked and dropped is the region discipline at its best:
 *           no collection, no free): the floor
 *
 * An implementation defines, before including this file:
 *   BT_IMPL                 its name
 *   bt_setup()              before the clock (runtime starts, GC_INIT)
 *   bt_node(l, r)           a new node
 *   bt_mark_t, bt_mark(), bt_drop(mark, root)
 *                           a mark taken before a tree is built, and the drop
 *                           of that tree after its check
 *   bt_free_long(root)      the end of the long-lived tree
 * Output: workers=, time_s= and peak_rss_mib= (getrusage's ru_maxrss).
 */
#ifndef BINARYTREES_H
#define BINARYTREES_H

#include <parc.h>
#include <stdio.h>
#include <sys/resource.h>

#include "../common.h"

#define MIN_DEPTH 4
#define LEAF_NODES (1L << 16)

struct node {
    struct node *l, *r;
};

static struct node *bt_node(struct node *l, struct node *r);

static struct node *bottom_up(int depth)
{
    if (depth <= 0)
        return bt_node(NULL, NULL);
    /* Left first, then right: the order of the reference program. */
    struct node *l = bottom_up(depth - 1);
    struct node *r = bottom_up(depth - 1);
    return bt_node(l, r);
}

static long check(const struct node *n)
{
    return n->l ? 1 + check(n->l) + check(n->r) : 1;
}

static long make_check(int depth)
{
    bt_mark_t m = bt_mark();
    struct node *t = bottom_up(depth);
    long c = check(t);
    bt_drop(m, t);
    return c;
}

struct iter_call {
    parc_frame f;
    int depth;
    long lo, hi, r;
};

static long iterate(int depth, long lo, long hi);

static void iter_thunk(parc_frame *f)
{
    struct iter_call *c = (struct iter_call *)f;
    c->r = iterate(c->depth, c->lo, c->hi);
}

static long iterate(int depth, long lo, long hi)
{
    if (hi - lo == 1 || (hi - lo) * (2L << depth) <= LEAF_NODES) {
        long sum = 0;
        for (long i = lo; i < hi; i++)
            sum += make_check(depth);
        return sum;
    }
    long mid = lo + (hi - lo) / 2;
    struct iter_call a = {.depth = depth, .lo = mid, .hi = hi};
    parc_fork(&a.f, iter_thunk);
    long mine = iterate(depth, lo, mid);
    if (parc_pop(&a.f))
        iter_thunk(&a.f);
    return mine + a.r;
}

static long nodes_of(int depth) { return (2L << depth) - 1; }

static long BENCH_KERNEL(int max_depth)
{
    long bad = 0;
    if (make_check(max_depth + 1) != nodes_of(max_depth + 1))
        bad++;
    struct node *long_lived = bottom_up(max_depth);
    for (int d = MIN_DEPTH; d <= max_depth; d += 2) {
        long iterations = 1L << (max_depth - d + MIN_DEPTH);
        if (iterate(d, 0, iterations) != iterations * nodes_of(d))
            bad++;
    }
    if (check(long_lived) != nodes_of(max_depth))
        bad++;
    bt_free_long(long_lived);
    return bad;
}

int main(int argc, char **argv)
{
    int depth = (int)bench_arg(argc, argv, 1, 19, MIN_DEPTH + 2, 26);
    int e = parc_start();
    if (e != 0)
        bench_fail("parc_start: error %d", e);
    bt_setup();
    printf("workers=%u\n", parc_workers());
    double t0 = bench_now();
    long bad = bench_kernel(depth);
    double t = bench_now() - t0;
    if (bad)
        bench_fail("%s: %ld wrong checks", BT_IMPL, bad);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    bench_report_time(t);
    printf("peak_rss_mib=%.1f\n", (double)ru.ru_maxrss / 1024.0);
    return 0;
}

#endif /* BINARYTREES_H */
