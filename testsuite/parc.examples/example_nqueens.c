/* Area:	examples/nqueens.c
   Purpose:	The nqueens example (a fork per column in the first rows,
		frames in an array joined in reverse) counts the solutions
		for n = 12 and checks them against the known count, at every
		worker count.  */

/* { dg-do run } */

#include "../../examples/nqueens.c"

/* { dg-output "nqueens\\(12\\) = 14200" } */
