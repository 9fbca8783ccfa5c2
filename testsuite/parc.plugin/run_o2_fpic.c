/* Area:	lowering with -O2 -fPIC
   Purpose:	Check that position-independent code (-fPIC, as for a shared
		library) compiles and runs with the lowering.
   Limitations:	none.  */

/* { dg-do run } */
/* { dg-options "-O2 -fPIC" } */

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
