/* Area:	examples/fib-pragma.c
   Purpose:	The fib example written with pragmas (a fork per call above
		its cut-off, lowered by the plugin) computes fib(40) and
		checks it against an iterative fib, at every worker count;
		compiled without the plugin (its serial elision) it prints
		the same result.  */

/* { dg-do run } */

#include "../../examples/fib-pragma.c"

/* { dg-output "fib\\(40\\) = 102334155" } */
