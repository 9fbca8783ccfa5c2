/* Area:	lowering with -O1 -fno-inline
   Purpose:	Check that with -fno-inline (no inlining but of always_inline
		functions) the lowering compiles and the program runs.
   Limitations:	none.  */

/* { dg-do run } */
/* { dg-options "-O1 -fno-inline" } */

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
