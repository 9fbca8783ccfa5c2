/* msort.h: the serial mergesort, the cut-offs, the input and the check shared
 * by every msort program.
 *
 * Top-down mergesort of ints that alternates between the array and a scratch
 * array of the same size (each level merges from one into the other, so
 * nothing is copied back), with insertion sort below MSORT_SMALL elements.
 * The merge is serial, so the span is O(n): at 2 * 10^7 elements the top merge
 * is a few percent of the serial time, no limit at a handful of workers. */
#ifndef BENCH_MSORT_H
#define BENCH_MSORT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "../common.h"

#define MSORT_DEFAULT 20000000L

/* Insertion sort below this many elements, in every program. */
#define MSORT_SMALL 32

/* The hand cut-off of the -cut programs and of tbb: serial mergesort below
 * this many elements (64 KiB of ints, some 0.5 ms of work), the grain the
 * usual OpenMP and TBB mergesorts use. */
#define MSORT_CUT 16384

static void msort_insertion(int *a, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        int v = a[i];
        size_t j = i;
        for (; j > 0 && a[j - 1] > v; j--)
            a[j] = a[j - 1];
        a[j] = v;
    }
}

/* Merges the sorted a[0..na) and b[0..nb) into out. */
static void msort_merge(const int *a, size_t na, const int *b, size_t nb,
                        int *out)
{
    size_t i = 0, j = 0, k = 0;
    while (i < na && j < nb)
        out[k++] = b[j] < a[i] ? b[j++] : a[i++];
    while (i < na)
        out[k++] = a[i++];
    while (j < nb)
        out[k++] = b[j++];
}

/* Sorts a[0..n) using tmp[0..n) as scratch; the sorted run ends in tmp when
 * to_tmp, in a otherwise. The two halves are sorted into the other array, so
 * the final merge lands where it should. */
static void msort_serial(int *a, int *tmp, size_t n, int to_tmp)
{
    if (n <= MSORT_SMALL) {
        msort_insertion(a, n);
        if (to_tmp)
            memcpy(tmp, a, n * sizeof *a);
        return;
    }
    size_t h = n / 2;
    msort_serial(a, tmp, h, !to_tmp);
    msort_serial(a + h, tmp + h, n - h, !to_tmp);
    if (to_tmp)
        msort_merge(a, h, a + h, n - h, tmp);
    else
        msort_merge(tmp, h, tmp + h, n - h, a);
}

static inline size_t msort_arg(int argc, char **argv)
{
    return (size_t)bench_arg(argc, argv, 1, MSORT_DEFAULT, 1, 1L << 30);
}

/* The input: n pseudo-random ints (fixed seed) and scratch of the same size,
 * both written once so that no page fault lands in the kernel. Returns an
 * order-independent checksum of the input. */
static inline uint64_t msort_setup(size_t n, int **a, int **tmp)
{
    *a = (int *)malloc(n * sizeof **a);
    *tmp = (int *)malloc(n * sizeof **tmp);
    if (*a == NULL || *tmp == NULL)
        bench_fail("out of memory for %zu ints", n);
    uint64_t seed = 42, sum = 0;
    for (size_t i = 0; i < n; i++) {
        (*a)[i] = (int)(uint32_t)bench_rand64(&seed);
        sum += bench_mix64((uint64_t)(uint32_t)(*a)[i]);
    }
    memset(*tmp, 0, n * sizeof **tmp);
    return sum;
}

/* Checks that a is sorted and holds the input's elements (by checksum). */
static inline void msort_finish(size_t n, int *a, int *tmp, uint64_t sum,
                                double seconds)
{
    uint64_t s = 0;
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && a[i - 1] > a[i])
            bench_fail("not sorted at %zu: %d > %d", i, a[i - 1], a[i]);
        s += bench_mix64((uint64_t)(uint32_t)a[i]);
    }
    if (s != sum)
        bench_fail("checksum %016llx, expected %016llx (elements changed)",
                   (unsigned long long)s, (unsigned long long)sum);
    printf("msort(%zu) sorted\n", n);
    bench_report_time(seconds);
    free(a);
    free(tmp);
}

#endif /* BENCH_MSORT_H */
