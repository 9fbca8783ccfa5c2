/* parc-trees.h: binary trees and keyed chains of parc_alloc nodes, and the
 * resident set, for the heap tests that measure what a heap keeps.
 *
 *   struct parc_test_node  two pointers: 16 bytes, a 32-byte cell, so a tree
 *                          of depth d takes 2^(d + 1) - 1 cells, 32 bytes
 *                          each (depth 16 is 4 MiB, 17 is 8, 18 is 16)
 *   parc_test_tree(d)      a tree of depth d (CHECKs every allocation)
 *   parc_test_tree_count(t)  its nodes
 *   parc_test_chain(n, size, seed)  n objects of size bytes (at least 16),
 *                          each beginning with a struct parc_test_chained: a
 *                          pointer to the one made before it and the key
 *                          parc_test_mix(seed + i) of the i-th; returns the
 *                          last one made
 *   parc_test_check_chain(l, n, seed)  checks such a chain, from its last
 *   parc_test_resident_mib()  the resident set (/proc/self/statm), in MiB
 *   parc_test_peak_mib()   the largest resident set so far (getrusage)
 *   parc_test_churn(d, trees, base)
 *                          builds, counts (CHECKed) and drops trees trees of
 *                          depth d one after another, each in a frame of its
 *                          own (so that its root does not stay in the
 *                          caller's); returns the largest resident set minus
 *                          base seen after each tree
 */
#ifndef PARC_TREES_H
#define PARC_TREES_H

#include <parc.h>
#include <stdio.h>
#include <sys/resource.h>

#include "parc-test.h"

struct parc_test_node {
    struct parc_test_node *l, *r;
};

static inline struct parc_test_node *
parc_test_tree(int depth)
{
    struct parc_test_node *n = parc_alloc(sizeof *n);
    CHECK(n != NULL);
    if (depth > 0) {
        n->l = parc_test_tree(depth - 1);
        n->r = parc_test_tree(depth - 1);
    }
    return n;
}

static inline long
parc_test_tree_count(const struct parc_test_node *n)
{
    return n->l ? 1 + parc_test_tree_count(n->l) + parc_test_tree_count(n->r)
                : 1;
}

static inline double
parc_test_resident_mib(void)
{
    long size, resident;
    FILE *f = fopen("/proc/self/statm", "r");
    CHECK(f != NULL);
    CHECK(fscanf(f, "%ld %ld", &size, &resident) == 2);
    fclose(f);
    return (double)resident * 4096 / (1 << 20);
}

struct parc_test_chained {
    struct parc_test_chained *next;
    uint64_t key;
};

static inline struct parc_test_chained *
parc_test_chain(long n, size_t size, uint64_t seed)
{
    struct parc_test_chained *l = NULL;
    for (long i = 0; i < n; i++) {
        struct parc_test_chained *o = (struct parc_test_chained *)parc_alloc(size);
        CHECK(o != NULL);
        o->next = l;
        o->key = parc_test_mix(seed + (uint64_t)i);
        l = o;
    }
    return l;
}

static inline void
parc_test_check_chain(const struct parc_test_chained *l, long n, uint64_t seed)
{
    for (long i = n - 1; i >= 0; i--, l = l->next) {
        CHECK(l != NULL);
        CHECK(l->key == parc_test_mix(seed + (uint64_t)i));
    }
    CHECK(l == NULL);
}

static inline double
parc_test_peak_mib(void)
{
    struct rusage ru;
    CHECK(getrusage(RUSAGE_SELF, &ru) == 0);
    return (double)ru.ru_maxrss / 1024;
}

__attribute__((noinline)) static long
parc_test_churn_one(int depth)
{
    return parc_test_tree_count(parc_test_tree(depth));
}

static inline double
parc_test_churn(int depth, long trees, double base)
{
    double peak = 0;
    for (long i = 0; i < trees; i++) {
        CHECK(parc_test_churn_one(depth) == (2L << depth) - 1);
        double r = parc_test_resident_mib() - base;
        if (r > peak)
            peak = r;
    }
    return peak;
}

#endif /* PARC_TREES_H */
