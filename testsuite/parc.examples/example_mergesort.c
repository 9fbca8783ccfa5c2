/* Area:	examples/mergesort.c
   Purpose:	The mergesort example sorts 10^7 random ints with forked
		halves and checks order and checksum, at every worker
		count.  */

/* { dg-do run } */

#include "../../examples/mergesort.c"

/* { dg-output "mergesort\\(10000000\\) sorted" } */
