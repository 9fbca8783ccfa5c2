/* Area:	lifetime of fork destinations
   Purpose:	Check that forks in a loop whose lhs and address arguments are
		declared in the function's outer block, joined after the loop or
		implicitly at the end, are silent; parameters too.
   Limitations:	none.  */

/* { dg-do compile } */
#include <parc.h>
PARC_PURE int sq(int v) { return v * v; }
static void fill(int *p, int n) { for (int i = 0; i < n; i++) p[i] = i; }
int g(int n, int k __attribute__((unused)))
{
    int r[16];
    int b[16];
    for (int i = 0; i < 16; i++) {
#pragma parc fork
        r[i] = sq(i); /* { dg-bogus "go out of scope" } */
    }
#pragma parc join
#pragma parc fork writes(b[0:16])
    fill(b, 16); /* { dg-bogus "go out of scope" } */
#pragma parc fork
    k = sq(n); /* { dg-bogus "go out of scope" } */
    return r[n & 15]; /* k is not read before the implicit join */
}
