/* nqueens.c: counting n-queens solutions with parc, a fork per column.
 *
 *     nqueens [n]      (1 <= n <= 16, default 12)
 *
 * Places queens row by row; in each row every free column is a separate
 * sub-problem. The top rows fork one call per free column, keeping the frames
 * in an array in the caller's stack, then join them in the reverse order
 * (strict fork/join is last-in, first-out). Prints
 *
 *     nqueens(12) = 14200
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

/* Only the first FORK_ROWS rows fork; deeper rows run as plain serial C.
 *
 * Every row multiplies the number of calls by up to n, so the top three rows
 * already give hundreds of forks (878 at n = 12), far more than there are
 * workers, while each forked call still has about a thousand board positions
 * below it. Forking in every row would make a fork for each of the 856,189
 * positions (at n = 12), most of them a row or two from a leaf, where the fork
 * costs about as much as the work it hands out. */
#define FORK_ROWS 3

/* Solutions for n = 0 .. 16 (OEIS A000170), to check the result. */
static const long known[MAX_N + 1] = {
    1, 1, 0, 0, 2, 10, 4, 40, 92, 352, 724, 2680, 14200, 73712, 365596,
    2279184, 14772512,
};

/* A partial board is three bit masks, for the next row to fill: the columns
 * attacked from above (cols), and along the two diagonals (d1 moving left, d2
 * moving right one column per row). Column c is free when bit c is clear in
 * all three. */
static long solve_serial(int n, int row, uint32_t cols, uint32_t d1,
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

/* The frame of one forked call: parc_frame first, then arguments, result. */
struct solve_call {
    parc_frame f;
    int n, row;
    uint32_t cols, d1, d2;
    long r;
};

static long solve(int n, int row, uint32_t cols, uint32_t d1, uint32_t d2);

static void solve_thunk(parc_frame *f)
{
    struct solve_call *c = (struct solve_call *)f;
    c->r = solve(c->n, c->row, c->cols, c->d1, c->d2);
}

static long solve(int n, int row, uint32_t cols, uint32_t d1, uint32_t d2)
{
    if (row == n)
        return 1;
    if (row >= FORK_ROWS)
        return solve_serial(n, row, cols, d1, d2);

    /* Fork one call per free column. The frames must stay where they are
     * until joined, so they live in an array in this function's stack. */
    struct solve_call calls[MAX_N];
    int k = 0;
    for (int c = 0; c < n; c++) {
        uint32_t bit = UINT32_C(1) << c;
        if ((cols | d1 | d2) & bit)
            continue;
        struct solve_call *a = &calls[k++];
        a->n = n;
        a->row = row + 1;
        a->cols = cols | bit;
        a->d1 = (d1 | bit) << 1;
        a->d2 = (d2 | bit) >> 1;
        parc_fork(&a->f, solve_thunk);
    }

    /* Join in reverse: the last frame forked is joined first. A frame no
     * other worker took comes back from parc_pop (1), and we run it here. */
    long count = 0;
    while (k > 0) {
        struct solve_call *a = &calls[--k];
        if (parc_pop(&a->f))
            a->r = solve(a->n, a->row, a->cols, a->d1, a->d2);
        count += a->r;
    }
    return count;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 12;
    if (n < 1 || n > MAX_N) {
        fprintf(stderr, "usage: %s [n], 1 <= n <= %d\n", argv[0], MAX_N);
        return 2;
    }
    int err = parc_start(); /* start the workers before the clock */
    if (err != 0) {
        fprintf(stderr, "parc_start: error %d\n", err);
        return 1;
    }

    double t0 = now();
    long r = solve(n, 0, 0, 0, 0);
    double t = now() - t0;

    printf("nqueens(%d) = %ld\n", n, r);
    printf("workers=%u\n", parc_workers());
    printf("time_s=%.6f\n", t);
    if (r != known[n]) {
        fprintf(stderr, "wrong: nqueens(%d) has %ld solutions\n", n, known[n]);
        return 1;
    }
    return 0;
}
