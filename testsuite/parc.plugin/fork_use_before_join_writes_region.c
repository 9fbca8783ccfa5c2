/* Area:	use before join: writes regions
   Purpose:	Check that an element inside a pending fork's writes region (of a
		local array or through a pointer parameter), or the region's
		array used whole, is an error before the join, with a note at the
		fork.
   Limitations:	indices must differ from the region's start by a constant.  */

/* { dg-do compile } */
#include <parc.h>
PARC_CONTAINED void fill(int *p, int n) { for (int i = 0; i < n; i++) p[i] = i; }
PARC_CONTAINED int sum(const int *p, int n) { int s = 0; for (int i = 0; i < n; i++) s += p[i]; return s; }
int local_array(void)
{
    int a[16];
#pragma parc fork writes(a[0:8])
    fill(a, 8); /* { dg-message "forked here" } */
    int t = a[7]; /* { dg-error "an element of 'a' that a pending fork writes \\(its 'writes' clause\\) is used before the join" } */
#pragma parc join
    return t;
}
int whole_array(void)
{
    int a[16];
#pragma parc fork writes(a[8:8])
    fill(a + 8, 8); /* { dg-message "forked here" } */
    int t = sum(a, 16); /* { dg-error "'a' is used whole before the join of a fork that writes part of it" } */
#pragma parc join
    return t;
}
int through_pointer(int *p, int i)
{
#pragma parc fork writes(p[i:2])
    fill(p + i, 2); /* { dg-message "forked here" } */
    p[i + 1] = 0; /* { dg-error "an element of 'p' that a pending fork writes" } */
#pragma parc join
    return 0;
}
