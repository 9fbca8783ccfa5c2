/* Area:	deparallelization: f <x< h <=> f (h pure and safe, x unused)
   Purpose:	Check that a forked call of a pure, safe function whose result
		is never read is removed with a warning, and that the dump says
		so; the same call of a function that may not return (recursion)
		stays, as a plain call, without a warning.
   Limitations:	none.  */

/* { dg-do compile } */
/* { dg-options "-fdump-ipa-all -dumpbase dead -Wno-unused-but-set-variable" } */
#include <parc.h>

PARC_PURE static long sq(long v) { return v * v; }
PARC_PURE static long fact(long v) { return v < 2 ? 1 : v * fact(v - 1); }

long f(long n)
{
    long unused, also, kept;
#pragma parc fork
    unused = sq(n); /* { dg-warning "the result of this forked call of pure 'sq' is never used: the fork is removed" "" { target *-*-* } 18 } */
#pragma parc fork
    sq(n + 1); /* { dg-warning "the result of this forked call of pure 'sq' is never used" "" { target *-*-* } 20 } */
#pragma parc fork
    also = fact(n); /* { dg-bogus "never used" "" { target *-*-* } 22 } */
#pragma parc fork
    kept = sq(n + 2);
    n = n * 2;
#pragma parc join
    return kept + n;
}

/* { dg-final { scan-file "dead*.parc_check" "parc: fork site 1: removed \\(a pure, safe call whose result is never used\\)" } } */
/* { dg-final { scan-file "dead*.parc_check" "parc: fork site 2: removed" } } */
/* { dg-final { scan-file "dead*.parc_check" "parc: fork site 3: a plain call \\(result unused; the call may not return\\)" } } */
/* { dg-final { scan-file-not "dead*.parc_check" "parc: fork site 4:" } } */
