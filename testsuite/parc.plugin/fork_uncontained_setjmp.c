/* Area:	contained: setjmp/longjmp
   Purpose:	Check that a callee calling setjmp or longjmp is not contained.
   Limitations:	none.  */

/* { dg-do compile } */
#include <setjmp.h>
static jmp_buf env; /* { dg-message "'env' declared here" } */
static int jump(int x) { if (x) longjmp(env, x); return 0; } /* { dg-message "'jump' is not contained: it (takes the address of global 'env'|calls 'longjmp')" } */
int g(int x)
{
    int r;
#pragma parc fork
    r = jump(x); /* { dg-error "cannot fork a call to 'jump'" } */
#pragma parc join
    return r;
}
static int try_it(jmp_buf b) { return setjmp(b); } /* { dg-message "'try_it' is not contained: it calls '_setjmp', which makes a non-local jump" } */
int h(void)
{
    jmp_buf b;
    int r;
#pragma parc fork
    r = try_it(b); /* { dg-error "cannot fork a call to 'try_it'" } */
#pragma parc join
    return r;
}
