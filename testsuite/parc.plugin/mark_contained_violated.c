/* Area:	PARC_CONTAINED
   Purpose:	Check that a PARC_CONTAINED function that (through a callee) calls rand
		is an error with the chain.
   Limitations:	none.  */

/* { dg-do compile } */
#include <parc.h>
#include <stdlib.h>
static int noise(void) { return rand(); }
PARC_CONTAINED int jitter(int x) /* { dg-error "'jitter' is marked PARC_CONTAINED but is not contained" } */
{
    return x + noise(); /* { dg-message "'jitter' is not contained: it calls 'noise', which calls 'rand', which reads and updates" } */
}
