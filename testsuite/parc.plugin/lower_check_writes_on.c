/* Area:	lowering: writes regions checked by default
   Purpose:	Check that by default each fork with a writes clause calls the
		run-time check (parcint_lwrites) before it forks.
   Limitations:	none.  */

/* { dg-do compile } */
/* { dg-options "-fdump-ipa-all -dumpbase writes_on" } */
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

/* { dg-final { scan-file "writes_on*.parc_check" "parcint_lfork1 \\(&parc_forked" } } */
/* { dg-final { scan-file "writes_on*.parc_check" "parcint_lwrites \\(&parc_wpending" } } */
