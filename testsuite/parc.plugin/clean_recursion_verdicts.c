/* Area:	call graph: recursion
   Purpose:	Check the inferred levels of self-recursive functions: pure, contained
		(writes through a parameter), not contained (a global).
   Limitations:	none.  */

/* { dg-do compile } */
/* { dg-options "-fplugin-arg-parc-verdicts" } */
#include <parc.h>
int seen;
int depth(const int *t, int n) /* { dg-message "'depth' is pure" } */
{
    return n == 0 ? 0 : 1 + depth(t + 1, n - 1) + t[0] * 0;
}
void zero(int *t, int n) /* { dg-message "'zero' is contained" } */
{
    if (n == 0)
        return;
    t[0] = 0;
    zero(t + 1, n - 1);
}
int mark(int n) /* { dg-message "'mark' is not contained" } */
{
    if (n == 0)
        return seen++;
    return mark(n - 1);
}
int h(int n) /* { dg-message "'h' is pure" } */
{
    int a;
#pragma parc fork
    a = depth(&n, 1);
#pragma parc join
    return a;
}
