/* Area:	serial elision at -O0 -g
   Purpose:	Check that at -O0 with -g no marker survives to the link and the
		program runs (the markers are undefined functions).
   Limitations:	none.  */

/* { dg-do run } */
/* { dg-parc-workers "1" } */
/* { dg-options "-O0 -g" } */

#include <parc.h>
#include <stdio.h>
PARC_PURE static int inc(int v) { return v + 1; }
int main(void)
{
    int a, b;
#pragma parc fork
    a = inc(1);
#pragma parc join
#pragma parc fork
    b = inc(a);
#pragma parc join
    printf("%d %d\n", a, b); /* { dg-output "2 3" } */
    return 0;
}
