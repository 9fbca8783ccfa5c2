/* Area:	serial elision
   Purpose:	Check that fib with forks compiled with the plugin runs and prints the
		serial result (the forks run as plain calls for now).
   Limitations:	none.  */

/* { dg-do run } */
/* { dg-parc-workers "1" } */

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
