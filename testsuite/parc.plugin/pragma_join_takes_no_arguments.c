/* Area:	#pragma parc join
   Purpose:	Check that text after '#pragma parc join' is an error.
   Limitations:	none.  */

/* { dg-do compile } */
int f(int x) { return x; }
int g(int x)
{
    int r;
#pragma parc fork
    r = f(x);
#pragma parc join now /* { dg-error "'#pragma parc join' takes no arguments" } */
    return r;
}
