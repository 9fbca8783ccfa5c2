/* Area:	sequential clones: sums fused
   Purpose:	Check that in a forking function's sequential clone, a local
		array that only collects forked results to be summed after the
		loop (the nqueens shape) adds them up as they come, and that
		every variant where that could change the result keeps its
		array: a product, another reader, an index reset, a sum that
		starts at a value known only after the loop, an early exit, a
		stale index, an index read after the loop, floating point.  A
		sum that starts at a constant or at a parameter is fused
		(element 0 starts there).
   Limitations:	the clone's dump is the only witness; the run test
		run_clone_sum_fused_results.c checks the results.  */

/* { dg-do compile } */
/* { dg-options "-fdump-ipa-all -dumpbase sums -Wno-unused-but-set-variable" } */
#include <parc.h>

PARC_PURE static long leaf(int d, unsigned m) { return (long)(m % 7u) + d; }

PARC_PURE long counted(int d, unsigned m)
{
    if (d <= 0)
        return leaf(d, m);
    long counts[8];
    int k = 0;
    for (int c = 0; c < 8; c++) {
        if ((m >> c) & 1u)
            continue;
#pragma parc fork
        counts[k++] = counted(d - 1, m * 3u + (unsigned)c);
    }
#pragma parc join
    long total = 0;
    for (int i = 0; i < k; i++)
        total += counts[i];
    return total;
}

PARC_PURE long product(int d, unsigned m)
{
    if (d <= 0)
        return leaf(d, m);
    long prod[8];
    int k = 0;
    for (int c = 0; c < 8; c++) {
        if ((m >> c) & 1u)
            continue;
#pragma parc fork
        prod[k++] = product(d - 1, m + (unsigned)c);
    }
#pragma parc join
    long total = 1;
    for (int i = 0; i < k; i++)
        total *= prod[i];
    return total;
}

PARC_PURE long reread(int d, unsigned m)
{
    if (d <= 0)
        return leaf(d, m);
    long seen[8];
    int k = 0;
    for (int c = 0; c < 8; c++) {
#pragma parc fork
        seen[k++] = reread(d - 1, m + (unsigned)c);
    }
#pragma parc join
    long total = 0;
    for (int i = 0; i < k; i++)
        total += seen[i];
    return total + seen[0];
}

PARC_PURE long reset(int d, unsigned m)
{
    if (d <= 0)
        return leaf(d, m);
    long again[8];
    int k = 0;
    for (int c = 0; c < 8; c++) {
        if (c == 4)
            k = 0;
#pragma parc fork
        again[k++] = reset(d - 1, m + (unsigned)c);
    }
#pragma parc join
    long total = 0;
    for (int i = 0; i < k; i++)
        total += again[i];
    return total;
}

PARC_PURE long from_one(int d, unsigned m)
{
    if (d <= 0)
        return leaf(d, m);
    long plus1[8];
    int k = 0;
    for (int c = 0; c < 8; c++) {
#pragma parc fork
        plus1[k++] = from_one(d - 1, m + (unsigned)c);
    }
#pragma parc join
    long total = 1;
    for (int i = 0; i < k; i++)
        total += plus1[i];
    return total;
}

PARC_PURE long from_param(int d, unsigned m, long base)
{
    if (d <= 0)
        return leaf(d, m);
    long plusb[8];
    int k = 0;
    for (int c = 0; c < 8; c++) {
#pragma parc fork
        plusb[k++] = from_param(d - 1, m + (unsigned)c, base);
    }
#pragma parc join
    long total = base;
    for (int i = 0; i < k; i++)
        total += plusb[i];
    return total;
}

PARC_PURE long from_count(int d, unsigned m)
{
    if (d <= 0)
        return leaf(d, m);
    long plusk[8];
    int k = 0;
    for (int c = 0; c < 8; c++) {
        if ((m >> c) & 1u)
            continue;
#pragma parc fork
        plusk[k++] = from_count(d - 1, m + (unsigned)c);
    }
#pragma parc join
    long total = k;
    for (int i = 0; i < k; i++)
        total += plusk[i];
    return total;
}

PARC_PURE long early(int d, unsigned m)
{
    if (d <= 0)
        return leaf(d, m);
    long upto[8];
    int k = 0;
    for (int c = 0; c < 8; c++) {
#pragma parc fork
        upto[k++] = early(d - 1, m + (unsigned)c);
    }
#pragma parc join
    long total = 0;
    for (int i = 0; i < k; i++) {
        if (total > 100)
            break;
        total += upto[i];
    }
    return total;
}

PARC_PURE long stale(int d, unsigned m)
{
    if (d <= 0)
        return leaf(d, m);
    long lost[8];
    int k = 0;
    for (int c = 0; c < 8; c++) {
        int before = k;
#pragma parc fork
        lost[k++] = stale(d - 1, m + (unsigned)c);
        if (m & 4u)
            k = before;
    }
#pragma parc join
    long total = 0;
    for (int i = 0; i < k; i++)
        total += lost[i];
    return total;
}

PARC_PURE long used_after(int d, unsigned m)
{
    if (d <= 0)
        return leaf(d, m);
    long after[8];
    int k = 0, i;
    for (int c = 0; c < 8; c++) {
#pragma parc fork
        after[k++] = used_after(d - 1, m + (unsigned)c);
    }
#pragma parc join
    long total = 0;
    for (i = 0; i < k; i++)
        total += after[i];
    return total + i;
}

PARC_PURE double real(int d, unsigned m)
{
    if (d <= 0)
        return (double)leaf(d, m);
    double fl[8];
    int k = 0;
    for (int c = 0; c < 8; c++) {
#pragma parc fork
        fl[k++] = real(d - 1, m + (unsigned)c);
    }
#pragma parc join
    double total = 0;
    for (int i = 0; i < k; i++)
        total += fl[i];
    return total;
}

/* { dg-final { scan-file "sums*.parc_check" "parc: sum fused: the results stored in 'counts' are added as they come" } } */
/* { dg-final { scan-file-not "sums*.parc_check" "stored in 'prod'" } } */
/* { dg-final { scan-file-not "sums*.parc_check" "stored in 'seen'" } } */
/* { dg-final { scan-file-not "sums*.parc_check" "stored in 'again'" } } */
/* { dg-final { scan-file "sums*.parc_check" "parc: sum fused: the results stored in 'plus1' are added as they come" } } */
/* { dg-final { scan-file "sums*.parc_check" "parc: sum fused: the results stored in 'plusb' are added as they come" } } */
/* { dg-final { scan-file-not "sums*.parc_check" "stored in 'plusk'" } } */
/* { dg-final { scan-file-not "sums*.parc_check" "stored in 'upto'" } } */
/* { dg-final { scan-file-not "sums*.parc_check" "stored in 'lost'" } } */
/* { dg-final { scan-file-not "sums*.parc_check" "stored in 'after'" } } */
/* { dg-final { scan-file-not "sums*.parc_check" "stored in 'fl'" } } */
