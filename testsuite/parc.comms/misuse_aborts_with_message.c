/* Area:	comms (misuse)
   Purpose:	Each misuse aborts with a message naming what went wrong,
		in a child process: a message of a kind nobody handles
		(on its receiver's intake), a commit with no message open,
		a call made for another worker than the caller's, and
		parcint_comms_await from inside a handler. A child that
		sends correctly exits normally.
   Limitations:	Uses the runtime's internal headers.  */

/* { dg-do run } */

#include "comms-test.h"
#include "parc-child.h"

static void correct(void)
{
    parcint_worker *w = parcint_current();
    CHECK(parcint_comms_send(w, 0, CT_DATA, NULL, 0) == 0);
    CHECK(parcint_comms_intake(w) == 1);
}

static void unhandled_kind(void)
{
    parcint_worker *w = parcint_current();
    CHECK(parcint_comms_send(w, 0, CT_OTHER, NULL, 0) == 0);
    parcint_comms_intake(w);
}

static void commit_without_begin(void)
{
    parcint_comms_commit(parcint_current());
}

static void other_workers_lane(void)
{
    /* Worker 0 is ours; a made-up worker structure is not. */
    static parcint_worker fake;
    parcint_comms_send(&fake, 0, CT_DATA, NULL, 0);
}

static int never(void *p)
{
    (void)p;
    return 0;
}

static void await_inside(parcint_worker *w, void *arg)
{
    (void)arg;
    parcint_comms_await(w, never, NULL);
}

static void await_in_handler(void)
{
    parcint_worker *w = parcint_current();
    ct_run_on(w, 0, await_inside, NULL);
    parcint_comms_intake(w);
}

static void nothing(parcint_worker *w, const parcint_msg *m)
{
    (void)w;
    (void)m;
}

int main(void)
{
    ct_register();
    CHECK(parcint_comms_handle(CT_DATA, nothing) == 0);
    parc_child_expect_exit(correct, "correct", "parc:");
    parc_child_expect_abort(unhandled_kind, "unhandled kind",
                            "has no handler");
    parc_child_expect_abort(commit_without_begin, "commit without begin",
                            "no message is open");
    parc_child_expect_abort(other_workers_lane, "another worker",
                            "not the calling thread's worker");
    parc_child_expect_abort(await_in_handler, "await in a handler",
                            "called from a message handler");
    printf("ok\n");
    /* { dg-output "ok" } */
    return 0;
}
