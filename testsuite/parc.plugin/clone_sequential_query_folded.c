/* Area:	sequential clones: parc_sequential
   Purpose:	Check that the plugin replaces every call of parc_sequential
		(by 1 in the sequential clone, 0 in the parallel version and in
		functions with no clone), so that none reaches the library.
   Limitations:	the dump shows no constant it could be matched by reliably;
		run_sequential_query.c checks the values.  */

/* { dg-do compile } */
/* { dg-options "-fdump-ipa-all -dumpbase seqq" } */
#include <parc.h>

PARC_PURE static long count(long n)
{
    if (n <= 1)
        return n;
    if (parc_sequential())
        return n;
    long a, b;
#pragma parc fork
    a = count(n / 2);
    b = count(n - n / 2);
#pragma parc join
    return a + b;
}

int plain(void)
{
    return parc_sequential();
}

long top(long n)
{
    return count(n) + plain();
}

/* { dg-final { scan-file "seqq*.parc_check" "parc: sequential clone count.parc_seq.0" } } */
/* { dg-final { scan-file "seqq*.parc_check" "parc: lowered count" } } */
/* { dg-final { scan-file-not "seqq*.parc_check" "parc_sequential \\(" } } */
