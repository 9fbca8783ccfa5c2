/* fib.c: the first parc program, fork/join with the hand API of <parc.h>.
 *
 *     fib [n]          (default 40)
 *
 * Computes fib(n) by the doubly recursive definition, forking one of the two
 * recursive calls so that another worker may run it, and checks the result
 * against a loop. Prints
 *
 *     fib(40) = 102334155
 *     time_s=0.123456       (the computation only, not start-up or the check)
 *
 * and exits 1 if the result is wrong. The number of workers is $PARC_WORKERS,
 * or by default one per CPU:  PARC_WORKERS=1 ./fib 40
 */
#include <parc.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

/* Below CUTOFF, fib runs as plain serial C.
 *
 * A fork in parc is cheap (a few stores into this worker's deque, no fence, no
 * call) but not free, and fib's calls do almost nothing: fib(n) makes about
 * 1.6^n calls. Forking only for n >= 20 leaves each forked call at least
 * 20,000 serial calls, ten microseconds or more of work, so the forks cost
 * nothing measurable, while fib(40) still forks about 28,000 times: plenty for
 * any number of workers to share. This is where a C programmer puts a cut-off:
 * where the work below it is large against a fork and the work above it is
 * still split into many more pieces than there are workers. */
#define CUTOFF 20

static long fib_serial(int n)
{
    return n < 2 ? n : fib_serial(n - 1) + fib_serial(n - 2);
}

/* A forked call's frame: the parc_frame first, then the call's arguments and
 * its result. It lives in the forking function's stack, which stays alive
 * until the join, so forking allocates nothing. */
struct fib_call {
    parc_frame f;
    int n;  /* argument */
    long r; /* result, valid after the join */
};

static long fib(int n);

/* The thunk a worker runs for a forked frame: unpack, call, store the result. */
static void fib_thunk(parc_frame *f)
{
    struct fib_call *c = (struct fib_call *)f;
    c->r = fib(c->n);
}

static long fib(int n)
{
    if (n < CUTOFF)
        return fib_serial(n);

    struct fib_call a;
    a.n = n - 1;
    parc_fork(&a.f, fib_thunk); /* fib(n - 1) may now run on another worker */

    long b = fib(n - 2); /* meanwhile this worker computes fib(n - 2) */

    /* The join. parc_pop returns 1 when no other worker took the frame: then
     * we make the call ourselves, as a plain call. It returns 0 when another
     * worker ran it: then it has finished and a.r holds its result.
     * (parc_join(&a.f) does the same through the thunk.) */
    if (parc_pop(&a.f))
        a.r = fib(a.n);
    return a.r + b;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 40;
    if (n < 0 || n > 92) { /* fib(93) overflows a 64-bit long */
        fprintf(stderr, "usage: %s [n], 0 <= n <= 92\n", argv[0]);
        return 2;
    }

    /* Start the workers now, so that their start-up is not timed (the first
     * fork would otherwise start them). */
    int err = parc_start();
    if (err != 0) {
        fprintf(stderr, "parc_start: error %d\n", err);
        return 1;
    }

    double t0 = now();
    long r = fib(n);
    double t = now() - t0;

    long a = 0, b = 1; /* the check: fib(n) by a loop */
    for (int i = 0; i < n; i++) {
        long s = a + b;
        a = b;
        b = s;
    }
    printf("fib(%d) = %ld\n", n, r);
    printf("workers=%u\n", parc_workers());
    printf("time_s=%.6f\n", t);
    if (r != a) {
        fprintf(stderr, "wrong: fib(%d) is %ld\n", n, a);
        return 1;
    }
    return 0;
}
