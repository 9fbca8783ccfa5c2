/* Area:	sequential clones: sums fused across a split loop
   Purpose:	Check that when a loop of forks is split into a range
		function (the uts shape: a fork per child, joined after the
		loop, the results summed from 1), the parent's clone calls a
		copy of the range function's clone that adds each result into
		element 0, and that every variant where that could change the
		result keeps its array: a sum that stops short of the range, a
		range and a sum that start at 1, results stored out of order,
		another reader, a product, and a split loop run twice before
		its sum.  The clones also pass the grain their range
		function's clone uses and no longer compute it (a library
		call per call): only the parallel versions call
		parcint_lgrain.
   Limitations:	the clone's dump is the only witness; the run test
		run_clone_sum_fused_results.c checks the results.  */

/* { dg-do compile } */
/* { dg-options "-fdump-ipa-all -dumpbase rsums" } */
#include <parc.h>

PARC_PURE static int kids(unsigned long h, int d)
{
    return d <= 0 ? 0 : (int)(h % 5u);
}

PARC_PURE static unsigned long child(unsigned long h, int i)
{
    return h * 6364136223846793005ul + (unsigned long)i * 1442695040888963407ul;
}

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

PARC_PURE long short_sum(unsigned long h, int d)
{
    int c = kids(h, d);
    long most[8];
    for (int i = 0; i < c; i++) {
#pragma parc fork
        most[i] = short_sum(child(h, i), d - 1);
    }
#pragma parc join
    long n = 1;
    for (int i = 0; i < c - 1; i++)
        n += most[i];
    return n;
}

PARC_PURE long from_one(unsigned long h, int d)
{
    int c = kids(h, d);
    long tail[8];
    for (int i = 1; i < c; i++) {
#pragma parc fork
        tail[i] = from_one(child(h, i), d - 1);
    }
#pragma parc join
    long n = 1;
    for (int i = 1; i < c; i++)
        n += tail[i];
    return n;
}

PARC_PURE long reversed(unsigned long h, int d)
{
    int c = kids(h, d);
    long back[8];
    for (int i = 0; i < c; i++) {
#pragma parc fork
        back[c - 1 - i] = reversed(child(h, i), d - 1);
    }
#pragma parc join
    long n = 1;
    for (int i = 0; i < c; i++)
        n += back[i];
    return n;
}

PARC_PURE long reread(unsigned long h, int d)
{
    int c = kids(h, d);
    long seen[8];
    for (int i = 0; i < c; i++) {
#pragma parc fork
        seen[i] = reread(child(h, i), d - 1);
    }
#pragma parc join
    long n = 1;
    for (int i = 0; i < c; i++)
        n += seen[i];
    return c > 0 ? n + seen[0] : n;
}

PARC_PURE long product(unsigned long h, int d)
{
    int c = kids(h, d);
    long prod[8];
    for (int i = 0; i < c; i++) {
#pragma parc fork
        prod[i] = product(child(h, i), d - 1);
    }
#pragma parc join
    long n = 1;
    for (int i = 0; i < c; i++)
        n *= prod[i];
    return n;
}

PARC_PURE long twice(unsigned long h, int d)
{
    int c = kids(h, d);
    long again[8];
    long total = 0;
    for (int pass = 0; pass < 2; pass++) {
        for (int i = 0; i < c; i++) {
#pragma parc fork
            again[i] = twice(child(h, (int)pass + i), d - 1);
        }
#pragma parc join
        long n = 1;
        for (int i = 0; i < c; i++)
            n += again[i];
        total += n;
    }
    return total;
}

/* { dg-final { scan-file "rsums*.parc_check" "parc: sum fused across a split loop: the results stored in 'nodes' by tree.parc_loop.\[0-9\]+.parc_seq.0 are added as they come" } } */
/* { dg-final { scan-file-not "rsums*.parc_check" "stored in 'most'" } } */
/* { dg-final { scan-file-not "rsums*.parc_check" "stored in 'tail'" } } */
/* { dg-final { scan-file-not "rsums*.parc_check" "stored in 'back'" } } */
/* { dg-final { scan-file-not "rsums*.parc_check" "stored in 'seen'" } } */
/* { dg-final { scan-file-not "rsums*.parc_check" "stored in 'prod'" } } */
/* { dg-final { scan-file-not "rsums*.parc_check" "stored in 'again'" } } */
/* { dg-final { scan-file "rsums*.parc_check" "long int tree \\(long unsigned int h, int d\\)\\n\\{\[^\\}\]*parcint_lgrain" } } */
/* { dg-final { scan-file-not "rsums*.parc_check" "parc_seq.0 \\(long unsigned int h, int d\\)\\n\\{\[^\\}\]*parcint_lgrain" } } */
