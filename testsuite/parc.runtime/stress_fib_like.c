/* Area:	parc_fork, parc_pop, parc_join (stress)
   Purpose:	Fibonacci-shaped fork trees with random parameters: n from
		18 to 27, a serial cutoff from 0 to 5, busy work of 0 to 16
		steps at each leaf, and which of the two calls is forked
		(n - 1 or n - 2) chosen per tree. fib(n) is
		checked against an iterative computation and the fork count
		against the count of a serial walk.
   Limitations:	none.
   Forks:	at least 2,500,000 * PARC_TEST_SCALE; the count is printed
		and checked.  */

/* { dg-do run } */

#include <parc.h>
#include <stdint.h>
#include <stdio.h>

#include "parc-test.h"

struct fib_call {
    parc_frame f;
    int n, cutoff, fork_first; /* fork_first: fork n - 1, else n - 2 */
    unsigned burn;             /* busy work at each leaf */
    uint64_t r, forks;
};

/* Work that takes time and changes nothing, so that thieves get a chance. */
static void burn(unsigned n)
{
    volatile uint64_t x = n;
    while (n--)
        x = parc_test_mix(x);
}

static uint64_t fib_ser(int n)
{
    return n < 2 ? (uint64_t)n : fib_ser(n - 1) + fib_ser(n - 2);
}

static void fib_par(struct fib_call *c);

static void fib_thunk(parc_frame *f) { fib_par((struct fib_call *)f); }

static void fib_par(struct fib_call *c)
{
    if (c->n < 2 || c->n <= c->cutoff) {
        c->r = fib_ser(c->n);
        c->forks = 0;
        burn(c->burn);
        return;
    }
    int forked = c->fork_first ? c->n - 1 : c->n - 2;
    struct fib_call a = {.n = forked, .cutoff = c->cutoff,
                         .fork_first = c->fork_first, .burn = c->burn};
    struct fib_call b = {.n = 2 * c->n - 3 - forked, .cutoff = c->cutoff,
                         .fork_first = c->fork_first, .burn = c->burn};
    parc_fork(&a.f, fib_thunk);
    fib_par(&b);
    if (parc_pop(&a.f))
        fib_par(&a);
    c->r = a.r + b.r;
    c->forks = 1 + a.forks + b.forks;
}

/* Forks of a tree: one per node above the cutoff. */
static uint64_t forks_ser(int n, int cutoff)
{
    if (n < 2 || n <= cutoff)
        return 0;
    return 1 + forks_ser(n - 1, cutoff) + forks_ser(n - 2, cutoff);
}

static uint64_t fib_iter(int n)
{
    uint64_t a = 0, b = 1;
    while (n-- > 0) {
        uint64_t t = a + b;
        a = b;
        b = t;
    }
    return a;
}

int main(void)
{
    const uint64_t target = (uint64_t)(2500000 * parc_test_scale());
    uint64_t total = 0, seed = 0xf1b;
    unsigned trees = 0;
    while (total < target) {
        uint64_t r = parc_test_mix(seed++);
        struct fib_call c = {.n = 18 + (int)(r % 10),
                             .cutoff = (int)((r >> 8) % 6),
                             .fork_first = (int)((r >> 16) & 1),
                             .burn = (unsigned)((r >> 24) % 17)};
        fib_par(&c);
        CHECK(c.r == fib_iter(c.n));
        CHECK(c.forks == forks_ser(c.n, c.cutoff));
        total += c.forks;
        trees++;
    }
    CHECK(total >= target);
    printf("trees=%u forks=%llu\n", trees, (unsigned long long)total);
    printf("ok\n");
    /* { dg-output "ok" } */
    return 0;
}
