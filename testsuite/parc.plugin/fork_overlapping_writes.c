/* Area:	overlapping writes of forks pending together
   Purpose:	Check that two pending forks writing the same memory are an error
		at the second, with a note at the first: equal symbolic regions
		(p[0:n] twice), constant regions that overlap, the same
		destination twice (also one element through a pointer), and a
		destination inside a writes region.
   Limitations:	regions whose overlap depends on run-time values are left to
		the run-time check of the lowering (issue 5).  */

/* { dg-do compile } */
#include <parc.h>
PARC_PURE int sq(int v) { return v * v; }
PARC_CONTAINED void fill(int *p, int n) { for (int i = 0; i < n; i++) p[i] = i; }
void same_region(int *p, int n)
{
#pragma parc fork writes(p[0:n])
    fill(p, n); /* { dg-message "forked here" } */
#pragma parc fork writes(p[0:n])
    fill(p, n); /* { dg-error "the 'writes' regions of this fork and of an earlier fork that is still pending overlap in 'p'" } */
#pragma parc join
}
int constant_regions(void)
{
    int a[16];
#pragma parc fork writes(a[0:8])
    fill(a, 8); /* { dg-message "forked here" } */
#pragma parc fork writes(a[4:8])
    fill(a + 4, 8); /* { dg-error "regions of this fork and of an earlier fork that is still pending overlap in 'a'" } */
#pragma parc join
    return a[0];
}
int same_destination(int n)
{
    int x;
#pragma parc fork
    x = sq(n); /* { dg-message "forked here" } */
#pragma parc fork
    x = sq(n + 1); /* { dg-error "this fork and an earlier fork that is still pending both write 'x'" } */
#pragma parc join
    return x;
}
int destination_in_region(int n)
{
    int a[8];
#pragma parc fork writes(a[0:4])
    fill(a, 4); /* { dg-message "forked here" } */
#pragma parc fork
    a[2] = sq(n); /* { dg-error "both write an element of 'a' \\(a destination inside a 'writes' region\\)" } */
#pragma parc join
    return a[2];
}
int same_element_through_pointer(int *p, int n)
{
#pragma parc fork
    p[1] = sq(n); /* { dg-message "forked here" } */
#pragma parc fork
    *(p + 1) = sq(n + 1); /* { dg-error "both write the same memory through 'p'" } */
#pragma parc join
    return p[1];
}
