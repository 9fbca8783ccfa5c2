/* Area:	#pragma parc fork
   Purpose:	Check that two forks in a row are an error at the first.
   Limitations:	none.  */

/* { dg-do compile } */
int f(int x) { return x + 1; }
int g(int x)
{
    int y;
#pragma parc fork /* { dg-error "not another '#pragma parc'" } */
#pragma parc fork
    y = f(x);
#pragma parc join
    return y;
}
