/* Area:	parc_fork, parc_join, parc_pop
   Purpose:	Check LIFO joins of many frames: frames forked in a loop into an
		array are joined from the last to the first, alternately with
		parc_join and with parc_pop (running the call by hand when the
		frame was not stolen).  Every call must run exactly once and leave
		its own result in its own frame.
   Limitations:	none.  */

/* { dg-do run } */

#include <parc.h>
#include <stdatomic.h>

#include "parc-test.h"

#define FRAMES 32

struct work_call {
    parc_frame f;
    long i;
    unsigned long r;
    _Atomic int runs;
};

static long spin;

/* Some arithmetic that takes a while, so that thieves find frames to take. */
static unsigned long
work(long i)
{
    unsigned long s = (unsigned long)i;
    for (long k = 0; k < spin; k++)
        s = s * 6364136223846793005UL + 1442695040888963407UL
            + (unsigned long)(k ^ i);
    return s;
}

static void
work_thunk(parc_frame *f)
{
    struct work_call *c = (struct work_call *)f;
    /* relaxed: the join orders the frame's contents for the joiner. */
    atomic_fetch_add_explicit(&c->runs, 1, memory_order_relaxed);
    c->r = work(c->i);
}

int
main(void)
{
    struct work_call calls[FRAMES];
    unsigned long expect[FRAMES];
    long rounds = parc_test_scaled(200, 10);

    spin = parc_test_scaled(2000, 100);
    for (int i = 0; i < FRAMES; i++)
        expect[i] = work(i);

    for (long round = 0; round < rounds; round++) {
        for (int i = 0; i < FRAMES; i++) {
            calls[i].i = i;
            calls[i].r = 0;
            atomic_init(&calls[i].runs, 0);
            parc_fork(&calls[i].f, work_thunk);
        }
        for (int i = FRAMES - 1; i >= 0; i--) {
            if (i % 2 == 0)
                parc_join(&calls[i].f);
            else if (parc_pop(&calls[i].f))
                work_thunk(&calls[i].f);
        }
        for (int i = 0; i < FRAMES; i++) {
            CHECK(atomic_load_explicit(&calls[i].runs, memory_order_relaxed) == 1);
            CHECK(calls[i].r == expect[i]);
        }
    }

    printf("join order ok\n");
    /* { dg-output "join order ok" } */
    return 0;
}
