/* Area:	contained: thread-local storage
   Purpose:	Check that a callee using a _Thread_local variable is not contained.
   Limitations:	none.  */

/* { dg-do compile } */
_Thread_local int depth; /* { dg-message "'depth' declared here" } */
static int enter(int x) { depth = x; return x; } /* { dg-message "it writes thread-local 'depth'" } */
int g(int x)
{
    int r;
#pragma parc fork
    r = enter(x); /* { dg-error "cannot fork a call to 'enter'" } */
#pragma parc join
    return r;
}
