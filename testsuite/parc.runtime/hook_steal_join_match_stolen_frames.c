/* Area:	parcint_hook_steal, parcint_hook_join (internal hooks)
   Purpose:	The steal hook runs once for every frame that runs on a
		worker other than its forker's (stolen, or taken back by
		leapfrogging), on that worker, before the thunk; the join
		hook runs once for every such frame, on the forker, when it
		joins it; neither runs for frames popped and called inline.
		Each frame records what happened to it and the totals must
		agree exactly: steal hook calls == frames run elsewhere ==
		join hook calls.
   Limitations:	Uses the runtime's internal headers. With two or more
		workers, the test goes on until thieves have taken 3
		frames (bounded by 10 s).
   Forks:	at least 200 * 1,972 * PARC_TEST_SCALE (at least 10 rounds).  */

/* { dg-do run } */

#include <parc.h>
#include <stdatomic.h>
#include <stdio.h>
#include <time.h>

#include "hooks.h"
#include "worker.h"

#include "parc-test.h"

struct call {
    parc_frame f;
    int n;
    int forker;         /* worker that forked it */
    int ran_on;         /* worker that ran the thunk */
    int steal_hooked;   /* steal hook calls for this frame */
    int steal_hook_on;  /* worker id passed to the steal hook */
    int join_hooked;    /* join hook calls for this frame */
    long r;
};

static atomic_long steal_calls, join_calls, foreign;

static void fib_thunk(parc_frame *f);

static void steal_hook(parcint_worker *w, parc_frame *f)
{
    CHECK(parcint_current() == w);
    CHECK(f->fn == fib_thunk);
    struct call *c = (struct call *)f;
    CHECK((int)w->id != c->forker);
    c->steal_hooked++;
    c->steal_hook_on = (int)w->id;
    atomic_fetch_add_explicit(&steal_calls, 1, memory_order_relaxed);
}

static void join_hook(parcint_worker *w, parc_frame *f)
{
    CHECK(parcint_current() == w);
    CHECK(f->fn == fib_thunk);
    struct call *c = (struct call *)f;
    CHECK((int)w->id == c->forker);
    c->join_hooked++;
    atomic_fetch_add_explicit(&join_calls, 1, memory_order_relaxed);
}

/* Work that takes time and changes nothing, so that thieves get a chance. */
static void burn(unsigned n)
{
    volatile unsigned x = n;
    while (n--)
        x = x * 1664525u + 1013904223u;
}

static long fib(int n);

static void fib_thunk(parc_frame *f)
{
    struct call *c = (struct call *)f;
    c->ran_on = parc_worker_id();
    if (c->ran_on != c->forker) {
        CHECK(c->steal_hooked == 1);
        CHECK(c->steal_hook_on == c->ran_on);
        atomic_fetch_add_explicit(&foreign, 1, memory_order_relaxed);
    } else {
        CHECK(c->steal_hooked == 0);
    }
    c->r = fib(c->n);
}

static void check_joined(const struct call *c)
{
    int away = c->ran_on != c->forker;
    CHECK(c->steal_hooked == away);
    CHECK(c->join_hooked == away);
}

static long fib(int n)
{
    if (n < 2) {
        burn(50);
        return n;
    }
    int me = parc_worker_id();
    struct call a = {.n = n - 1, .forker = me, .ran_on = -1};
    struct call b = {.n = n - 2, .forker = me, .ran_on = -1};
    parc_fork(&a.f, fib_thunk);
    parc_fork(&b.f, fib_thunk);
    if (parc_pop(&b.f))
        fib_thunk(&b.f);
    parc_join(&a.f);
    check_joined(&a);
    check_joined(&b);
    return a.r + b.r;
}

int main(void)
{
    CHECK(parcint_hook_steal(steal_hook) == 0);
    CHECK(parcint_hook_join(join_hook) == 0);
    CHECK(parc_start() == 0);
    long rounds = (long)(200 * parc_test_scale());
    if (rounds < 10)
        rounds = 10;
    time_t t0 = time(NULL);
    for (long i = 0;
         i < rounds ||
         (parc_workers() > 1 &&
          atomic_load_explicit(&foreign, memory_order_relaxed) < 3);
         i++) {
        CHECK(fib(15) == 610);
        CHECK(time(NULL) - t0 < 10);
    }
    long s = atomic_load_explicit(&steal_calls, memory_order_relaxed);
    long j = atomic_load_explicit(&join_calls, memory_order_relaxed);
    long x = atomic_load_explicit(&foreign, memory_order_relaxed);
    CHECK(s == x);
    CHECK(j == x);
    CHECK(parc_workers() > 1 ? x >= 3 : x == 0);
    printf("frames run elsewhere=%ld\n", x);
    printf("ok\n");
    /* { dg-output "ok" } */
    return 0;
}
