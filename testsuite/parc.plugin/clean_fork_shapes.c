/* Area:	#pragma parc fork: statement shapes
   Purpose:	Check every allowed shape and place of a fork: lhs x, a[i], p->f,
		*p, a declaration, a call alone; in loops, branches, an unbraced if
		body, and through _Pragma in a macro.
   Limitations:	none.  */

/* { dg-do compile } */
#include <parc.h>
#include <stdio.h>
struct pt { int x, y; };
PARC_PURE int sq(int v) { return v * v; }
PARC_PURE struct pt mk(int v) { struct pt p = { v, -v }; return p; }
PARC_CONTAINED static void nop(int v) { if (v < 0) puts("negative"); }
#define FORK _Pragma("parc fork")
int g(int n, struct pt *pp, int *out)
{
    int a[8], x;
    struct pt s;
#pragma parc fork
    x = sq(n);
    for (int i = 0; i < 8; i++) {
#pragma parc fork
        a[i] = sq(i);
    }
    if (n > 2)
#pragma parc fork
        pp->x = sq(n);
    else {
#pragma parc fork
        s = mk(n);
    }
#pragma parc fork
    int y = sq(n + 1);
#pragma parc fork
    nop(n);
    FORK
    out[0] = sq(sq(n));
#pragma parc join
    return x + y + a[7] + s.x;
}
