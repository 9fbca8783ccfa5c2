/* Area:	parc_pop, parc_join (misuse)
   Purpose:	Joining a frame that was never forked aborts the process
		with a message on stderr naming parc_pop: a zeroed frame
		with nothing pending, one while other frames are pending
		(parc_join and parc_pop), and one inside a thunk that runs
		on a thief (with two or more workers). Each misuse runs in a
		child process (POSIX fork, before this process starts the
		runtime); the parent checks that the child died of SIGABRT
		and that its stderr names parc_pop. A child that forks
		before it joins must exit normally without that message.
   Limitations:	Threads that are not workers run every fork in place and
		cannot tell a frame never forked from one that ran there;
		this test uses workers only.  */

/* { dg-do run } */

#include <parc.h>
#include <stdatomic.h>
#include <stdio.h>

#include "parc-child.h"
#include "parc-test.h"

static void forked_first(void)
{
    struct parc_child_call a = {.n = 3};
    parc_fork(&a.f, parc_child_square_thunk);
    parc_join(&a.f);
    CHECK(a.r == 9);
}

static void nothing_pending(void)
{
    struct parc_child_call a = {.n = 3};
    parc_join(&a.f);
}

static void others_pending_join(void)
{
    struct parc_child_call a = {.n = 3}, b = {.n = 4}, never = {.n = 5};
    parc_fork(&a.f, parc_child_square_thunk);
    parc_fork(&b.f, parc_child_square_thunk);
    parc_join(&never.f);
    parc_join(&b.f);
    parc_join(&a.f);
}

static void others_pending_pop(void)
{
    struct parc_child_call a = {.n = 3}, never = {.n = 5};
    parc_fork(&a.f, parc_child_square_thunk);
    if (parc_pop(&never.f))
        parc_child_square_thunk(&never.f);
    parc_join(&a.f);
}

static void bad_thunk(parc_frame *f)
{
    struct parc_child_call *c = (struct parc_child_call *)f;
    atomic_store_explicit(&c->started, 1, memory_order_relaxed);
    struct parc_child_call never = {.n = 5};
    parc_join(&never.f);
}

static void inside_stolen_frame(void)
{
    struct parc_child_call a = {.n = 3};
    parc_fork(&a.f, bad_thunk);
    if (parc_workers() > 1)
        parc_child_wait_started(&a);
    parc_join(&a.f);
}

int main(void)
{
    parc_child_expect_exit(forked_first, "forked first", "parc_pop");

    parc_child_expect_abort(nothing_pending, "nothing pending", "parc_pop");
    parc_child_expect_abort(others_pending_join, "others pending, parc_join",
                            "parc_pop");
    parc_child_expect_abort(others_pending_pop, "others pending, parc_pop",
                            "parc_pop");
    parc_child_expect_abort(inside_stolen_frame, "inside a stolen frame",
                            "parc_pop");
    printf("ok\n");
    /* { dg-output "ok" } */
    return 0;
}
