/* Area:	examples/nqueens-pragma.c
   Purpose:	The nqueens example written with pragmas (in the first rows,
		a loop forking one call per free column into an array, then
		one join) counts the solutions for n = 12 and checks them
		against the known count, at every worker count; compiled
		without the plugin (its serial elision) it prints the same
		result.  */

/* { dg-do run } */

#include "../../examples/nqueens-pragma.c"

/* { dg-output "nqueens\\(12\\) = 14200" } */
