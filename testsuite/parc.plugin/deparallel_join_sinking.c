/* Area:	deparallelization: identity 3a, join sinking
   Purpose:	Check that a join moves down past the statements after it that
		cannot observe the pending forks (register arithmetic, a call of
		a pure, safe function with scalar arguments), up to the first
		use of a pending result, and that the dump and the report say
		so, naming the forks it joins and the line it now follows.
   Limitations:	none.  */

/* { dg-do compile } */
/* { dg-options "-fdump-ipa-all -dumpbase sinking -fplugin-arg-parc-report" } */
#include <parc.h>

PARC_PURE static long sq(long v) { return v * v; }

PARC_PURE long fib(long n)
{
    if (n < 2)
        return n;
    long a, b;
#pragma parc fork
    a = fib(n - 1); /* { dg-message "parallel" "" { target *-*-* } 20 } */
    b = fib(n - 2);
#pragma parc join
    long m = n * 3 + 1; /* { dg-message "join of fork site 1: moved after line 26" "" { target *-*-* } 23 } */
    long k = sq(m);
    k = k + m;
    return a + b + k;
}

long two(long n)
{
    long a, c;
#pragma parc fork
    a = fib(n); /* { dg-message "parallel" "" { target *-*-* } 33 } */
    long t = n + 5;
#pragma parc fork
    c = fib(t); /* { dg-message "parallel" "" { target *-*-* } 36 } */
    t = t * 2;
#pragma parc join
    t = sq(t) - 1; /* { dg-message "join of fork sites 2, 3: moved after line 40" "" { target *-*-* } 39 } */
    return a + c + t;
}

/* { dg-final { scan-file "sinking*.parc_check" "parc: join of fork site 1 moved after line 26" } } */
/* { dg-final { scan-file "sinking*.parc_check" "parc: join of fork sites 2, 3 moved after line 40" } } */
