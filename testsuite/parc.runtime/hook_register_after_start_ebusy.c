/* Area:	parcint_hook_poll, parcint_hook_steal, parcint_hook_join
   Purpose:	Hooks are registered only before the runtime starts: up to
		PARCINT_MAX_HOOKS of each kind (one more is ENOSPC, and the
		lists are separate), and every registration once it runs is
		EBUSY, whether or not its list is full. The registered poll
		hooks all run, in the order of registration, on a request;
		a hook refused with EBUSY never runs.
   Limitations:	Uses the runtime's internal headers.  */

/* { dg-do run } */

#include <errno.h>
#include <parc.h>
#include <stdio.h>

#include "hooks.h"
#include "worker.h"

#include "parc-test.h"

static int order[4 * PARCINT_MAX_HOOKS], norder;
static int late_runs;

#define POLL_HOOK(k)                                                         \
    static void poll_hook_##k(parcint_worker *w)                             \
    {                                                                        \
        CHECK(w->id == 0);                                                   \
        order[norder++] = k;                                                 \
    }
POLL_HOOK(0)
POLL_HOOK(1)
POLL_HOOK(2)
POLL_HOOK(3)
POLL_HOOK(4)
POLL_HOOK(5)
POLL_HOOK(6)
POLL_HOOK(7)

static void late_poll_hook(parcint_worker *w)
{
    (void)w;
    late_runs++;
}

struct sq {
    parc_frame f;
    int x;
};

static void sq_thunk(parc_frame *f)
{
    struct sq *c = (struct sq *)f;
    c->x *= c->x;
}

static void frame_hook(parcint_worker *w, parc_frame *f)
{
    (void)w;
    (void)f;
}

int main(void)
{
    static parcint_poll_hook const hooks[] = {
        poll_hook_0, poll_hook_1, poll_hook_2, poll_hook_3,
        poll_hook_4, poll_hook_5, poll_hook_6, poll_hook_7,
    };
    _Static_assert(sizeof hooks / sizeof hooks[0] == PARCINT_MAX_HOOKS,
                   "one poll hook per slot");
    for (int k = 0; k < PARCINT_MAX_HOOKS; k++)
        CHECK(parcint_hook_poll(hooks[k]) == 0);
    CHECK(parcint_hook_poll(late_poll_hook) == ENOSPC);
    /* The other lists are not full. */
    CHECK(parcint_hook_steal(frame_hook) == 0);
    CHECK(parcint_hook_steal(frame_hook) == 0);
    for (int k = 2; k < PARCINT_MAX_HOOKS; k++)
        CHECK(parcint_hook_steal(frame_hook) == 0);
    CHECK(parcint_hook_steal(frame_hook) == ENOSPC);

    CHECK(parc_start() == 0);
    CHECK(parcint_hook_poll(late_poll_hook) == EBUSY);
    CHECK(parcint_hook_steal(frame_hook) == EBUSY);
    CHECK(parcint_hook_join(frame_hook) == EBUSY); /* empty list, too */

    parcint_request_poll(parcint_current());
    parc_poll();
    CHECK(norder == PARCINT_MAX_HOOKS);
    for (int k = 0; k < PARCINT_MAX_HOOKS; k++)
        CHECK(order[k] == k);
    CHECK(late_runs == 0);

    /* Forks with full lists of hooks still work. */
    for (int i = 0; i < 100; i++) {
        struct sq c = {.x = i};
        parc_fork(&c.f, sq_thunk);
        parc_join(&c.f);
        CHECK(c.x == i * i);
    }
    printf("ok\n");
    /* { dg-output "ok" } */
    return 0;
}
