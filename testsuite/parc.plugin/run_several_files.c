/* Area:	lowering: a program of several files
   Purpose:	Check that a program whose two files both fork (this one forks
		a function the other defines, which forks itself) links and
		gives the serial result at every worker count.
   Limitations:	none.  */

/* { dg-do run } */
/* { dg-parc-additional-sources "link/several_files_tree.c" } */
#include <parc.h>
#include <stdio.h>

PARC_PURE long tree_sum(int depth, long key);

PARC_PURE static long twice(int depth, long key)
{
    long x, y;
#pragma parc fork
    x = tree_sum(depth, key);
#pragma parc fork
    y = tree_sum(depth, key + 1);
#pragma parc join
    return x + y;
}

int main(void)
{
    long r[4];
    for (int i = 0; i < 4; i++) {
#pragma parc fork
        r[i] = twice(12, i);
    }
#pragma parc join
    printf("%ld %ld %ld %ld\n", r[0], r[1], r[2], r[3]);
    /* { dg-output "1781814 1188586 828437 968836" } */
    return 0;
}
