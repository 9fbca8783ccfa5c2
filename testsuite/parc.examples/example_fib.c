/* Area:	examples/fib.c
   Purpose:	The fib example (hand API, a fork per call above its cut-off)
		computes fib(40) and checks it against an iterative fib,
		at every worker count.  */

/* { dg-do run } */

#include "../../examples/fib.c"

/* { dg-output "fib\\(40\\) = 102334155" } */
