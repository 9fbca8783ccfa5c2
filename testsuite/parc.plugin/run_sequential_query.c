/* Area:	sequential clones: parc_sequential
   Purpose:	Check that parc_sequential() is 1 in a sequential clone and 0
		in the parallel version: at one worker the lazy forks run clones
		(the sequential branch runs), the call from main runs the parallel
		version (the parallel branch runs), and the result is exact at
		every worker count.
   Limitations:	which branch runs below the top depends on the schedule,
		so only one worker's counts are checked.  */

/* { dg-do run } */
#include <parc.h>
#include <stdio.h>
#include <stdlib.h>

#define PAR (1L << 20)	/* one parallel activation */
#define SEQ (1L << 40)	/* one sequential subtree */

/* n (< 2^20) in the low bits, and how often each branch ran above. */
PARC_PURE static long count(long n)
{
    if (n <= 1)
        return n;
    if (parc_sequential())
        return n + SEQ;
    long a, b;
#pragma parc fork
    a = count(n / 2);
    b = count(n - n / 2);
#pragma parc join
    return a + b + PAR;
}

int main(void)
{
    if (parc_start() != 0)
        abort();
    long n = 100000, r = count(n);
    long low = r % PAR, par = r / PAR % (SEQ / PAR), seq = r / SEQ;
    printf("workers %u: n %ld, parallel %ld, sequential %ld\n",
           parc_workers(), low, par, seq);
    if (low != n || par < 1)
        abort();
    if (parc_workers() == 1 && seq < 1)
        abort();
    return 0;
}
