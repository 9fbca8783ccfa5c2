/* Area:	lowering: recursion
   Purpose:	Check that fib with a fork per call, lowered by the plugin, gives
		the serial result at every worker count.
   Limitations:	none.  */

/* { dg-do run } */

#include <parc.h>
#include <stdio.h>
PARC_PURE static long fib(long n)
{
    if (n < 2)
        return n;
    long a, b;
#pragma parc fork
    a = fib(n - 1);
    b = fib(n - 2);
#pragma parc join
    return a + b;
}
int main(void)
{
    printf("fib(25) = %ld\n", fib(25)); /* { dg-output "fib\\(25\\) = 75025" } */
    return 0;
}
