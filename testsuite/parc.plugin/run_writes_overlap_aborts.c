/* Area:	lowering: writes regions checked at run time
   Purpose:	Check that two pending forks whose writes regions overlap in a way
		the plugin cannot prove at compile time abort the program with a
		message naming both forks, that disjoint symbolic halves and empty
		regions pass, and that a region is free again after the join.
   Limitations:	none.  */

/* { dg-do run } */
#include <parc.h>
#include <stdio.h>
#include "parc-child.h"

PARC_CONTAINED static void fill(long *p, long n, long v)
{
    for (long i = 0; i < n; i++)
        p[i] = v;
}

static long halves(long *a, long lo, long mid, long hi)
{
#pragma parc fork writes(a[lo:mid-lo])
    fill(a + lo, mid - lo, 1);
#pragma parc fork writes(a[mid:hi-mid])
    fill(a + mid, hi - mid, 2);
#pragma parc join
    return a[lo] + a[hi - 1];
}

/* mid is off by one: the second region starts inside the first. */
static volatile long skew = 1;
static void overlapping(void)
{
    long a[64];
    halves(a, 0, 32 + skew, 64);      /* fine */
    long mid = 32 + skew;
#pragma parc fork writes(a[0:mid])
    fill(a, mid, 3);
#pragma parc fork writes(a[32:32])
    fill(a + 32, 32, 4);
#pragma parc join
}

/* Through two pointers into one array: the plugin cannot tell. */
static void aliasing(void)
{
    long a[64], *p = a + skew, *q = a;
#pragma parc fork writes(p[0:8])
    fill(p, 8, 5);
#pragma parc fork writes(q[0:8])
    fill(q, 8, 6);
#pragma parc join
}

int main(void)
{
    parc_child_expect_abort(overlapping, "overlapping halves",
                            "run_writes_overlap_aborts.c:38 writes bytes");
    parc_child_expect_abort(aliasing, "aliasing pointers",
                            "that the fork at ");
    long a[64];
    long s = halves(a, 0, 32, 64) + halves(a, 0, 64, 64) + halves(a, 10, 10, 64);
    for (int round = 0; round < 3; round++) {
#pragma parc fork writes(a[0:64])
        fill(a, 64, round);       /* the same region, after each join */
#pragma parc join
    }
    printf("ok %ld %ld\n", s, a[63]); /* { dg-output "ok 9 2" } */
    return 0;
}
