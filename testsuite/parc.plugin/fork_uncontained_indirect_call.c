/* Area:	contained: function pointers
   Purpose:	Check that a callee calling through a function pointer is not
		contained.
   Limitations:	none.  */

/* { dg-do compile } */
static int apply(int (*fp)(int), int x) { return fp(x); } /* { dg-message "'apply' is not contained: it calls through a function pointer" } */
static int inc(int x) { return x + 1; }
int g(int x)
{
    int r;
#pragma parc fork
    r = apply(inc, x); /* { dg-error "cannot fork a call to 'apply'" } */
#pragma parc join
    return r;
}
