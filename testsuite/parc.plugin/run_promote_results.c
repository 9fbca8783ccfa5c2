/* Area:	sequential clones: promotion (heartbeat) in split loops
   Purpose:	Check that loops whose clones may be promoted compute exactly
		what the serial program does, at every worker count, where
		idle workers make the clones give away the untouched halves
		of their oldest loops: a fused sum over an unbalanced tree
		(uts's shape, whose promoted parts add into element 0 after
		the join), a maximum (the clone keeps its array), nested
		split loops (a promoted loop's parts hold loops of their
		own), loops over negative and over size_t indices, and a
		loop of many iterations (the stress case, also run under
		ThreadSanitizer).  A split loop cannot leave early (no break
		or return: docs/lowering.md), so there is no early exit to
		test.
   Limitations:	whether promotions happened is run_promote_happens.c's
		check; here they may or may not, by the schedule.  */

/* { dg-do run } */
#include <parc.h>
#include <stddef.h>
#include <stdio.h>

#include "parc-test.h"

PARC_PURE static unsigned long mix(unsigned long x)
{
    x ^= x >> 31;
    x *= 0x9e3779b97f4a7c15ul;
    return x ^ (x >> 29);
}

PARC_PURE static unsigned long work(unsigned long x, int rounds)
{
    for (int i = 0; i < rounds; i++)
        x = x * 6364136223846793005ul + 1442695040888963407ul;
    return x >> 40;
}

/* An unbalanced tree: node i's first child carries a deep spine, the
 * others are small subtrees. */
PARC_PURE static int kids(unsigned long h, int d)
{
    return d <= 0 ? 0 : 1 + (int)(h % 4u);
}

PARC_PURE long sum_tree(unsigned long h, int d)
{
    int c = kids(h, d);
    long r[8];
    for (int i = 0; i < c; i++) {
#pragma parc fork
        r[i] = sum_tree(mix(h + (unsigned long)i), i == 0 ? d - 1 : d / 4);
    }
#pragma parc join
    long n = (long)work(h, 50);
    for (int i = 0; i < c; i++)
        n += r[i];
    return n;
}

static long sum_tree_serial(unsigned long h, int d)
{
    int c = kids(h, d);
    long n = (long)work(h, 50);
    for (int i = 0; i < c; i++)
        n += sum_tree_serial(mix(h + (unsigned long)i), i == 0 ? d - 1 : d / 4);
    return n;
}

PARC_PURE long max_tree(unsigned long h, int d)
{
    int c = kids(h, d);
    long r[8];
    for (int i = 0; i < c; i++) {
#pragma parc fork
        r[i] = max_tree(mix(h + (unsigned long)i), i == 0 ? d - 1 : d / 4);
    }
#pragma parc join
    long m = (long)work(h, 50);
    for (int i = 0; i < c; i++)
        if (r[i] > m)
            m = r[i];
    return m;
}

static long max_tree_serial(unsigned long h, int d)
{
    int c = kids(h, d);
    long m = (long)work(h, 50);
    for (int i = 0; i < c; i++) {
        long v = max_tree_serial(mix(h + (unsigned long)i), i == 0 ? d - 1 : d / 4);
        if (v > m)
            m = v;
    }
    return m;
}

/* Nested: each row's value is a split loop of its own. */
PARC_PURE static long cell(int i, int j)
{
    return (long)work((unsigned long)(i * 1000 + j), 20) % 1000;
}

PARC_PURE long row(int i, int n)
{
    long v[64];
    for (int j = 0; j < n; j++) {
#pragma parc fork
        v[j] = cell(i, j);
    }
#pragma parc join
    long s = 0;
    for (int j = 0; j < n; j++)
        s += v[j] * (j + 1);
    return s;
}

PARC_PURE long grid(int rows, int n)
{
    long r[64];
    for (int i = 0; i < rows; i++) {
#pragma parc fork
        r[i] = row(i, n);
    }
#pragma parc join
    unsigned long s = 0; /* wraps: a signed hash would overflow */
    for (int i = 0; i < rows; i++)
        s = s * 31 + (unsigned long)r[i];
    return (long)s;
}

/* Negative indices: the runtime keeps them as unsigned long long. */
PARC_PURE long signed_span(int c)
{
    long r[64];
    for (int i = -c; i < c; i++) {
#pragma parc fork
        r[i + c] = max_tree((unsigned long)(i * 7 + 3), 3);
    }
#pragma parc join
    unsigned long s = 0;
    for (int i = 0; i < 2 * c; i++)
        s = s * 3 + (unsigned long)r[i];
    return (long)s;
}

PARC_PURE long size_span(size_t n)
{
    long r[64];
    for (size_t i = 0; i < n; i++) {
#pragma parc fork
        r[i] = sum_tree((unsigned long)i, 4);
    }
#pragma parc join
    unsigned long s = 0;
    for (size_t i = 0; i < n; i++)
        s = s * 5 + (unsigned long)r[i];
    return (long)s;
}

/* Many iterations, each a fork of a small call. */
PARC_PURE static long small(long i)
{
    return (long)(work((unsigned long)i, 3) & 0xffff);
}

long many(long *out, long n)
{
    for (long i = 0; i < n; i++) {
#pragma parc fork
        out[i] = small(i);
    }
#pragma parc join
    return out[n - 1];
}

int main(void)
{
    int depth = (int)parc_test_scaled(40, 12);
    for (unsigned long h = 1; h <= 3; h++) {
        CHECK(sum_tree(h, depth) == sum_tree_serial(h, depth));
        CHECK(max_tree(h, depth) == max_tree_serial(h, depth));
    }

    unsigned long want = 0;
    for (int i = 0; i < 40; i++) {
        long s = 0;
        for (int j = 0; j < 50; j++)
            s += cell(i, j) * (j + 1);
        want = want * 31 + (unsigned long)s;
    }
    CHECK(grid(40, 50) == (long)want);

    unsigned long ws = 0;
    for (int i = -20; i < 20; i++)
        ws = ws * 3 +
             (unsigned long)max_tree_serial((unsigned long)(i * 7 + 3), 3);
    CHECK(signed_span(20) == (long)ws);

    unsigned long wz = 0;
    for (size_t i = 0; i < 37; i++)
        wz = wz * 5 + (unsigned long)sum_tree_serial((unsigned long)i, 4);
    CHECK(size_span(37) == (long)wz);

    long n = parc_test_scaled(200000, 20000);
    static long out[200000];
    CHECK(many(out, n) == small(n - 1));
    for (long i = 0; i < n; i++)
        CHECK(out[i] == small(i));

    printf("ok\n");
    /* { dg-output "ok" } */
    return 0;
}
