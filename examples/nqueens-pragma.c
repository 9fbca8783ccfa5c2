/* nqueens-pragma.c: nqueens.c written with the parc language instead of the
 * hand API.
 *
 *     nqueens-pragma [n]   (1 <= n <= 16, default 12)
 *
 * The same program as nqueens.c (same command line, output and check). In each
 * of the top rows a loop forks one call per free column, each storing its count
 * in its own element of an array; one join after the loop waits for them all,
 * and the counts are summed. The plugin gives the loop's forks their frames
 * (an array of them in this function's stack) and their joins, which
 * nqueens.c writes by hand. Without the plugin the pragmas are ignored and the
 * program is its own serial elision (gcc -O2 -I include nqueens-pragma.c).
 *
 * Prints
 *
 *     nqueens(12) = 14200
 *     workers=4
 *     time_s=0.012345
 *
 * and exits 1 if the count differs from the known one. Workers: $PARC_WORKERS,
 * or one per CPU.
 */
#include <parc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define MAX_N 16

/* Only the first FORK_ROWS rows fork; deeper rows run as plain serial C. This
 * is nqueens.c's cut-off (its comment gives the reasons), kept for now so that
 * the two programs do the same work; the plugin is meant to make such hand
 * cut-offs unnecessary later. */
#define FORK_ROWS 3

/* Solutions for n = 0 .. 16 (OEIS A000170), to check the result. */
static const long known[MAX_N + 1] = {
    1, 1, 0, 0, 2, 10, 4, 40, 92, 352, 724, 2680, 14200, 73712, 365596,
    2279184, 14772512,
};

/* A partial board is three bit masks for the next row to fill: the columns
 * attacked from above (cols) and along the two diagonals (d1 moving left, d2
 * moving right one column per row). Column c is free when bit c is clear in
 * all three. PARC_PURE: the count depends on the arguments alone, so forked
 * calls cannot disturb each other. */
PARC_PURE static long solve_serial(int n, int row, uint32_t cols, uint32_t d1,
                                   uint32_t d2)
{
    if (row == n)
        return 1; /* every row has a queen: one solution */
    long count = 0;
    for (int c = 0; c < n; c++) {
        uint32_t bit = UINT32_C(1) << c;
        if ((cols | d1 | d2) & bit)
            continue;
        count += solve_serial(n, row + 1, cols | bit, (d1 | bit) << 1,
                              (d2 | bit) >> 1);
    }
    return count;
}

/* Still pure: the forks write only into this call's own array. */
PARC_PURE static long solve(int n, int row, uint32_t cols, uint32_t d1,
                            uint32_t d2)
{
    if (row == n)
        return 1;
    if (row >= FORK_ROWS)
        return solve_serial(n, row, cols, d1, d2);

    /* Declared outside the loop: the forks' results must outlive the loop
     * body, up to the join after it. */
    long counts[MAX_N];
    int k = 0;
    for (int c = 0; c < n; c++) {
        uint32_t bit = UINT32_C(1) << c;
        if ((cols | d1 | d2) & bit)
            continue;
        /* The destination's address (&counts[k], k then incremented) is
         * taken here, in the parent, once. */
#pragma parc fork
        counts[k++] = solve(n, row + 1, cols | bit, (d1 | bit) << 1,
                            (d2 | bit) >> 1);
    }
#pragma parc join

    long count = 0;
    for (int i = 0; i < k; i++)
        count += counts[i];
    return count;
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
    int n = argc > 1 ? atoi(argv[1]) : 12;
    if (n < 1 || n > MAX_N) {
        fprintf(stderr, "usage: %s [n], 1 <= n <= %d\n", argv[0], MAX_N);
        return 2;
    }
    unsigned workers = start_workers();

    double t0 = now();
    long r = solve(n, 0, 0, 0, 0);
    double t = now() - t0;

    printf("nqueens(%d) = %ld\n", n, r);
    printf("workers=%u\n", workers);
    printf("time_s=%.6f\n", t);
    if (r != known[n]) {
        fprintf(stderr, "wrong: nqueens(%d) has %ld solutions\n", n, known[n]);
        return 1;
    }
    return 0;
}
