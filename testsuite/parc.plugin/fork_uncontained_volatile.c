/* Area:	contained: volatile
   Purpose:	Check that a callee with a volatile access is not contained.
   Limitations:	none.  */

/* { dg-do compile } */
static int spin(volatile int *p) { return *p; } /* { dg-message "it accesses volatile memory" } */
int g(int *q)
{
    int r;
#pragma parc fork
    r = spin(q); /* { dg-error "cannot fork a call to 'spin'" } */
#pragma parc join
    return r;
}
