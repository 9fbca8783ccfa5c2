/* Area:	parc_future_fork, parc_future_join (nested)
   Purpose:	Futures whose calls create and join futures of their own, in
		a recursive Fibonacci: fib(n) makes a future for fib(n - 1)
		(eager or lazy by level), computes fib(n - 2) itself, and
		joins; below a cutoff it uses strict forks. Workers that
		join a future another worker runs help it (steal from it)
		or wait; none of this may deadlock, and every value is
		right.
   Limitations:	none.
   Forks:	a round makes 1,597 futures and 119,796 strict forks;
		40 * PARC_TEST_SCALE rounds (at least 4).  */

/* { dg-do run } */

#include <parc.h>
#include <stdint.h>
#include <stdio.h>

#include "parc-test.h"

#define CUTOFF 10

static void *fib_future(void *p)
{
    int n = (int)(intptr_t)p;
    if (n <= CUTOFF)
        return (void *)(intptr_t)parc_test_fib(n);
    parc_future h;
    CHECK(((n & 1) ? parc_future_lazy : parc_future_fork)(
              &h, fib_future, (void *)(intptr_t)(n - 1), 0) == 0);
    if (n & 2)
        CHECK(parc_future_par(&h) == 0);
    long b = (long)(intptr_t)fib_future((void *)(intptr_t)(n - 2));
    void *a = NULL;
    CHECK(parc_future_join(&h, &a) == 0);
    return (void *)(intptr_t)((long)(intptr_t)a + b);
}

int main(void)
{
    long rounds = (long)(40 * parc_test_scale());
    if (rounds < 4)
        rounds = 4;
    for (long r = 0; r < rounds; r++) {
        parc_future top;
        CHECK(parc_future_fork(&top, fib_future, (void *)(intptr_t)25, 0) == 0);
        void *v = NULL;
        CHECK(parc_future_join(&top, &v) == 0);
        CHECK((intptr_t)v == 75025);
    }
    printf("ok\n");
    /* { dg-output "ok" } */
    return 0;
}
