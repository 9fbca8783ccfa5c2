/* Area:	PARC_PURE
   Purpose:	Check that a PARC_PURE function that writes a global, prints, or
		writes through its parameter is an error with the reason.
   Limitations:	none.  */

/* { dg-do compile } */
#include <parc.h>
#include <stdio.h>
int total; /* { dg-message "'total' declared here" } */
PARC_PURE int add(int x) /* { dg-error "'add' is marked PARC_PURE but is not pure" } */
{
    total += x; /* { dg-message "'add' is not pure: it (reads|writes) global 'total'" } */
    return total;
}
PARC_PURE int show(int x) /* { dg-error "'show' is marked PARC_PURE but is not pure" } */
{
    printf("%d\n", x); /* { dg-message "'show' is not pure: it calls 'printf', which prints" } */
    return x;
}
PARC_PURE void clear(int *p) /* { dg-error "'clear' is marked PARC_PURE but is not pure" } */
{
    *p = 0; /* { dg-message "'clear' is not pure: it writes through its parameter 'p'" } */
}
