/* Area:	sequential clones: sums fused, at run time
   Purpose:	Check that a count collected in an array by forks and summed
		after the join (the nqueens shape, fused in the sequential
		clone: the dump shows it) gives the same totals as the program
		as written, at every worker count, including activations whose
		loop forks nothing (the sum is 0) or forks once; and the same
		for sums that start at 1, in one function and across a loop
		split into a range function (the uts shape, fused through a
		copy of the range function's clone).
   Limitations:	none.  */

/* { dg-do run } */
/* { dg-options "-fdump-ipa-all -dumpbase sumrun" } */
#include <parc.h>
#include <stdio.h>

/* Queens on an n x n board, as bench/nqueens/parc-naive.c counts them. */
PARC_PURE static long queens(int n, int row, unsigned cols, unsigned d1,
                             unsigned d2)
{
    if (row == n)
        return 1;
    long counts[16];
    int k = 0;
    for (int c = 0; c < n; c++) {
        unsigned bit = 1u << c;
        if ((cols | d1 | d2) & bit)
            continue;
#pragma parc fork
        counts[k++] = queens(n, row + 1, cols | bit, (d1 | bit) << 1,
                             (d2 | bit) >> 1);
    }
#pragma parc join
    long count = 0;
    for (int i = 0; i < k; i++)
        count += counts[i];
    return count;
}

/* A tree whose nodes fork 0 to 3 children, by the bits of their label. */
PARC_PURE static unsigned long tree(int d, unsigned long label)
{
    if (d == 0)
        return label % 1000u;
    unsigned long part[3];
    int k = 0;
    for (int c = 0; c < 3; c++) {
        if ((label >> c) & 1u)
            continue;
#pragma parc fork
        part[k++] = tree(d - 1, label * 7u + (unsigned long)c + 1u);
    }
#pragma parc join
    unsigned long sum = 0;
    for (int i = 0; i < k; i++)
        sum += part[i];
    return sum;
}

/* The same tree, its count starting at 1 (each node counts itself). */
PARC_PURE static unsigned long nodes(int d, unsigned long label)
{
    if (d == 0)
        return 1;
    unsigned long part[3];
    int k = 0;
    for (int c = 0; c < 3; c++) {
        if ((label >> c) & 1u)
            continue;
#pragma parc fork
        part[k++] = nodes(d - 1, label * 7u + (unsigned long)c + 1u);
    }
#pragma parc join
    unsigned long sum = 1;
    for (int i = 0; i < k; i++)
        sum += part[i];
    return sum;
}

/* uts's shape: 0 to 4 children by the label, a fork per child in a loop
   the plugin splits, the count from 1. */
PARC_PURE static int kids(long label, int d)
{
    return d <= 0 ? 0 : (int)((unsigned long)label % 5u);
}

PARC_PURE static long split_tree(long label, int d)
{
    int c = kids(label, d);
    long r[4];
    for (int i = 0; i < c; i++) {
#pragma parc fork
        r[i] = split_tree(label * 3 + i + 1, d - 1);
    }
#pragma parc join
    long n = 1;
    for (int i = 0; i < c; i++)
        n += r[i];
    return n;
}

int main(void)
{
    for (int n = 1; n <= 9; n++)
        printf("%ld ", queens(n, 0, 0, 0, 0));
    printf("\n"); /* { dg-output "1 0 0 2 10 4 40 92 352 (\n|\r\n|\r)" } */
    printf("%lu %lu %lu\n", tree(12, 0), tree(12, 7), tree(1, 6));
    /* { dg-output "373272 0 43(\n|\r\n|\r)" } */
    printf("%lu %lu %ld %ld %ld\n", nodes(12, 0), nodes(3, 7), split_tree(1, 14),
           split_tree(4, 9), split_tree(1, 0));
    /* { dg-output "1957 1 32739 2037 1" } */
    return 0;
}

/* { dg-final { scan-file "sumrun*.parc_check" "parc: sum fused: the results stored in 'counts' are added as they come" } } */
/* { dg-final { scan-file "sumrun*.parc_check" "parc: sum fused: the results stored in 'part' are added as they come" } } */
/* { dg-final { scan-file "sumrun*.parc_check" "parc: sum fused across a split loop: the results stored in 'r' by split_tree" } } */
