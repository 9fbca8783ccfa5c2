/* Area:	lifetime of fork destinations
   Purpose:	Check that a fork whose lhs is declared in the same block as the
		join (an inner block, a loop body) is silent.
   Limitations:	none.  */

/* { dg-do compile } */
#include <parc.h>
PARC_PURE int sq(int v) { return v * v; }
int g(int n)
{
    int s = 0;
    if (n > 1) {
        int t;
#pragma parc fork
        t = sq(n); /* { dg-bogus "go out of scope" } */
#pragma parc join
        s += t;
    }
    return s;
}
