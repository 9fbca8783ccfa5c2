/* Area:	parc_proc_* error codes
   Purpose:	Misuse gets an error code and a message, never a touch of
		freed memory: a send, copy, drop or stats through a handle
		whose process's last handle was dropped returns ESRCH (also
		after the slot was reused by a new process, which the stale
		handle must not reach); a null handle, EINVAL; a contained
		step that sends, EPERM; parc_proc_forward outside an actor
		step, EPERM; bad options, EINVAL. A future sent as a message
		and then consumed through a kept copy of its handle is
		reported, and its step gets NULL instead of waiting for
		ever (or, if the step came first, the drop is refused).
   Limitations:	none.  */

/* { dg-do run } */

#include <errno.h>
#include <parc.h>
#include <stdint.h>

#include "parc-test.h"

static parc_proc other;
static int step_err = -1;

static void *echo(void *state, void *msg)
{
    (void)state;
    return msg;
}

static void *seven(void *arg)
{
    (void)arg;
    return (void *)7;
}

static void *contained_sends(void *state, void *msg)
{
    (void)state;
    (void)msg;
    step_err = parc_proc_send(&other, NULL, NULL);
    return NULL;
}

int main(void)
{
    parc_proc h, stale, copy;
    parc_future f;
    void *v;
    CHECK(parc_proc_spawn(&h, echo, NULL, NULL) == 0);
    stale = h;
    CHECK(parc_proc_drop(&h) == 0);
    CHECK(h.p == NULL);
    CHECK(parc_proc_send(&stale, NULL, NULL) == ESRCH);
    CHECK(parc_proc_send(&stale, NULL, &f) == ESRCH);
    CHECK(parc_proc_copy(&stale, &copy) == ESRCH);
    CHECK(parc_proc_drop(&stale) == ESRCH);
    parc_proc_stats st;
    CHECK(parc_proc_stats_get(&stale, &st) == ESRCH);
    CHECK(parc_proc_drop(&h) == EINVAL); /* cleared by the drop */
    CHECK(parc_proc_send(NULL, NULL, NULL) == EINVAL);

    /* The slot is reused (the same thread's cache hands it back): the
     * stale handle still does not reach the new process. */
    parc_proc fresh;
    CHECK(parc_proc_spawn(&fresh, echo, NULL, NULL) == 0);
    CHECK(fresh.p == stale.p && fresh.gen != stale.gen);
    CHECK(parc_proc_send(&stale, NULL, NULL) == ESRCH);
    CHECK(parc_proc_send(&fresh, (void *)7, &f) == 0);
    CHECK(parc_future_join(&f, &v) == 0 && v == (void *)7);

    CHECK(parc_proc_spawn(&other, echo, NULL, NULL) == 0);
    parc_proc c;
    CHECK(parc_proc_spawn(&c, contained_sends, NULL, NULL) == 0);
    CHECK(parc_proc_send(&c, NULL, &f) == 0);
    CHECK(parc_future_join(&f, NULL) == 0);
    CHECK(step_err == EPERM);
    CHECK(parc_proc_forward(&other, NULL) == EPERM);
    parc_proc_self(&copy);
    CHECK(copy.p == NULL);

    parc_proc_opts bad = {.kind = 7};
    CHECK(parc_proc_spawn(&copy, echo, NULL, &bad) == EINVAL);
    CHECK(parc_proc_spawn(&copy, NULL, NULL, NULL) == EINVAL);
    parc_future bf = {0};
    CHECK(parc_proc_send_future(&other, &bf, NULL) == EINVAL);

    parc_future lazy, kept;
    CHECK(parc_future_lazy(&lazy, seven, NULL, 0) == 0);
    kept = lazy;
    CHECK(parc_proc_send_future(&other, &lazy, &f) == 0);
    int dropped = parc_future_drop(&kept);
    CHECK(parc_future_join(&f, &v) == 0);
    CHECK(dropped == 0 ? v == NULL : (dropped == EINVAL && v == (void *)7));

    CHECK(parc_proc_drop(&c) == 0);
    CHECK(parc_proc_drop(&other) == 0);
    CHECK(parc_proc_drop(&fresh) == 0);
    printf("ok\n");
    return 0;
}
/* { dg-output "ok" } */
