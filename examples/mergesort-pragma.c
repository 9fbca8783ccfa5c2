/* mergesort-pragma.c: mergesort.c written with the parc language instead of
 * the hand API.
 *
 *     mergesort-pragma [count]     (default 10,000,000)
 *
 * The same program as mergesort.c (same command line, input, output and
 * checks). Each call forks the sorts of its two halves, joins, and merges.
 * A fork of a call that writes through its pointer arguments names what it
 * writes in a writes(...) clause: the plugin checks that the clause names the
 * objects the call writes, and the two clauses of a call name disjoint halves
 * of a and tmp, which is why the two sorts may run at the same time. Without
 * the plugin the pragmas are ignored and the program is its own serial
 * elision (gcc -O2 -I include mergesort-pragma.c).
 *
 * Prints
 *
 *     mergesort(10000000) sorted
 *     workers=4
 *     time_s=0.812345
 *
 * Exits 1 on a wrong result. Workers: $PARC_WORKERS, or one per CPU.
 */
#include <parc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* At or below CUTOFF elements a call sorts serially. This is mergesort.c's
 * cut-off (its comment gives the reasons), kept for now so that the two
 * programs do the same work; the plugin is meant to make such hand cut-offs
 * unnecessary later. */
#define CUTOFF 16384

/* Below this many elements insertion sort beats merging. */
#define SMALL 32

/* PARC_CONTAINED: these functions write only through their pointer
 * parameters (and print nothing, touch no global), which the plugin checks;
 * that is what lets a call of them be forked with a writes clause. */
PARC_CONTAINED static void insertion_sort(int *a, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        int v = a[i];
        size_t j = i;
        for (; j > 0 && a[j - 1] > v; j--)
            a[j] = a[j - 1];
        a[j] = v;
    }
}

/* Merges the sorted runs a[0..na) and b[0..nb) into out. */
PARC_CONTAINED static void merge(const int *a, size_t na, const int *b,
                                 size_t nb, int *out)
{
    size_t i = 0, j = 0, k = 0;
    while (i < na && j < nb)
        out[k++] = b[j] < a[i] ? b[j++] : a[i++];
    while (i < na)
        out[k++] = a[i++];
    while (j < nb)
        out[k++] = b[j++];
}

/* Sorts a[0..n), with tmp[0..n) as scratch. The result ends in tmp when
 * to_tmp is set, in a otherwise: the halves are sorted into the other array,
 * so that each merge moves the data once and nothing is copied back. */
PARC_CONTAINED static void sort_serial(int *a, int *tmp, size_t n, int to_tmp)
{
    if (n <= SMALL) {
        insertion_sort(a, n);
        if (to_tmp)
            memcpy(tmp, a, n * sizeof *a);
        return;
    }
    size_t h = n / 2;
    sort_serial(a, tmp, h, !to_tmp);
    sort_serial(a + h, tmp + h, n - h, !to_tmp);
    if (to_tmp)
        merge(a, h, a + h, n - h, tmp);
    else
        merge(tmp, h, tmp + h, n - h, a);
}

PARC_CONTAINED static void sort(int *a, int *tmp, size_t n, int to_tmp)
{
    if (n <= CUTOFF) {
        sort_serial(a, tmp, n, to_tmp);
        return;
    }
    size_t h = n / 2;
    /* The first half, a[0..h) and tmp[0..h); the second, from h on. */
#pragma parc fork writes(a[0:h], tmp[0:h])
    sort(a, tmp, h, !to_tmp);
#pragma parc fork writes(a[h:n - h], tmp[h:n - h])
    sort(a + h, tmp + h, n - h, !to_tmp);
#pragma parc join

    /* Both halves are sorted now. */
    if (to_tmp)
        merge(a, h, a + h, n - h, tmp);
    else
        merge(tmp, h, tmp + h, n - h, a);
}

/* splitmix64: a small seedable generator, and the hash of the checksum. */
static uint64_t mix(uint64_t z)
{
    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return z ^ (z >> 31);
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* Starts the workers before the clock and returns how many there are; without
 * the plugin nothing forks and nothing needs libparc (as in fib-pragma.c). */
static unsigned start_workers(void)
{
#ifdef __PARC__
    int err = parc_start();
    if (err != 0) {
        fprintf(stderr, "parc_start: error %d\n", err);
        exit(1);
    }
    return parc_workers();
#else
    return 1;
#endif
}

int main(int argc, char **argv)
{
    long count = argc > 1 ? atol(argv[1]) : 10000000;
    if (count < 1) {
        fprintf(stderr, "usage: %s [count], count >= 1\n", argv[0]);
        return 2;
    }
    size_t n = (size_t)count;
    int *a = malloc(n * sizeof *a), *tmp = malloc(n * sizeof *tmp);
    if (a == NULL || tmp == NULL) {
        fprintf(stderr, "out of memory for %zu ints\n", n);
        return 1;
    }

    /* The input, and a checksum that does not depend on the order. Writing
     * tmp once here keeps first-touch page faults out of the timing. */
    uint64_t seed = 1, sum = 0;
    for (size_t i = 0; i < n; i++) {
        seed += UINT64_C(0x9e3779b97f4a7c15);
        a[i] = (int)(uint32_t)mix(seed);
        sum += mix((uint32_t)a[i]);
    }
    memset(tmp, 0, n * sizeof *tmp);

    unsigned workers = start_workers();

    double t0 = now();
    sort(a, tmp, n, 0);
    double t = now() - t0;

    uint64_t sum2 = 0;
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && a[i - 1] > a[i]) {
            fprintf(stderr, "wrong: not sorted at %zu (%d > %d)\n", i,
                    a[i - 1], a[i]);
            return 1;
        }
        sum2 += mix((uint32_t)a[i]);
    }
    if (sum2 != sum) {
        fprintf(stderr, "wrong: the elements changed (checksum)\n");
        return 1;
    }
    printf("mergesort(%zu) sorted\n", n);
    printf("workers=%u\n", workers);
    printf("time_s=%.6f\n", t);
    free(a);
    free(tmp);
    return 0;
}
