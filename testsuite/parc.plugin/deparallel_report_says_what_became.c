/* Area:	deparallelization: -fplugin-arg-parc-report
   Purpose:	Check that the report says, at each fork and split loop, what
		became of it: removed, a plain call, parallel (in the stack or
		from a bounded array), a loop split divide and conquer.
   Limitations:	none.  */

/* { dg-do compile } */
/* { dg-options "-fplugin-arg-parc-report -Wno-unused-but-set-variable" } */
#include <parc.h>

PARC_PURE static long sq(long v) { return v * v; }

long g(long *r, int n, long m)
{
    long dead, a, b;
#pragma parc fork
    dead = sq(m); /* { dg-warning "never used: the fork is removed" "" { target *-*-* } 16 } */
#pragma parc fork
    a = sq(m); /* { dg-message "fork of 'sq': parallel, its frame in this function's stack" "" { target *-*-* } 18 } */
    b = sq(m + 1);
#pragma parc join
#pragma parc fork
    b = sq(a); /* { dg-message "fork of 'sq': a plain call \\(joined at once" "" { target *-*-* } 22 } */
#pragma parc join
    for (int i = 0; i < n; i++) { /* { dg-message "loop split divide and conquer into 'g.parc_loop.1'" } */
#pragma parc fork
        r[i] = sq(i); /* { dg-message "fork of 'sq': parallel, frames from a bounded array" "" { target *-*-* } 26 } */
    }
#pragma parc join
    return a + b;
}
/* Promotion is on by default: the loop's clone polls. */
/* { dg-message "the sequential clone of 'g.parc_loop.1' polls once at the loop's entry while a worker is hungry" "" { target *-*-* } 25 } */
