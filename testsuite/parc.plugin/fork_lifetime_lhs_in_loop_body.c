/* Area:	lifetime of fork destinations
   Purpose:	Check that a fork whose lhs is declared inside the loop body that
		forks, joined after the loop, is an error with a note at the
		declaration, for both 'x = f();' and 'T x = f();'.
   Limitations:	none.  */

/* { dg-do compile } */
#include <parc.h>
PARC_PURE int sq(int v) { return v * v; }
int g(int n)
{
    int s = 0;
    for (int i = 0; i < n; i++) {
        int t __attribute__((unused)); /* { dg-message "'t' is declared here, in a block that ends before the join" } */
#pragma parc fork
        t = sq(i); /* { dg-error "'t', the destination of this fork, may go out of scope before the join of the fork" } */
#pragma parc fork
        int u __attribute__((unused)) = /* { dg-message "'u' is declared here" } */
            sq(i + 1); /* { dg-error "'u', the destination of this fork, may go out of scope before the join" } */
        s += i;
    }
#pragma parc join
    return s;
}
