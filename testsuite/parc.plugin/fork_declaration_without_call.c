/* Area:	#pragma parc fork
   Purpose:	Check that a declaration with a non-call initializer, or none, after a
		fork is an error.
   Limitations:	none.  */

/* { dg-do compile } */
int g(int x)
{
#pragma parc fork
    int y = x + 1; /* { dg-error "the forked statement must be exactly a call" } */
#pragma parc fork
    int z; /* { dg-error "not a declaration without a call initializer" } */
#pragma parc join
    z = y;
    return z;
}
