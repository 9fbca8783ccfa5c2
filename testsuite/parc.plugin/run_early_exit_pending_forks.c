/* Area:	lowering: leaving a function with forks pending
   Purpose:	Check the implicit join: an early return, a return from inside
		a loop, and a goto out of a loop, all with forks pending, give
		their results to the caller complete, at every worker count.
   Limitations:	none.  */

/* { dg-do run } */
#include <parc.h>
#include <stdio.h>

PARC_CONTAINED static void slow_set(long *out, long v)
{
    long s = 0;
    for (long i = 0; i < 20000 + v % 7; i++)
        s += i % 3;
    *out = v + (s & 0);
}

/* Returns early with both forks pending: the caller reads r[] at once. */
static void early(long *r, int stop)
{
#pragma parc fork writes(r[0:1])
    slow_set(r, 10);
    if (stop)
        return;
#pragma parc fork writes(r[1:1])
    slow_set(r + 1, 20);
}

/* Returns from inside the loop that forks. */
static int from_loop(long *r, int n, int stop)
{
    for (int i = 0; i < n; i++) {
#pragma parc fork writes(r[i:1])
        slow_set(r + i, 100 + i);
        if (i == stop)
            return i;
    }
#pragma parc join
    return n;
}

/* Leaves the loop by goto; the join after the label joins every fork. */
static long by_goto(long *r, int n, int stop)
{
    int i;
    for (i = 0; i < n; i++) {
#pragma parc fork writes(r[i:1])
        slow_set(r + i, 1000 + i);
        if (i == stop)
            goto out;
    }
out:
#pragma parc join
    long s = 0;
    for (int k = 0; k <= i && k < n; k++)
        s += r[k];
    return s;
}

int main(void)
{
    long r[100] = { 0 };
    early(r, 1);
    printf("early %ld %ld\n", r[0], r[1]); /* { dg-output "early 10 0\n" } */
    early(r, 0);
    printf("both %ld %ld\n", r[0], r[1]); /* { dg-output "both 10 20\n" } */
    int k = from_loop(r, 100, 41);
    long s = 0;
    for (int i = 0; i <= k; i++)
        s += r[i];
    printf("loop %d %ld\n", k, s); /* { dg-output "loop 41 5061\n" } */
    printf("goto %ld\n", by_goto(r, 100, 70)); /* { dg-output "goto 73485\n" } */
    printf("all %ld\n", by_goto(r, 100, 1000)); /* { dg-output "all 104950" } */
    return 0;
}
