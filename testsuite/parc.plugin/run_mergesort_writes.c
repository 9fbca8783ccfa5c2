/* Area:	lowering: writes clauses
   Purpose:	Check that a mergesort with writes clauses sorts correctly when
		compiled with the plugin.
   Limitations:	none.  */

/* { dg-do run } */

#include <parc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
static void merge(int *a, int *tmp, long lo, long mid, long hi)
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
PARC_CONTAINED static void msort(int *a, int *tmp, long lo, long hi)
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
int main(void)
{
    enum { N = 10007 };
    int *a = malloc(N * sizeof *a), *t = malloc(N * sizeof *t);
    unsigned s = 12345;
    for (int i = 0; i < N; i++) {
        s = s * 1103515245u + 12345u;
        a[i] = (int)(s >> 8) % 100000;
    }
    msort(a, t, 0, N);
    for (int i = 1; i < N; i++)
        if (a[i - 1] > a[i]) {
            printf("unsorted at %d\n", i);
            return 1;
        }
    printf("sorted %d\n", N); /* { dg-output "sorted 10007" } */
    free(a);
    free(t);
    return 0;
}
