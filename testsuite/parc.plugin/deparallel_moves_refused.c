/* Area:	deparallelization: identity 3, where nothing may move
   Purpose:	Check that a join does not move past a use of a pending
		result, a store, a call with effects, a pure call given a
		pointer, a call that may not return, a division that may trap,
		a volatile access or a loop boundary; and that a fork does not
		move above the statements that compute its arguments, a store,
		a call with effects, a division or another fork.
   Limitations:	the moves are within a basic block and need no alias
		analysis, so this also pins down what they do not attempt
		(a store to memory no fork can reach still stops them).  */

/* { dg-do compile } */
/* { dg-options "-fdump-ipa-all -dumpbase refused -Wno-unused-but-set-variable" } */
#include <parc.h>
#include <stdio.h>

PARC_PURE static long sq(long v) { return v * v; }
PARC_PURE static long sum(const long *p, long n) { return p[0] + p[n - 1]; }
PARC_PURE static long fact(long v) { return v < 2 ? 1 : v * fact(v - 1); }

long join_use(long n)
{
    long a, b;
#pragma parc fork
    a = sq(n);
    b = sq(n + 1);
#pragma parc join
    b = a + b; /* the pending result */
    return b + sq(n);
}

long join_store(long n, long *out)
{
    long a, b;
#pragma parc fork
    a = sq(n);
    b = sq(n + 1);
#pragma parc join
    *out = b;
    b = b * 3;
    return a + b;
}

long join_print(long n)
{
    long a, b;
#pragma parc fork
    a = sq(n);
    b = sq(n + 1);
#pragma parc join
    printf("%ld\n", b);
    b = b * 3;
    return a + b;
}

long join_pointer(long n, const long *p)
{
    long a, b;
#pragma parc fork
    a = sq(n);
    b = sq(n + 1);
#pragma parc join
    b = sum(p, b);
    return a + b;
}

long join_may_not_return(long n)
{
    long a, b;
#pragma parc fork
    a = sq(n);
    b = sq(n + 1);
#pragma parc join
    b = fact(b);
    return a + b;
}

long join_trap(long n, long d)
{
    long a, b;
#pragma parc fork
    a = sq(n);
    b = sq(n + 1);
#pragma parc join
    b = b / d;
    return a + b;
}

long join_volatile(long n)
{
    volatile long v = n;
    long a, b;
#pragma parc fork
    a = sq(n);
    b = sq(n + 1);
#pragma parc join
    b = b + v;
    return a + b;
}

long join_loop(long n)
{
    long a, b;
#pragma parc fork
    a = sq(n);
    b = sq(n + 1);
#pragma parc join
    for (long i = 0; i < n; i++)
        b = b * 3 + i;
    return a + b;
}

long fork_after_args(long n)
{
    long a;
    long t = sq(n) + 1; /* its argument: stays before it */
#pragma parc fork
    a = sq(t);
    long b = sq(n + 1);
#pragma parc join
    return a + b;
}

long fork_after_store(long n, long *out)
{
    long a;
    long t = n * 5;
    *out = t;
#pragma parc fork
    a = sq(n);
    long b = sq(n + 1);
#pragma parc join
    return a + b;
}

long fork_after_print(long n)
{
    long a;
    long t = n * 5;
    printf("%ld\n", t);
#pragma parc fork
    a = sq(n);
    long b = sq(t);
#pragma parc join
    return a + b;
}

long fork_after_trap(long n, long d)
{
    long a;
    long t = n / d;
#pragma parc fork
    a = sq(n);
    long b = sq(t);
#pragma parc join
    return a + b;
}

long fork_after_fork(long n)
{
    long a, b;
#pragma parc fork
    a = sq(n);
#pragma parc fork
    b = sq(n + 1);
    long c = sq(n + 2);
#pragma parc join
    return a + b + c;
}

/* { dg-final { scan-file-not "refused*.parc_check" "parc: join of fork site" } } */
/* { dg-final { scan-file-not "refused*.parc_check" "hoisted" } } */
