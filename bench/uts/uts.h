/* uts.h: the Unbalanced Tree Search benchmark's T1-like trees (Olivier et
 * al., "UTS: an unbalanced tree search benchmark", LCPC 2006): each node has
 * a geometric number of children (mean 4, so the tree's shape is decided by
 * chance node by node), down to a depth limit. The original hashes with
 * SHA-1; here splitmix64 (common.h) makes the children, which keeps the
 * tree just as unpredictable and costs far less per node.
 *
 *     uts [depth]       (default 14: about 150 million nodes)
 *
 * Every implementation counts the nodes; the count is checked against the
 * serial one computed after the timed kernel. */
#ifndef BENCH_UTS_H
#define BENCH_UTS_H

#include "../common.h"

#ifndef PARC_PURE /* the serial and OpenMP programs do not include parc.h */
#define PARC_PURE
#endif

#define UTS_DEFAULT 14
#define UTS_MAXC 64 /* children per node: the geometric tail is cut here */

/* The number of children of node h at depth d: geometric, P(k or more) =
 * 0.8^k, so mean 4; none at the depth limit. */
PARC_PURE static int uts_children(uint64_t h, int depth, int limit)
{
    if (depth >= limit)
        return 0;
    double u = (double)(h >> 11) * 0x1.0p-53; /* [0, 1) */
    int k = 0;
    for (double t = 0.8; u < t && k < UTS_MAXC; t *= 0.8)
        k++;
    return k;
}

PARC_PURE static uint64_t uts_child(uint64_t h, int i)
{
    return bench_mix64(h ^ (UINT64_C(0x9e3779b97f4a7c15) * (uint64_t)(i + 1)));
}

static long uts_serial(uint64_t h, int depth, int limit)
{
    long n = 1;
    int c = uts_children(h, depth, limit);
    for (int i = 0; i < c; i++)
        n += uts_serial(uts_child(h, i), depth + 1, limit);
    return n;
}

#define UTS_ROOT UINT64_C(0x2545f4914f6cdd1d)

static inline int uts_arg(int argc, char **argv)
{
    return (int)bench_arg(argc, argv, 1, UTS_DEFAULT, 1, 20);
}

static inline void uts_finish(int depth, long r, double seconds)
{
    long want = uts_serial(UTS_ROOT, 0, depth);
    printf("uts(%d) = %ld nodes\n", depth, r);
    if (r != want)
        bench_fail("uts(%d) = %ld, expected %ld", depth, r, want);
    bench_report_time(seconds);
}

#endif /* BENCH_UTS_H */
