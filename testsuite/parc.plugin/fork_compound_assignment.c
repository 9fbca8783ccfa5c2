/* Area:	#pragma parc fork
   Purpose:	Check that 'a += f(x);' cannot be forked.
   Limitations:	none.  */

/* { dg-do compile } */
int f(int x) { return x + 1; }
int g(int x)
{
    int a = 0;
#pragma parc fork
    a += f(x); /* { dg-error "a compound assignment cannot be forked" } */
#pragma parc join
    return a;
}
