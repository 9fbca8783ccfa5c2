/* Area:	parc_pop, parc_join (misuse)
   Purpose:	Joining a frame a second time aborts the process with a
		message on stderr naming parc_pop: for the outermost frame,
		for a frame with an older frame still pending, through
		parc_pop after parc_join, and (with two or more workers) for
		a frame that ran on a thief. Each misuse runs in a child
		process (POSIX fork, before this process starts the
		runtime); the parent checks that the child died of SIGABRT
		and that its stderr names parc_pop. A child that joins
		correctly must exit normally without that message.
   Limitations:	none.  */

/* { dg-do run } */

#include <parc.h>
#include <stdio.h>

#include "parc-child.h"
#include "parc-test.h"

static void correct(void)
{
    struct parc_child_call a = {.n = 3}, b = {.n = 4};
    parc_fork(&a.f, parc_child_square_thunk);
    parc_fork(&b.f, parc_child_square_thunk);
    parc_join(&b.f);
    parc_join(&a.f);
    CHECK(a.r == 9 && b.r == 16);
}

static void twice_outermost(void)
{
    struct parc_child_call a = {.n = 3};
    parc_fork(&a.f, parc_child_square_thunk);
    parc_join(&a.f);
    CHECK(a.r == 9);
    parc_join(&a.f);
}

static void twice_with_older_pending(void)
{
    struct parc_child_call outer = {.n = 2}, a = {.n = 3};
    parc_fork(&outer.f, parc_child_square_thunk);
    parc_fork(&a.f, parc_child_square_thunk);
    parc_join(&a.f);
    parc_join(&a.f);
    parc_join(&outer.f);
}

static void pop_after_join(void)
{
    struct parc_child_call outer = {.n = 2}, a = {.n = 3};
    parc_fork(&outer.f, parc_child_square_thunk);
    parc_fork(&a.f, parc_child_square_thunk);
    parc_join(&a.f);
    if (parc_pop(&a.f))
        parc_child_square_thunk(&a.f);
    parc_join(&outer.f);
}

static void twice_after_steal(void)
{
    struct parc_child_call a = {.n = 3};
    parc_fork(&a.f, parc_child_square_thunk);
    if (parc_workers() > 1) {
        parc_child_wait_started(&a);
        CHECK(parc_pop(&a.f) == 0);
    } else {
        parc_join(&a.f);
    }
    CHECK(a.r == 9);
    parc_join(&a.f);
}

int main(void)
{
    parc_child_expect_exit(correct, "correct", "parc_pop");

    parc_child_expect_abort(twice_outermost, "twice, outermost", "parc_pop");
    parc_child_expect_abort(twice_with_older_pending, "twice, older pending",
                            "parc_pop");
    parc_child_expect_abort(pop_after_join, "parc_pop after parc_join",
                            "parc_pop");
    parc_child_expect_abort(twice_after_steal, "twice, after a steal",
                            "parc_pop");
    printf("ok\n");
    /* { dg-output "ok" } */
    return 0;
}
