/* Area:	lifetime of objects passed by address
   Purpose:	Check that a fork given the address of a local declared in an
		inner block that ends before the join is an error with a note at
		the declaration, for &x and for an array that decays.
   Limitations:	none.  */

/* { dg-do compile } */
#include <parc.h>
static void fill(int *p, int n) { for (int i = 0; i < n; i++) p[i] = i; }
PARC_PURE static int get(const int *p) { return *p; }
int g(int n)
{
    int r = 0;
    if (n > 0) {
        int x; /* { dg-message "'x' is declared here, in a block that ends before the join" } */
        int a[4]; /* { dg-message "'a' is declared here" } */
        x = n;
#pragma parc fork
        r = get(&x); /* { dg-error "'x', whose address is passed to this fork, may go out of scope before the join of the fork" } */
#pragma parc fork writes(a[0:4])
        fill(a, 4); /* { dg-error "'a', whose address is passed to this fork, may go out of scope" } */
    }
#pragma parc join
    return r + n;
}
