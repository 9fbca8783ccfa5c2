/* Area:	parc_fork, parc_join (frame placement)
   Purpose:	The runtime keeps only a pointer to the frame and calls its
		thunk with it, so frames work wherever the forking function
		keeps them until the join: as a member after other fields
		(the thunk finds its call with offsetof), between 4 KiB
		buffers, in memory from malloc, and reused for successive
		forks with different thunks. Each kind runs a recursive
		computation whose result is checked.
   Limitations:	none.
   Forks:	about 200,000 * 10 * PARC_TEST_SCALE.  */

/* { dg-do run } */

#include <parc.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parc-test.h"

#define CONTAINER(p, type, member) \
    ((type *)((char *)(p) - offsetof(type, member)))

/* 1. The frame after other fields. */
struct mid_call {
    long n, r;
    char tag[3];
    parc_frame f;
    long check;
};

static long mid(long n);

static void mid_thunk(parc_frame *f)
{
    struct mid_call *c = CONTAINER(f, struct mid_call, f);
    CHECK(c->check == ~c->n);
    CHECK(memcmp(c->tag, "mid", 3) == 0);
    c->r = mid(c->n);
}

static long mid(long n)
{
    if (n < 2)
        return n;
    struct mid_call a = {.n = n - 1, .tag = {'m', 'i', 'd'}, .check = ~(n - 1)};
    parc_fork(&a.f, mid_thunk);
    long b = mid(n - 2);
    parc_join(&a.f);
    return a.r + b;
}

/* 2. The frame between large buffers that the thunk fills and checks. */
struct big_call {
    unsigned char before[4096];
    parc_frame f;
    long n, r;
    unsigned char after[4096];
};

static long big(long n);

static void big_thunk(parc_frame *f)
{
    struct big_call *c = CONTAINER(f, struct big_call, f);
    for (int i = 0; i < 4096; i += 512)
        CHECK(c->before[i] == (unsigned char)(c->n + i));
    c->r = big(c->n);
    for (int i = 0; i < 4096; i += 512)
        c->after[i] = (unsigned char)(c->r + i);
}

static long big(long n)
{
    if (n < 2)
        return n;
    struct big_call a;
    a.n = n - 1;
    for (int i = 0; i < 4096; i += 512)
        a.before[i] = (unsigned char)(a.n + i);
    parc_fork(&a.f, big_thunk);
    long b = big(n - 2);
    if (parc_pop(&a.f))
        big_thunk(&a.f);
    for (int i = 0; i < 4096; i += 512)
        CHECK(a.after[i] == (unsigned char)(a.r + i));
    return a.r + b;
}

/* 3. Frames in memory from malloc, freed after the join. */
struct heap_call {
    parc_frame f;
    long n, r;
};

static long heap(long n);

static void heap_thunk(parc_frame *f)
{
    struct heap_call *c = (struct heap_call *)f;
    c->r = heap(c->n);
}

static long heap(long n)
{
    if (n < 2)
        return n;
    struct heap_call *a = malloc(sizeof *a);
    CHECK(a != NULL);
    a->n = n - 1;
    parc_fork(&a->f, heap_thunk);
    long b = heap(n - 2);
    parc_join(&a->f);
    long r = a->r + b;
    free(a);
    return r;
}

/* 4. One frame reused: forked with one thunk, joined, forked with another. */
struct reuse_call {
    parc_frame f;
    long n, r;
};

static long reuse(long n);

static void reuse_fib(parc_frame *f)
{
    struct reuse_call *c = (struct reuse_call *)f;
    c->r = reuse(c->n);
}

static void reuse_neg(parc_frame *f)
{
    struct reuse_call *c = (struct reuse_call *)f;
    c->r = -reuse(c->n);
}

static long reuse(long n)
{
    if (n < 2)
        return n;
    struct reuse_call a = {.n = n - 1};
    parc_fork(&a.f, reuse_fib);
    long b = reuse(n - 2);
    parc_join(&a.f);
    long r1 = a.r;
    a.n = n - 2;
    parc_fork(&a.f, reuse_neg);
    parc_join(&a.f);
    CHECK(a.r == -b);
    return r1 + b;
}

int main(void)
{
    long rounds = (long)(10 * parc_test_scale());
    if (rounds < 1)
        rounds = 1;
    for (long i = 0; i < rounds; i++) {
        CHECK(mid(24) == 46368);  /* 75,024 forks */
        CHECK(big(20) == 6765);   /* 10,945 forks of 8 KiB frames */
        CHECK(heap(22) == 17711); /* 28,656 forks */
        CHECK(reuse(17) == 1597); /* 87,380 forks */
    }
    printf("ok\n");
    /* { dg-output "ok" } */
    return 0;
}
