/* Area:	contained: unknown code
   Purpose:	Check that an extern function with no body, no table entry and no mark
		is not contained, directly or through a callee.
   Limitations:	none.  */

/* { dg-do compile } */
extern int mystery(int);
static int wrap(int x) { return mystery(x); } /* { dg-message "'wrap' is not contained: it calls 'mystery', which is defined in another file and has no parc mark" } */
int g(int x)
{
    int r, s;
#pragma parc fork
    r = mystery(x); /* { dg-error "cannot fork a call to 'mystery'" } */
#pragma parc fork
    s = wrap(x); /* { dg-error "cannot fork a call to 'wrap'" } */
#pragma parc join
    return r + s;
}
