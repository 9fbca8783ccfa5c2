/* Area:	#pragma parc join
   Purpose:	Check that a join with no fork before it in the function is a
		warning, and a join after a fork is not.
   Limitations:	none.  */

/* { dg-do compile } */
#include <parc.h>
int f(int x) { return x + 1; }
int g(int x)
{
#pragma parc join /* { dg-warning "'#pragma parc join' with nothing forked before it in 'g'" } */
    return x;
}
int h(int x)
{
    int y;
#pragma parc fork
    y = f(x);
#pragma parc join /* { dg-bogus "nothing forked" } */
    return y;
}
