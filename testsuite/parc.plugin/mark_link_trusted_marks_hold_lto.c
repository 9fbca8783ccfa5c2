/* Area:	link-time enforcement of trusted marks, -flto
   Purpose:	Check that with -O2 -flto (lto1 loads the plugin but does nothing
		in it) the mark symbols are streamed like other variables: a
		file trusting marks that the other file defines links and runs.
   Limitations:	none.  */

/* { dg-do run } */
/* { dg-options "-O2 -flto" } */
/* { dg-parc-additional-sources "link/defs_marked.c" } */
#include <parc.h>
#include <stdio.h>
PARC_CONTAINED int step(int *p, int n);
PARC_PURE int sq(int v);
int main(void)
{
    int a[4], r, s;
#pragma parc fork writes(a[0:4])
    r = step(a, 4);
#pragma parc fork
    s = sq(5);
#pragma parc join
    printf("%d %d %d\n", r, s, a[2]); /* { dg-output "4 25 2" } */
    return 0;
}
