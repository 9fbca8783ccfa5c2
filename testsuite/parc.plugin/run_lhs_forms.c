/* Area:	lowering: every destination form
   Purpose:	Check that a forked call's result reaches each kind of
		destination the language allows (x, a[i], p->f, *p, a declaration,
		a struct result, a global, no destination with a writes clause),
		with the destination's address taken at the fork, at every worker
		count.
   Limitations:	none.  */

/* { dg-do run } */
#include <parc.h>
#include <stdio.h>
#include <stdint.h>

struct pair { long lo, hi; };
struct box { int pad; long v; };

PARC_PURE static long work(long n)
{
    long s = 0;
    for (long i = 0; i < n; i++)
        s += (i * 2654435761u) % 1009;
    return s;
}
PARC_PURE static struct pair split(long n) { struct pair p = { work(n), -work(n + 1) }; return p; }
PARC_CONTAINED static void fill(long *out, long n, long seed)
{
    for (long i = 0; i < n; i++)
        out[i] = work(seed + i);
}

long global_result;

int main(void)
{
    long x, a[4], buf[8], *p = &a[3];
    struct box b, *bp = &b;
    struct pair pr;
    int i = 0;
#pragma parc fork
    x = work(1000);
#pragma parc fork
    a[i++] = work(2000);        /* the address is taken once, at the fork */
#pragma parc fork
    bp->v = work(3000);
#pragma parc fork
    *p = work(4000);
#pragma parc fork
    long y = work(5000);
#pragma parc fork
    pr = split(600);
#pragma parc fork
    global_result = work(700);
#pragma parc fork writes(buf[0:8])
    fill(buf, 8, 100);
    a[1] = a[2] = 0;
#pragma parc join
    long s = 0;
    for (int k = 0; k < 8; k++)
        s += buf[k];
    printf("%d %ld %ld %ld %ld %ld %ld %ld %ld %ld\n", i, x, a[0], b.v, a[3], y,
           pr.lo, pr.hi, global_result, s);
    /* { dg-output "1 505386 1009138 1512265 2017794 2520680 303912 -304290 354416 419329" } */
    return 0;
}
