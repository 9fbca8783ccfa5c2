/* Area:	lowering: evaluation in the parent
   Purpose:	Check that hoisting a forked call's arguments and its destination's
		address keeps the program's meaning: each argument and each side
		effect of the lhs is evaluated exactly once, calls nested in
		arguments included, and that an argument may call a function that
		is not contained (arguments are evaluated in the parent).
   Limitations:	none.  */

/* { dg-do run } */

#include <parc.h>
#include <stdio.h>
static int calls;
static int next(void) { return ++calls; } /* not contained: fine in an argument */
PARC_PURE static int add(int a, int b) { return a + b; }
PARC_PURE static int twice(int a) { return 2 * a; }
int main(void)
{
    int a[4] = { 0, 0, 0, 0 }, i = 0, n = 5, x;
#pragma parc fork
    a[i++] = add(twice(n), next());
#pragma parc fork
    x = add(n, twice(twice(1)));
#pragma parc join
    printf("%d %d %d %d %d\n", a[0], i, calls, x, a[1]); /* { dg-output "11 1 1 9 0" } */
    return 0;
}
