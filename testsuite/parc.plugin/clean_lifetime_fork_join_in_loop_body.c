/* Area:	lifetime of fork destinations
   Purpose:	Check that a fork and its join both inside the loop body, with the
		lhs declared in that body, are silent.
   Limitations:	none.  */

/* { dg-do compile } */
#include <parc.h>
PARC_PURE int sq(int v) { return v * v; }
static void fill(int *p, int n) { for (int i = 0; i < n; i++) p[i] = i; }
int g(int n)
{
    int s = 0;
    for (int i = 0; i < n; i++) {
        int t, a[2];
#pragma parc fork
        t = sq(i); /* { dg-bogus "go out of scope" } */
#pragma parc fork writes(a[0:2])
        fill(a, 2); /* { dg-bogus "go out of scope" } */
#pragma parc join
        s += t + a[1];
    }
    return s;
}
