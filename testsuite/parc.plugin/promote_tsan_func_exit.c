/* Area:	sequential clones: promotion (heartbeat), ThreadSanitizer
   Purpose:	Check that under -fsanitize=thread the clone's call of its
		recorded copy (R.parc_rec, made after gimplification) is
		followed by ThreadSanitizer's function exit before its
		return, as every other return is: without it the shadow
		stack grew by a frame per call, and run_mutual_recursion_tree
		crashed ThreadSanitizer at 2 and 4 workers.
   Limitations:	compile only (the dump is the witness); the TSan build's
		plugin.exp runs the programs.  */

/* { dg-do compile } */
/* { dg-parc-sanitizers "none thread" } */
/* { dg-options "-fsanitize=thread -fdump-tree-optimized -dumpbase hbtsan -fplugin-arg-parc-heartbeat" } */
#include <parc.h>

PARC_PURE static long leaf(long x) { return x * x + 1; }

PARC_PURE long tree(long h, int d)
{
    if (d == 0)
        return leaf(h);
    long r[4] = { 0, 0, 0, 0 };
    int n = (int)(h % 5u);
    for (int i = 0; i < n; i++) {
#pragma parc fork
        r[i] = tree(h * 4 + i, d - 1);
    }
#pragma parc join
    return r[0] ^ r[1] ^ r[2] ^ r[3];
}

/* { dg-final { scan-file "hbtsan*.optimized" "parc_rec\[.0-9a-z\]* \\(\[^;\]*\\);\\n *__builtin___tsan_func_exit \\(\\);\[^\\n\]*\\n *return;" } } */
