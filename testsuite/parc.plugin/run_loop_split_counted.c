/* Area:	lowering: counted loops split divide and conquer
   Purpose:	Check that loops the plugin splits into range functions give the
		serial results at every worker count: a plain loop, a body with a
		branch, continue and an inner loop that breaks, the bound written
		`n > i`, an unsigned char and a long counter, the counter's value
		after the loop, a loop that runs no iteration, forks with writes
		clauses, outer scalars and a struct read in the body, and a loop
		long enough to be split down to Cilk's grain.
   Limitations:	none.  */

/* { dg-do run } */
/* { dg-options "-fdump-ipa-all -dumpbase split_counted" } */
#include <parc.h>
#include <stdio.h>
#include <stdlib.h>

struct cfg { long mul, add; };

PARC_PURE static long f(long v, long m) { return (v * m + 7) % 1000003; }
PARC_PURE static int odd(long v) { return (int)(v & 1); }
PARC_CONTAINED static void fill(long *p, long n, long v)
{
    for (long k = 0; k < n; k++)
        p[k] = v + k;
}

int main(void)
{
    long *r = calloc(100000, sizeof *r);
    long s = 0, buf[64 * 8];
    int i, n = 1000;
    struct cfg c = { 31, 5 };
    long m = 17;

    for (i = 0; i < n; i++) {
#pragma parc fork
        r[i] = f(i, m);
    }
#pragma parc join
    for (int k = 0; k < n; k++)
        s += r[k];
    printf("plain %ld i=%d\n", s, i); /* { dg-output "plain 8498500 i=1000\\n" } */

    for (int k = 0; k < n; k++)
        r[k] = 0;
    for (int j = 0; n > j; j++) {
        if (odd(j))
            continue;
        long t = j * c.mul + c.add;
        for (int q = 0; q < 10; q++)
            if (q * q > j)
                break;
#pragma parc fork
        r[j] = f(t, m);
    }
#pragma parc join
    s = 0;
    for (int k = 0; k < n; k++)
        s += r[k];
    printf("branches %ld\n", s); /* { dg-output "branches 131532500\\n" } */

    unsigned char u;
    for (u = 3; u < 200; u++) {
#pragma parc fork
        r[u] = f(u, 3);
    }
#pragma parc join
    s = 0;
    for (int k = 3; k < 200; k++)
        s += r[k];
    printf("uchar %ld u=%d\n", s, u); /* { dg-output "uchar 61070 u=200\\n" } */

    long l = 50;
    for (; l < 40; l++) {
#pragma parc fork
        r[l] = f(l, 1);
    }
#pragma parc join
    printf("none l=%ld\n", l); /* { dg-output "none l=50\\n" } */

    for (i = 0; i < 64; i++) {
#pragma parc fork writes(buf[i * 8:8])
        fill(buf + i * 8, 8, i * 100);
    }
#pragma parc join
    s = 0;
    for (int k = 0; k < 64 * 8; k++)
        s += buf[k];
    printf("writes %ld\n", s); /* { dg-output "writes 1614592\\n" } */

    for (long big = 0; big < 100000; big++) {
#pragma parc fork
        r[big] = f(big, c.mul);
    }
#pragma parc join
    s = 0;
    for (int k = 0; k < 100000; k++)
        s += r[k];
    printf("big %ld\n", s); /* { dg-output "big 48548830650" } */
    free(r);
    return 0;
}

/* Six loops split: six range functions. */
/* { dg-final { scan-file "split_counted*.parc_check" "main.parc_loop.6 \\(" } } */
