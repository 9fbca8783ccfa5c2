/* Area:	lowering: -fplugin-arg-parc-naive
   Purpose:	Check that the naive argument lowers every fork as written: a
		loop the plugin would split keeps its forks (no range function),
		and a fork joined at once stays a fork (no identity applied).
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

long once(long n)
{
    long a;
#pragma parc fork
    a = sq(n);
#pragma parc join
    return a;
}

/* { dg-final { scan-file-not "naive*.parc_check" "parc_loop" } } */
/* { dg-final { scan-file-not "naive*.parc_check" "parc: fork site" } } */
/* { dg-final { scan-file "naive*.parc_check" "once.parc_fork.2" } } */
/* { dg-final { scan-file "naive*.parc_check" "parcint_lfork_slot1 \\(" } } */
