/* Area:	sequential clones: promotion (heartbeat), turned off
   Purpose:	Check that -fplugin-arg-parc-no-heartbeat (promotion is on
		by default) leaves the clones of split loops without loop record, poll
		or promote thunk.
   Limitations:	none.  */

/* { dg-do compile } */
/* { dg-options "-fdump-ipa-all -dumpbase hboff -fplugin-arg-parc-no-heartbeat" } */
#include <parc.h>

PARC_PURE static long sq(long v) { return v * v; }

long g(long *r, int n)
{
    for (int i = 0; i < n; i++) {
#pragma parc fork
        r[i] = sq(i);
    }
#pragma parc join
    return r[0];
}

/* { dg-final { scan-file "hboff*.parc_check" "parc: sequential clone g.parc_loop.\[0-9\]+.parc_seq.0" } } */
/* { dg-final { scan-file-not "hboff*.parc_check" "parc: promotion" } } */
/* { dg-final { scan-file-not "hboff*.parc_check" "parcint_lenter" } } */
/* { dg-final { scan-file-not "hboff*.parc_check" "parc_promote" } } */
