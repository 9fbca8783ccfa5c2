/* Area:	lowering: dump files
   Purpose:	Check that -fdump-ipa-all shows the lowering: the outlined thunk,
		the frame filled in the parent, parcint_lfork1 and parcint_ljoin1
		in a function whose forks run once per join; a fork in a loop
		takes its frame from the bounded array (parcint_lslot), and the
		chain is joined at the return (parcint_ljoin); a lone fork in a
		loop joins its frame array (parcint_ljoin_slots); a forking
		function gets a sequential clone, which its callers' seq thunks
		call.
   Limitations:	none.  */

/* { dg-do compile } */
/* { dg-options "-fdump-ipa-all -dumpbase lower_dump" } */
#include <parc.h>

PARC_PURE static long sq(long v) { return v * v; }

long two(long n)
{
    long a, b;
#pragma parc fork
    a = sq(n);
    b = sq(n + 1);
#pragma parc join
    return a + b;
}

/* Two sites in a loop: the chain, joined at the return. */
void many(long *r, long *q, int n)
{
    for (int i = 0; i < n; i++) {
#pragma parc fork
        r[i] = sq(i);
#pragma parc fork
        q[i] = sq(-i);
    }
}

/* A forking callee: its sequential clone, and the seq thunk calling it. */
PARC_PURE long rec(long n)
{
    long a, b;
    if (n < 2)
        return n;
#pragma parc fork
    a = rec(n - 1);
    b = rec(n - 2);
#pragma parc join
    return a + b;
}

/* One site in a loop: its frame array is the pending list. */
void one_loop(long *r, int n)
{
    while (n-- > 0) {
#pragma parc fork
        r[n] = sq(n);
    }
#pragma parc join
}

/* { dg-final { scan-file "lower_dump*.parc_check" "void two.parc_fork.1 \\(struct parc_frame \\* frame\\)" } } */
/* { dg-final { scan-file "lower_dump*.parc_check" "lowered two \\(1 forks, 1 joins\\)" } } */
/* { dg-final { scan-file "lower_dump*.parc_check" "parcint_lfork1 \\(&parc_forked\[^,\]*, &parc_frame\[^,\]*, two.parc_fork.1, two.parc_fork.1\\);" } } */
/* { dg-final { scan-file "lower_dump*.parc_check" "parcint_ljoin1 \\(&parc_forked\[^,\]*, &parc_frame\[^,\]*, two.parc_fork.1\\);" } } */
/* { dg-final { scan-file "lower_dump*.parc_check" "parcint_ljoin \\(&parc_pending\[^\n\]*\n\[^\n\]*parc_wpending\[^\n\]* = 0B;" } } */
/* { dg-final { scan-file "lower_dump*.parc_check" "parcint_ljoin \\(&parc_pending\[^\n\]*\n(\[^\n\]*\n){0,4}\[^\n\]*return" } } */
/* { dg-final { scan-file "lower_dump*.parc_check" "= parcint_lslot \\(&parc_frames" } } */
/* { dg-final { scan-file "lower_dump*.parc_check" "parcint_lfork_slot \\(&parc_pending" } } */
/* { dg-final { scan-file "lower_dump*.parc_check" "parcint_lfork_slot1 \\(" } } */
/* { dg-final { scan-file "lower_dump*.parc_check" ";; parc: sequential clone rec.parc_seq.0" } } */
/* { dg-final { scan-file "lower_dump*.parc_check" "rec.parc_fork.\[0-9\]*, rec.parc_seq_fork.\[0-9\]*\\);" } } */
/* { dg-final { scan-file "lower_dump*.parc_check" "void rec.parc_seq_fork.\[0-9\]* \\(struct parc_frame \\* frame\\)\[^\}\]*rec.parc_seq.0 \\(" } } */
/* { dg-final { scan-file "lower_dump*.parc_check" "parcint_ljoin_slots \\(&parc_frames" } } */
