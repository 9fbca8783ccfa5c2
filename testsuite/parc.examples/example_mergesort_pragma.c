/* Area:	examples/mergesort-pragma.c
   Purpose:	The mergesort example written with pragmas (both halves
		forked, each with a writes clause naming its half) sorts 10^7
		random ints and checks order and checksum, at every worker
		count; compiled without the plugin (its serial elision) it
		prints the same result.  */

/* { dg-do run } */

#include "../../examples/mergesort-pragma.c"

/* { dg-output "mergesort\\(10000000\\) sorted" } */
