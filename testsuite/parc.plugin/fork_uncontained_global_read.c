/* Area:	contained: mutable globals
   Purpose:	Check that a callee reading a mutable global is not contained.
   Limitations:	none.  */

/* { dg-do compile } */
int scale = 3; /* { dg-message "'scale' declared here" } */
static int times(int x) { return x * scale; } /* { dg-message "'times' is not contained: it reads global 'scale'" } */
int g(int x)
{
    int r;
#pragma parc fork
    r = times(x); /* { dg-error "cannot fork a call to 'times'" } */
#pragma parc join
    return r;
}
