/* Area:	#pragma parc fork
   Purpose:	Check that 'x = f(x) + 1;' and 'f(x) * 2;' are not forkable shapes.
   Limitations:	none.  */

/* { dg-do compile } */
int f(int x) { return x + 1; }
int g(int x)
{
    int y;
#pragma parc fork
    y = f(x) + 1; /* { dg-error "the forked statement must be exactly a call" } */
#pragma parc join
    return y;
}
