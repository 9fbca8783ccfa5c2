/* Area:	library table: parc's own API
   Purpose:	Check that a function using the frame ABI by hand (parc_fork,
		parc_pop with a thunk writing its frame) is contained and forkable.
   Limitations:	none.  */

/* { dg-do compile } */
/* { dg-options "-fplugin-arg-parc-verdicts" } */
#include <parc.h>
struct call { parc_frame f; long n, r; };
static long fib(long n);
static void thunk(parc_frame *f) /* { dg-message "'thunk' is contained" } */
{
    struct call *c = (struct call *)f;
    c->r = fib(c->n);
}
static long fib(long n) /* { dg-message "'fib' is contained" } */
{
    if (n < 2)
        return n;
    struct call a = { .n = n - 1 };
    parc_fork(&a.f, thunk);
    long b = fib(n - 2);
    if (parc_pop(&a.f))
        a.r = fib(a.n);
    return a.r + b;
}
long g(long n) /* { dg-message "'g' is contained" } */
{
    long r;
#pragma parc fork
    r = fib(n);
#pragma parc join
    return r;
}
