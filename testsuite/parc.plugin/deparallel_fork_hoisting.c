/* Area:	deparallelization: identity 3b, fork hoisting
   Purpose:	Check that a fork moves up past the statements before it that
		it does not need and that cannot observe it, while what computes
		its arguments stays before it, and that the dump and the report
		say so with the line of the topmost statement it now precedes.
   Limitations:	none.  */

/* { dg-do compile } */
/* { dg-options "-fdump-ipa-all -dumpbase hoisting -fplugin-arg-parc-report" } */
#include <parc.h>

PARC_PURE static long sq(long v) { return v * v; }
PARC_PURE static long fib(long n)
{
    if (n < 2)
        return n;
    long a, b;
#pragma parc fork
    a = fib(n - 1); /* { dg-message "parallel" "" { target *-*-* } 18 } */
    b = fib(n - 2);
#pragma parc join
    return a + b;
}

long g(long n, long *out)
{
    long a, b;
    long k = n * n + 7;
    long j = sq(k) - n;
    long arg = n - 1;
#pragma parc fork
    a = fib(arg); /* { dg-message "fork of 'fib': hoisted above line 28, past statements that cannot observe it" "" { target *-*-* } 31 } */
    /* { dg-message "fork of 'fib': parallel" "" { target *-*-* } 31 } */
#pragma parc fork
    b = fib(j); /* { dg-bogus "hoisted" "" { target *-*-* } 34 } */
    /* { dg-message "fork of 'fib': parallel" "" { target *-*-* } 34 } */
    long z = k * 2;
#pragma parc join
    *out = z;
    return a + b;
}

/* { dg-final { scan-file "hoisting*.parc_check" "parc: fork site 2: hoisted above line 28" } } */
/* { dg-final { scan-file-not "hoisting*.parc_check" "parc: fork site 3: hoisted" } } */
/* { dg-final { scan-file-not "hoisting*.parc_check" "parc: fork site 1: hoisted" } } */
