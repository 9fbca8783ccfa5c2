/* Area:	lowering: -fplugin-arg-parc-check-writes=no
   Purpose:	Check that the run-time check of writes regions is emitted by
		default and left out with check-writes=no.
   Limitations:	none.  */

/* { dg-do compile } */
/* { dg-options "-fplugin-arg-parc-check-writes=no -fdump-ipa-all -dumpbase writes_off" } */
#include <parc.h>

PARC_CONTAINED static void fill(long *p, long n) { for (long i = 0; i < n; i++) p[i] = i; }

void halves(long *a, long n)
{
#pragma parc fork writes(a[0:n/2])
    fill(a, n / 2);
#pragma parc fork writes(a[n/2:n-n/2])
    fill(a + n / 2, n - n / 2);
#pragma parc join
}

/* { dg-final { scan-file "writes_off*.parc_check" "parcint_lfork1 \\(&parc_forked" } } */
/* { dg-final { scan-file-not "writes_off*.parc_check" "parcint_lwrites \\(&parc_wpending" } } */
