/* fib.h: the serial leaf, the cut-off and the check shared by every fib program.
 *
 * fib(n) by the doubly recursive definition: about 1.6^n calls of almost no
 * work each, so it measures what a fork and a join cost, nothing else. */
#ifndef BENCH_FIB_H
#define BENCH_FIB_H

#include "../common.h"

#define FIB_DEFAULT 42

/* The hand cut-off of the -cut programs and of tbb: below it fib runs serially.
 * fib(20) is about 22,000 calls, some 10 microseconds: a grain far above the
 * cost of any runtime's task, and at n = 42 still 75,024 tasks (fib(25)-1). */
#define FIB_CUT 20

/* The serial twin's function, and the leaf below a cut-off. */
static long fib_serial(int n)
{
    if (n < 2)
        return n;
    return fib_serial(n - 1) + fib_serial(n - 2);
}

static inline int fib_arg(int argc, char **argv)
{
    return (int)bench_arg(argc, argv, 1, FIB_DEFAULT, 0, 92);
}

/* Checks r = fib(n) against a loop and reports the time. */
static inline void fib_finish(int n, long r, double seconds)
{
    long a = 0, b = 1;
    for (int i = 0; i < n; i++) {
        long t = a + b;
        a = b;
        b = t;
    }
    printf("fib(%d) = %ld\n", n, r);
    if (r != a)
        bench_fail("fib(%d) = %ld, expected %ld", n, r, a);
    bench_report_time(seconds);
}

#endif /* BENCH_FIB_H */
