/* Area:	link-time enforcement of trusted marks
   Purpose:	Check that a file trusting the PARC_CONTAINED and PARC_PURE marks
		of functions defined in another file links and runs when the
		defining file (link/defs_marked.c) carries the same marks and they
		hold: it emits __parc_contained_mark_of_step, and for the pure sq
		both __parc_pure_mark_of_sq and __parc_contained_mark_of_sq.
   Limitations:	none.  */

/* { dg-do run } */
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
    s = sq(3);
#pragma parc join
    printf("%d %d %d\n", r, s, a[3]); /* { dg-output "4 9 3" } */
    return 0;
}
