/* Area:	deparallelization: f <x< h <=> h >x> f (joined at once)
   Purpose:	Check that a fork whose next statement is the join, or the
		return (the implicit join), becomes a plain call: the dump says
		so and the lowering makes no frame for it, while a fork with work
		between it and its join stays parallel.
   Limitations:	none.  */

/* { dg-do compile } */
/* { dg-options "-fdump-ipa-all -dumpbase joined" } */
#include <parc.h>
#include <stdio.h>

PARC_PURE static long sq(long v) { return v * v; }
PARC_CONTAINED static void say(long v) { printf("%ld\n", v); }

long at_join(long n)
{
    long a;
#pragma parc fork
    a = sq(n);
#pragma parc join
    return a;
}

void at_return(long n)
{
    say(n);
#pragma parc fork
    say(n + 1);
}

long overlapping(long n)
{
    long a, b;
#pragma parc fork
    a = sq(n);
    b = sq(n + 1);
#pragma parc join
    return a + b;
}

/* { dg-final { scan-file "joined*.parc_check" "parc: fork site 1: a plain call \\(joined at once\\)" } } */
/* { dg-final { scan-file "joined*.parc_check" "parc: fork site 2: a plain call \\(joined at once\\)" } } */
/* { dg-final { scan-file-not "joined*.parc_check" "parc: fork site 3:" } } */
/* { dg-final { scan-file-not "joined*.parc_check" "at_join.parc_fork" } } */
/* { dg-final { scan-file "joined*.parc_check" "overlapping.parc_fork.3" } } */
