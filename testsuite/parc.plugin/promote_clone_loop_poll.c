/* Area:	sequential clones: promotion (heartbeat) in split loops
   Purpose:	Check that the clone of a split loop's range function (the
		plain clone, and the copy whose sum is fused) tests at its
		entry whether a worker is hungry (parcint_lwant) and then
		runs its copy R.parc_rec, whose loop has the record and the
		poll (the fused one also adds the promoted parts' results
		into element 0), and that a fib-like function, which has no
		loop, gets none of it in its clone: a poll there stops GCC
		from inlining its recursion.
		Without options: promotion is the default, and this test
		fails if it is not.
   Limitations:	the dump is the witness; run_promote_results.c and
		run_promote_happens.c check what the records do.  */

/* { dg-do compile } */
/* { dg-options "-fdump-ipa-all -dumpbase hbpoll" } */
#include <parc.h>

PARC_PURE static int kids(unsigned long h, int d)
{
    return d <= 0 ? 0 : (int)(h % 5u);
}

PARC_PURE static unsigned long child(unsigned long h, int i)
{
    return h * 6364136223846793005ul + (unsigned long)i * 1442695040888963407ul;
}

/* uts's shape: the sum is fused in the clone. */
PARC_PURE long tree(unsigned long h, int d)
{
    int c = kids(h, d);
    long nodes[8];
    for (int i = 0; i < c; i++) {
#pragma parc fork
        nodes[i] = tree(child(h, i), d - 1);
    }
#pragma parc join
    long n = 1;
    for (int i = 0; i < c; i++)
        n += nodes[i];
    return n;
}

/* Results read otherwise (a maximum): the clone keeps the array. */
PARC_PURE long deepest(unsigned long h, int d)
{
    int c = kids(h, d);
    long depth[8];
    for (int i = 0; i < c; i++) {
#pragma parc fork
        depth[i] = deepest(child(h, i), d - 1);
    }
#pragma parc join
    long m = 0;
    for (int i = 0; i < c; i++)
        if (depth[i] > m)
            m = depth[i];
    return m + 1;
}

PARC_PURE long fib(int n)
{
    if (n < 2)
        return n;
    long a, b;
#pragma parc fork
    a = fib(n - 1);
    b = fib(n - 2);
#pragma parc join
    return a + b;
}

/* { dg-final { scan-file "hbpoll*.parc_check" "parc: promotion: the loop of tree.parc_loop.\[0-9\]+.parc_seq.0.parc_rec.\[0-9\]+ polls at its entry and records where it stands; promoted parts run tree.parc_loop.\[0-9\]+.parc_promote\\n" } } */
/* { dg-final { scan-file "hbpoll*.parc_check" "parc: promotion: the loop of tree.parc_loop.\[0-9\]+.parc_seq.0.parc_sum.0.parc_rec.\[0-9\]+ polls at its entry and records where it stands; promoted parts run tree.parc_loop.\[0-9\]+.parc_promote, their results added into element 0 after the join" } } */
/* { dg-final { scan-file "hbpoll*.parc_check" "parc: promotion: the loop of deepest.parc_loop.\[0-9\]+.parc_seq.0.parc_rec.\[0-9\]+ polls at its entry" } } */
/* { dg-final { scan-file "hbpoll*.parc_check" "parc: promotion: tree.parc_loop.\[0-9\]+.parc_seq.0 runs tree.parc_loop.\[0-9\]+.parc_seq.0.parc_rec.\[0-9\]+, whose loop keeps a record, while a worker is hungry" } } */
/* { dg-final { scan-file "hbpoll*.parc_check" "parc: promotion: tree.parc_loop.\[0-9\]+.parc_seq.0.parc_sum.0 runs tree.parc_loop.\[0-9\]+.parc_seq.0.parc_sum.0.parc_rec.\[0-9\]+, whose" } } */
/* { dg-final { scan-file-not "hbpoll*.parc_check" "parc: promotion: the loop of fib" } } */
/* { dg-final { scan-file-not "hbpoll*.parc_check" "parc: promotion: the loop of deepest.parc_loop.\[0-9\]+.parc_seq.0.parc_sum" } } */
/* The parallel versions keep their loops as they were: no record. */
/* { dg-final { scan-file-not "hbpoll*.parc_check" "parc: promotion: the loop of \[a-z\]+.parc_loop.\[0-9\]+ " } } */
/* { dg-final { scan-file-not "hbpoll*.parc_check" "fib.parc_seq.0 \\(int n\\)\\n\\{\[^\\}\]*parcint_lwant" } } */
/* { dg-final { scan-file-not "hbpoll*.parc_check" "fib.parc_seq.0 \\(int n\\)\\n\\{\[^\\}\]*parcint_lenter" } } */
/* The plain clone tests; its copy keeps the record. */
/* { dg-final { scan-file "hbpoll*.parc_check" "tree.parc_loop.\[0-9\]+.parc_seq.0 \\(\[^)\]*\\)\\n\\{\[^\\}\]*parcint_lwant \\(" } } */
/* { dg-final { scan-file-not "hbpoll*.parc_check" "tree.parc_loop.\[0-9\]+.parc_seq.0 \\(\[^)\]*\\)\\n\\{\[^\\}\]*parcint_lenter" } } */
/* { dg-final { scan-file "hbpoll*.parc_check" "parc_seq.0.parc_rec.\[0-9\]+ \\(\[^)\]*\\)\\n\\{\[^\\}\]*parcint_lenter \\(&parc_loop" } } */
