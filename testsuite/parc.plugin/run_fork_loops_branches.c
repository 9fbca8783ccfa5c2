/* Area:	lowering: forks in loops and branches
   Purpose:	Check that forks in a loop (frames from the bounded array), under
		a branch and through _Pragma give the serial result.
   Limitations:	none.  */

/* { dg-do run } */

#include <parc.h>
#include <stdio.h>
#define FORK _Pragma("parc fork")
PARC_PURE static long sq(long v) { return v * v; }
int main(void)
{
    long r[16], sum = 0;
    for (int i = 0; i < 16; i++) {
        if (i % 2)
#pragma parc fork
            r[i] = sq(i);
        else {
            FORK
            r[i] = sq(-i);
        }
    }
#pragma parc join
    for (int i = 0; i < 16; i++)
        sum += r[i];
    printf("sum %ld\n", sum); /* { dg-output "sum 1240" } */
    return 0;
}
