/* Area:	examples/kvserver.c (process functions: a server actor)
   Purpose:	A gen_server-like counter server: eight client futures send
		casts and calls (checking that each client's requests stay
		in order), a deferred call is answered when its level is
		reached; the totals are checked at every worker count.  */

/* { dg-do run } */

#include "../../examples/kvserver.c"

/* { dg-output "kvserver: ok" } */
