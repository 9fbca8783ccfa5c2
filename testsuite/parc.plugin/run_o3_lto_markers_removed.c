/* Area:	serial elision with -O3 -flto
   Purpose:	Check that with -O3 -flto (lto1 loads the plugin too) the program
		links and runs.
   Limitations:	none.  */

/* { dg-do run } */
/* { dg-parc-workers "1" } */
/* { dg-options "-O3 -flto" } */

#include <parc.h>
#include <stdio.h>
PARC_PURE static int inc(int v) { return v + 1; }
int main(void)
{
    int a, b;
#pragma parc fork
    a = inc(41);
#pragma parc join
#pragma parc fork
    b = inc(a);
#pragma parc join
    printf("%d %d\n", a, b); /* { dg-output "42 43" } */
    return 0;
}
