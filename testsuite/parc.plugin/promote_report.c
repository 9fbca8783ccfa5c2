/* Area:	sequential clones: promotion (heartbeat), the report
   Purpose:	Check that -fplugin-arg-parc-report says, at a split loop,
		that its sequential clone polls at the loop's entry:
		promotion is on by default (this fails if it is not).
   Limitations:	none.  */

/* { dg-do compile } */
/* { dg-options "-fplugin-arg-parc-report" } */
#include <parc.h>

PARC_PURE static long sq(long v) { return v * v; }

long g(long *r, int n)
{
    for (int i = 0; i < n; i++) { /* { dg-message "loop split divide and conquer into 'g.parc_loop.1'" } */
#pragma parc fork
        r[i] = sq(i); /* { dg-message "fork of 'sq': parallel, frames from a bounded array" "" { target *-*-* } 16 } */
    }
#pragma parc join
    return r[0];
}
/* { dg-message "the sequential clone of 'g.parc_loop.1' polls once at the loop's entry while a worker is hungry: a worker with nothing to run gets the untouched half of the oldest such loop \\(promotion\\)" "" { target *-*-* } 15 } */
