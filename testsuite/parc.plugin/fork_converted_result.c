/* Area:	#pragma parc fork
   Purpose:	Check that a cast of the forked call, or an implicit conversion of its
		result to the destination's type, is an error naming both types.
   Limitations:	none.  */

/* { dg-do compile } */
long lf(long x) { return x + 1; }
int g(int x)
{
    int y, z;
#pragma parc fork
    y = (int)lf(x); /* { dg-error "the result of the forked call is converted from 'long int' to 'int'" } */
#pragma parc fork
    z = lf(x); /* { dg-error "the result of the forked call is converted from 'long int' to 'int'" } */
#pragma parc join
    return y + z;
}
