/* Area:	#pragma parc fork writes(...), PARC_CONTAINED
   Purpose:	Check that a mergesort forking its halves with writes clauses over
		their array sections compiles silently and is contained.
   Limitations:	none.  */

/* { dg-do compile } */
/* { dg-options "-fplugin-arg-parc-verdicts" } */
#include <parc.h>
#include <string.h>
static void merge(int *a, int *tmp, long lo, long mid, long hi) /* { dg-message "'merge' is contained" } */
{
    long i = lo, j = mid, k = lo;
    while (i < mid && j < hi)
        tmp[k++] = a[i] <= a[j] ? a[i++] : a[j++];
    while (i < mid)
        tmp[k++] = a[i++];
    while (j < hi)
        tmp[k++] = a[j++];
    memcpy(a + lo, tmp + lo, (size_t)(hi - lo) * sizeof *a);
}
PARC_CONTAINED void msort(int *a, int *tmp, long lo, long hi) /* { dg-message "'msort' is contained" } */
{
    if (hi - lo < 2)
        return;
    long mid = lo + (hi - lo) / 2;
#pragma parc fork writes(a[lo:mid - lo], tmp[lo:mid - lo])
    msort(a, tmp, lo, mid);
#pragma parc fork writes(a[mid:hi - mid], tmp[mid:hi - mid])
    msort(a, tmp, mid, hi);
#pragma parc join
    merge(a, tmp, lo, mid, hi);
}
