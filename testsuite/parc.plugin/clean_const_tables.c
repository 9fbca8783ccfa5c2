/* Area:	contained: constant globals
   Purpose:	Check that reading constant tables (const globals, static const
		locals, string literals) keeps a function pure and forkable.
   Limitations:	none.  */

/* { dg-do compile } */
/* { dg-options "-fplugin-arg-parc-verdicts" } */
#include <parc.h>
static const int squares[] = { 0, 1, 4, 9, 16, 25 };
static const char *const names[] = { "zero", "one", "two" };
PARC_PURE int lookup(int i) /* { dg-message "'lookup' is pure" } */
{
    static const int bias[2] = { 0, 1 };
    return squares[i % 6] + bias[i & 1] + names[i % 3][0] + "xyz"[i % 3];
}
int g(int x) /* { dg-message "'g' is pure" } */
{
    int r;
#pragma parc fork
    r = lookup(x);
#pragma parc join
    return r;
}
