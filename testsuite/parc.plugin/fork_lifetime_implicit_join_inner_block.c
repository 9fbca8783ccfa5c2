/* Area:	lifetime with the implicit join
   Purpose:	Check that a fork with no join after it, whose lhs is declared in
		an inner block, is an error: its join is the function's end.
   Limitations:	none.  */

/* { dg-do compile } */
#include <parc.h>
PARC_PURE int sq(int v) { return v * v; }
int g(int n, int *out)
{
    {
        int t __attribute__((unused)); /* { dg-message "'t' is declared here, in a block that ends before the join" } */
#pragma parc fork
        t = sq(n); /* { dg-error "'t', the destination of this fork, may go out of scope before the implicit join of the fork at the end of the function" } */
        out[0] = n;
    }
    return n;
}
