/* Area:	PARC_PURE, #pragma parc fork
   Purpose:	Check that fib marked PARC_PURE with a fork and a join compiles with
		no diagnostic, and is inferred pure.
   Limitations:	none.  */

/* { dg-do compile } */
/* { dg-options "-fplugin-arg-parc-verdicts" } */
#include <parc.h>
PARC_PURE long fib(long n) /* { dg-message "'fib' is pure" } */
{
    if (n < 2)
        return n;
    long a, b;
#pragma parc fork
    a = fib(n - 1);
    b = fib(n - 2);
#pragma parc join
    return a + b;
}
