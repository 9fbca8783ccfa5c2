/* fib-pragma.c: fib.c written with the parc language instead of the hand API.
 *
 *     fib-pragma [n]   (default 40)
 *
 * The same program as fib.c (same command line, output and check), but the
 * fork is a pragma and the plugin writes the frame, the thunk and the join
 * that fib.c spells out by hand. Built with the plugin it runs in parallel:
 *
 *     gcc -O2 -fplugin=build/plugin/parc.so -I include fib-pragma.c \
 *         build/runtime/.libs/libparc.a -pthread
 *
 * Built without it, GCC ignores the pragmas and the program is its own serial
 * elision, needing no libparc:   gcc -O2 -I include fib-pragma.c
 *
 * Prints
 *
 *     fib(40) = 102334155
 *     workers=4
 *     time_s=0.123456       (the computation only, not start-up or the check)
 *
 * and exits 1 if the result is wrong. Workers: $PARC_WORKERS, or one per CPU.
 */
#include <parc.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

/* Below CUTOFF, fib runs as plain serial C: the cut-off of fib.c, which
 * explains the figure. It is kept for now so that the two programs do the
 * same work; the plugin is meant to make such hand cut-offs unnecessary
 * later (a fork of a small call will run as the call itself). */
#define CUTOFF 20

/* PARC_PURE: the plugin checks that fib only computes, so that forking it
 * can change nothing but the time. */
PARC_PURE static long fib_serial(int n)
{
    return n < 2 ? n : fib_serial(n - 1) + fib_serial(n - 2);
}

PARC_PURE static long fib(int n)
{
    if (n < CUTOFF)
        return fib_serial(n);
    long a, b;
#pragma parc fork
    a = fib(n - 1); /* may run on another worker */
    b = fib(n - 2); /* meanwhile this worker computes fib(n - 2) */
#pragma parc join
    return a + b;   /* a is written by now */
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* Starts the workers, so that their start-up is not timed (the first fork
 * would otherwise start them), and returns how many there are. Without the
 * plugin nothing forks and nothing needs libparc: one worker, this thread. */
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
    int n = argc > 1 ? atoi(argv[1]) : 40;
    if (n < 0 || n > 92) { /* fib(93) overflows a 64-bit long */
        fprintf(stderr, "usage: %s [n], 0 <= n <= 92\n", argv[0]);
        return 2;
    }
    unsigned workers = start_workers();

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
    printf("workers=%u\n", workers);
    printf("time_s=%.6f\n", t);
    if (r != a) {
        fprintf(stderr, "wrong: fib(%d) is %ld\n", n, a);
        return 1;
    }
    return 0;
}
