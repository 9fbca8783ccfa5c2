/* Area:	deparallelization: identity 3 at run time
   Purpose:	Check that moving joins down and forks up (the dump shows both
		happened) leaves the results of a recursive computation
		unchanged at every worker count: the moved statements run while
		the forked calls may be running on another worker, and still
		compute what the program as written computes.
   Limitations:	none.  */

/* { dg-do run } */
/* { dg-options "-fdump-ipa-all -dumpbase overlaprun" } */
#include <parc.h>
#include <stdio.h>

PARC_PURE static long mix(long v) { return (v * 2654435761L) % 1000003L; }

/* Join sinking: the pending results are read only by the return. */
PARC_PURE long walk(long n, long salt)
{
    if (n < 2)
        return mix(n + salt);
    long a, b;
#pragma parc fork
    a = walk(n - 1, salt + 1);
#pragma parc fork
    b = walk(n - 2, salt + 3);
    long m = mix(n * 7 + salt);
#pragma parc join
    long k = mix(m + n);
    return (a + b + k) % 1000003L;
}

/* Fork hoisting: the fork moves above the work its call does not need. */
PARC_PURE long climb(long n, long salt)
{
    if (n < 2)
        return mix(salt - n);
    long a, b;
    long m = mix(n + salt);
    long k = mix(m * 3 + 1);
    long arg = n - 1;
#pragma parc fork
    a = climb(arg, salt + 5);
    b = climb(n - 2, k % 17);
#pragma parc join
    return (a * 3 + b + m) % 1000003L;
}

int main(void)
{
    printf("walk %ld\n", walk(24, 1)); /* { dg-output "walk 475139(\n|\r\n|\r)" } */
    printf("climb %ld\n", climb(24, 2)); /* { dg-output "climb 393985" } */
    return 0;
}

/* { dg-final { scan-file "overlaprun*.parc_check" "parc: join of fork sites 1, 2 moved after line 28" } } */
/* { dg-final { scan-file "overlaprun*.parc_check" "parc: fork site 3: hoisted above line 38" } } */
