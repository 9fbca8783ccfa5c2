/* Area:	use before join and overlapping writes: valid code
   Purpose:	Check that what stays silent does: uses after the join,
		disjoint constant regions (a + 8 passed beside a[0:8]), halves
		whose overlap only run time can decide (mergesort), a fork per
		loop iteration into r[i], an index changed since the fork, the
		other arm of an if, another case of a switch, and the pointer
		variable of a writes region read (not what it points to), and
		two fields written through one pointer.
   Limitations:	none.  */

/* { dg-do compile } */
#include <parc.h>
PARC_PURE int sq(int v) { return v * v; }
PARC_CONTAINED void fill(int *p, int n) { for (int i = 0; i < n; i++) p[i] = i; }
int after_join(int n)
{
    int x, a[16];
#pragma parc fork
    x = sq(n);
#pragma parc fork writes(a[0:8])
    fill(a, 8);
#pragma parc fork writes(a[8:8])
    fill(a + 8, 8); /* { dg-bogus "overlap|used" } */
#pragma parc join
    return x + a[3] + a[12]; /* { dg-bogus "before the join" } */
}
PARC_CONTAINED void halves(int *a, long lo, long hi)
{
    if (hi - lo < 2)
        return;
    long mid = lo + (hi - lo) / 2;
#pragma parc fork writes(a[lo:mid - lo])
    halves(a, lo, mid);
#pragma parc fork writes(a[mid:hi - mid])
    halves(a, mid, hi); /* { dg-bogus "overlap" } */
#pragma parc join
    a[lo] = a[mid];
}
int per_iteration(int n)
{
    int r[8], s = 0;
    for (int i = 0; i < 8; i++) {
#pragma parc fork
        r[i] = sq(i + n);
    }
#pragma parc join
    for (int i = 0; i < 8; i++)
        s += r[i];
    return s;
}
int index_changed(int *p, int i)
{
#pragma parc fork writes(p[i:1])
    fill(p + i, 1);
    i++;
    p[i] = 0; /* { dg-bogus "before the join" } */
    int *q = p; /* { dg-bogus "before the join" } */
#pragma parc join
    return q[0];
}
int other_arm(int n, int c)
{
    int x = 0, y = 0;
    if (c) {
#pragma parc fork
        x = sq(n);
    } else {
        y = x; /* { dg-bogus "before the join" } */
    }
#pragma parc join
    return x + y;
}
int other_case(int n, int c)
{
    int x = 0, y = 0;
    switch (c) {
    case 1:
#pragma parc fork
        y = sq(n);
        break;
    case 2:
        x = y; /* { dg-bogus "before the join" } */
        break;
    }
#pragma parc join
    return x + y;
}
struct pair { int f, g; };
int fields_through_pointer(struct pair *sp, int n)
{
#pragma parc fork
    sp->f = sq(n);
#pragma parc fork
    sp->g = sq(n + 1); /* { dg-bogus "both write" } */
    struct pair *q = sp; /* { dg-bogus "before the join" } */
#pragma parc join
    return q->f + q->g;
}
