/* Area:	lowering: loops that keep the plain lowering
   Purpose:	Check that loops the range split would change are not split (a
		break, a counter carried across iterations, a call that is not
		known pure, no join right after the loop, a global written) and
		still give the serial results at every worker count.
   Limitations:	none.  */

/* { dg-do run } */
/* { dg-options "-fdump-ipa-all -dumpbase not_split" } */
#include <parc.h>
#include <stdio.h>

PARC_PURE static long f(long v) { return v * v % 1009; }
static long g(long v) { return v + 1; }   /* pure, but not marked */
long out[300];

static long with_break(long *r, int n)
{
    int i;
    for (i = 0; i < n; i++) {
        if (i == 77)
            break;
#pragma parc fork
        r[i] = f(i);
    }
#pragma parc join
    long s = 0;
    for (int k = 0; k < i; k++)
        s += r[k];
    return s;
}

static long with_counter(long *r, int n)
{
    int k = 0;
    for (int i = 0; i < n; i++) {
        if (i % 3)
            continue;
#pragma parc fork
        r[k++] = f(i);
    }
#pragma parc join
    long s = 0;
    for (int j = 0; j < k; j++)
        s += r[j] * (j + 1);
    return s;
}

static long with_unmarked_call(long *r, int n)
{
    for (int i = 0; i < n; i++) {
        long t = g(i);
#pragma parc fork
        r[i] = f(t);
    }
#pragma parc join
    long s = 0;
    for (int k = 0; k < n; k++)
        s += r[k];
    return s;
}

static long join_later(long *r, int n)
{
    for (int i = 0; i < n; i++) {
#pragma parc fork
        r[i] = f(i + 1);
    }
    long before = n;
#pragma parc join
    long s = before;
    for (int k = 0; k < n; k++)
        s += r[k];
    return s;
}

static long into_global(int n)
{
    for (int i = 0; i < n; i++) {
#pragma parc fork
        out[i] = f(i + 2);
    }
#pragma parc join
    long s = 0;
    for (int k = 0; k < n; k++)
        s += out[k];
    return s;
}

int main(void)
{
    long r[300];
    printf("%ld %ld %ld %ld %ld\n", with_break(r, 300), with_counter(r, 300),
           with_unmarked_call(r, 300), join_later(r, 300), into_global(300));
    /* { dg-output "32182 2551046 145670 145970 146469" } */
    return 0;
}

/* { dg-final { scan-file-not "not_split*.parc_check" "parc_loop" } } */
