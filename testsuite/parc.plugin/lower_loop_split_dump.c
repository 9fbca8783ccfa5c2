/* Area:	lowering: counted loops split divide and conquer
   Purpose:	Check that by default a counted loop of forks joined right after
		becomes a range function taking the bounds, the grain and the
		captured pointer, and that the loop's own fork is gone.
   Limitations:	none.  */

/* { dg-do compile } */
/* { dg-options "-fdump-ipa-all -dumpbase notnaive" } */
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

/* { dg-final { scan-file "notnaive*.parc_check" "void all.parc_loop.1 \\(int lo, int hi, unsigned int grain, long int \\* r\\)" } } */
/* { dg-final { scan-file "notnaive*.parc_check" "all.parc_loop.1 \\(lo\[^,\]*, mid" } } */
/* { dg-final { scan-file-not "notnaive*.parc_check" "lowered all \\(" } } */
