/* Area:	link-time enforcement of trusted marks
   Purpose:	Check that trusting a mark the defining file does not give fails
		to link, naming the function and the mark: step is defined without
		PARC_CONTAINED, and sq is defined PARC_CONTAINED where this file
		trusts PARC_PURE (link/defs_unmarked.c).
   Limitations:	the message is the linker's, so it has no source line.  */

/* { dg-do link } */
/* { dg-parc-additional-sources "link/defs_unmarked.c" } */
#include <parc.h>
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
    return r + s + a[0] == 13 ? 0 : 1;
}
/* { dg-error "undefined reference to .__parc_contained_mark_of_step." "step" { target *-*-* } 0 } */
/* { dg-error "undefined reference to .__parc_pure_mark_of_sq." "sq" { target *-*-* } 0 } */
/* { dg-error "ld returned 1 exit status" "link" { target *-*-* } 0 } */
/* { dg-bogus "__parc_contained_mark_of_sq" "contained sq is defined" { target *-*-* } 0 } */
