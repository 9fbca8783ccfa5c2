/* Area:	#pragma parc fork
   Purpose:	Check that an assignment without a call, an if and a return after
		a fork are errors.
   Limitations:	none.  */

/* { dg-do compile } */
int f(int x) { return x + 1; }
int g(int x)
{
    int y = 0;
#pragma parc fork
    y = x; /* { dg-error "the forked statement must be exactly a call" } */
#pragma parc fork
    if (x) /* { dg-error "must precede a call statement" } */
        y = f(x);
#pragma parc join
#pragma parc fork
    return f(y); /* { dg-error "must precede a call statement" } */
}
