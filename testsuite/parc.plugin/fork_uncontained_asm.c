/* Area:	contained: inline asm
   Purpose:	Check that a callee with inline assembly is not contained.
   Limitations:	none.  */

/* { dg-do compile } */
static int barrier(int x) { __asm__ volatile("" ::: "memory"); return x; } /* { dg-message "it contains inline assembly" } */
int g(int x)
{
    int r;
#pragma parc fork
    r = barrier(x); /* { dg-error "cannot fork a call to 'barrier'" } */
#pragma parc join
    return r;
}
