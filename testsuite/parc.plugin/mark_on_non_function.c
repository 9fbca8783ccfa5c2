/* Area:	PARC_PURE, PARC_CONTAINED
   Purpose:	Check that a mark on a variable is an error.
   Limitations:	none.  */

/* { dg-do compile } */
#include <parc.h>
PARC_PURE int x; /* { dg-error "'parc_pure' marks only function declarations" } */
int g(void) { PARC_CONTAINED int y = 1; return y + x; } /* { dg-error "'parc_contained' marks only function declarations" } */
