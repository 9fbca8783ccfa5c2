/* Area:	lowering: -fplugin-arg-parc-naive
   Purpose:	Check that the naive argument lowers every fork as written: a
		loop the plugin would split keeps its forks (no range function).
   Limitations:	none.  */

/* { dg-do compile } */
/* { dg-options "-fplugin-arg-parc-naive -fdump-ipa-all -dumpbase naive" } */
#include <parc.h>

PARC_PURE static long sq(long v) { return v * v; }

void all(long *r, int n)
{
    for (int i = 0; i < n; i++) {
#pragma parc fork
        r[i] = sq(i);
    }
#pragma parc join
}

/* { dg-final { scan-file-not "naive*.parc_check" "parc_loop" } } */
/* { dg-final { scan-file "naive*.parc_check" "parcint_lfork_slot1 \\(" } } */
