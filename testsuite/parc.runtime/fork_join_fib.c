/* Area:	parc_fork, parc_pop
   Purpose:	Check that fib written on the frame ABI (fork the first call,
		compute the second, then pop the first back or take the result a
		thief left in its frame) equals the serial fib, for the base cases
		and for a tree deep enough to be stolen from.  The first fork
		starts the runtime.
   Limitations:	none.  */

/* { dg-do run } */

#include <parc.h>

#include "parc-test.h"

struct fib_call {
    parc_frame f;
    long n, r;
};

static long fib(long n);

static void
fib_thunk(parc_frame *f)
{
    struct fib_call *c = (struct fib_call *)f;
    c->r = fib(c->n);
}

static long
fib(long n)
{
    if (n < 2)
        return n;
    struct fib_call a = { .n = n - 1 };
    parc_fork(&a.f, fib_thunk);
    long b = fib(n - 2);
    if (parc_pop(&a.f))
        a.r = fib(a.n);
    return a.r + b;
}

static long
fib_serial(long n)
{
    long a = 0, b = 1;
    for (long i = 0; i < n; i++) {
        long t = a + b;
        a = b;
        b = t;
    }
    return a;
}

int
main(void)
{
    /* fib(n) makes about 1.618^n calls: one step of n per factor of the scale. */
    long n = 30;
    for (double s = parc_test_scale(); s < 1.0 && n > 15; s *= 1.618)
        n--;
    for (double s = parc_test_scale(); s > 1.618 && n < 40; s /= 1.618)
        n++;

    for (long i = 0; i <= 20; i++)
        CHECK(fib(i) == fib_serial(i));
    for (int rep = 0; rep < 3; rep++)
        CHECK(fib(n) == fib_serial(n));

    printf("fib ok\n");
    /* { dg-output "fib ok" } */
    return 0;
}
