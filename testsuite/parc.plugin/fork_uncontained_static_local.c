/* Area:	contained: static locals
   Purpose:	Check that a callee keeping a static local counter is not contained.
   Limitations:	none.  */

/* { dg-do compile } */
static int counter(int x)
{
    static int calls; /* { dg-message "'calls' declared here" } */
    calls++; /* { dg-message "'counter' is not contained: it (reads|writes) static local 'calls'" } */
    return x + calls;
}
int g(int x)
{
    int r;
#pragma parc fork
    r = counter(x); /* { dg-error "cannot fork a call to 'counter'" } */
#pragma parc join
    return r;
}
