/* Area:	call graph: mutual recursion (SCCs)
   Purpose:	Check that mutually recursive pure functions are pure and forkable,
		and that one global write in a cycle makes the whole cycle not
		contained.
   Limitations:	none.  */

/* { dg-do compile } */
/* { dg-options "-fplugin-arg-parc-verdicts" } */
#include <parc.h>
int is_odd(unsigned n);
int is_even(unsigned n) { return n == 0 ? 1 : is_odd(n - 1); } /* { dg-message "'is_even' is pure" } */
int is_odd(unsigned n) { return n == 0 ? 0 : is_even(n - 1); } /* { dg-message "'is_odd' is pure" } */
int hits;
int ping(int n);
int pong(int n) { hits = n; return n ? ping(n - 1) : 0; } /* { dg-message "'pong' is not contained" } */
int ping(int n) { return n ? pong(n - 1) : 0; } /* { dg-message "'ping' is not contained" } */
int g(unsigned n) /* { dg-message "'g' is pure" } */
{
    int a, b;
#pragma parc fork
    a = is_even(n);
    b = is_odd(n);
#pragma parc join
    return a + b;
}
