/* Area:	parc_pop, parc_join (misuse)
   Purpose:	Joining frames out of order (not the innermost pending one
		first) aborts the process with a message on stderr naming
		parc_pop: the older of two frames joined first, with
		parc_join and with parc_pop, a frame two levels down, and
		(with two or more workers) an older frame that has already
		run on a thief. Each misuse runs in a child process (POSIX
		fork, before this process starts the runtime); the parent
		checks that the child died of SIGABRT and that its stderr
		names parc_pop. A child that joins in order must exit
		normally without that message.
   Limitations:	none.  */

/* { dg-do run } */

#include <parc.h>
#include <stdio.h>

#include "parc-child.h"
#include "parc-test.h"

static void in_order(void)
{
    struct parc_child_call a = {.n = 3}, b = {.n = 4}, c = {.n = 5};
    parc_fork(&a.f, parc_child_square_thunk);
    parc_fork(&b.f, parc_child_square_thunk);
    parc_fork(&c.f, parc_child_square_thunk);
    parc_join(&c.f);
    if (parc_pop(&b.f))
        parc_child_square_thunk(&b.f);
    parc_join(&a.f);
    CHECK(a.r == 9 && b.r == 16 && c.r == 25);
}

static void older_first_join(void)
{
    struct parc_child_call a = {.n = 3}, b = {.n = 4};
    parc_fork(&a.f, parc_child_square_thunk);
    parc_fork(&b.f, parc_child_square_thunk);
    parc_join(&a.f);
    parc_join(&b.f);
}

static void older_first_pop(void)
{
    struct parc_child_call a = {.n = 3}, b = {.n = 4};
    parc_fork(&a.f, parc_child_square_thunk);
    parc_fork(&b.f, parc_child_square_thunk);
    if (parc_pop(&a.f))
        parc_child_square_thunk(&a.f);
    parc_join(&b.f);
}

static void two_levels_down(void)
{
    struct parc_child_call a = {.n = 3}, b = {.n = 4}, c = {.n = 5};
    parc_fork(&a.f, parc_child_square_thunk);
    parc_fork(&b.f, parc_child_square_thunk);
    parc_fork(&c.f, parc_child_square_thunk);
    parc_join(&a.f);
    parc_join(&c.f);
    parc_join(&b.f);
}

static void older_stolen_first(void)
{
    struct parc_child_call a = {.n = 3}, b = {.n = 4};
    parc_fork(&a.f, parc_child_square_thunk);
    parc_fork(&b.f, parc_child_square_thunk);
    if (parc_workers() > 1) /* a ran on a thief; b is still pending here */
        parc_child_wait_started(&a);
    parc_join(&a.f);
    parc_join(&b.f);
}

int main(void)
{
    parc_child_expect_exit(in_order, "in order", "parc_pop");

    parc_child_expect_abort(older_first_join, "older first, parc_join",
                            "parc_pop");
    parc_child_expect_abort(older_first_pop, "older first, parc_pop",
                            "parc_pop");
    parc_child_expect_abort(two_levels_down, "two levels down", "parc_pop");
    parc_child_expect_abort(older_stolen_first, "older, stolen, first",
                            "parc_pop");
    printf("ok\n");
    /* { dg-output "ok" } */
    return 0;
}
