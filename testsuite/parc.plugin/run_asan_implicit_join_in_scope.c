/* Area:	lowering: the implicit join at a return, under AddressSanitizer
   Purpose:	Check that the implicit join comes before the end of the
		function's scopes as AddressSanitizer marks them (it poisons
		locals before the return): a fork pending at the return that
		writes into a local must not be reported as a write after scope.
   Limitations:	needs GCC's libasan (Debian's gcc has it).  */

/* { dg-do run } */
/* { dg-options "-O1 -fsanitize=address" } */
/* { dg-parc-sanitizers "none address" } */
#include <parc.h>
#include <stdio.h>

PARC_CONTAINED static void fill(long *p, int n, long v)
{
    for (int i = 0; i < n; i++)
        p[i] = v + i;
}

static long pending_at_return(long v)
{
    long buf[4];
    long n = v;
#pragma parc fork writes(buf[0:4])
    fill(buf, 4, v);
    n = n * 2;   /* work between the fork and the return: it stays a fork */
    return n;    /* the implicit join runs fill into buf, still in scope */
}

int main(void)
{
    long s = 0;
    for (int i = 0; i < 100; i++)
        s += pending_at_return(i);
    printf("%ld\n", s); /* { dg-output "9900" } */
    return 0;
}
