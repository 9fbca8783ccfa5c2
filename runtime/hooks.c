/* hooks.c: registration and dispatch of the scheduler's events. */
#include "hooks.h"

#include "pool.h"

#include <errno.h>

struct hook_list {
    unsigned n;
    void *fn[PARCINT_MAX_HOOKS];
};

__thread void *parcint_task_heap __attribute__((tls_model("initial-exec")));
__thread void *parcint_heap_below __attribute__((tls_model("initial-exec")));

static struct hook_list adopt_hooks, leave_hooks, poll_hooks, steal_hooks,
    join_hooks, work_hooks, pending_hooks, exit_hooks, message_hooks, share_hooks;

static int add(struct hook_list *l, void *fn)
{
    if (parcint_started())
        return EBUSY;
    if (l->n == PARCINT_MAX_HOOKS)
        return ENOSPC;
    l->fn[l->n++] = fn;
    return 0;
}

int parcint_hook_poll(parcint_poll_hook fn) { return add(&poll_hooks, (void *)fn); }
int parcint_hook_steal(parcint_frame_hook fn) { return add(&steal_hooks, (void *)fn); }
int parcint_hook_join(parcint_frame_hook fn) { return add(&join_hooks, (void *)fn); }
int parcint_hook_exit(parcint_poll_hook fn) { return add(&exit_hooks, (void *)fn); }
int parcint_hook_adopt(parcint_adopt_hook fn) { return add(&adopt_hooks, (void *)fn); }
int parcint_hook_message(parcint_poll_hook fn) { return add(&message_hooks, (void *)fn); }
int parcint_hook_share(parcint_work_hook fn) { return add(&share_hooks, (void *)fn); }
int parcint_hook_leave(parcint_leave_hook fn) { return add(&leave_hooks, (void *)fn); }

void parcint_run_adopt_hooks(void *child_heap, enum parcint_adopt_from from)
{
    if (!child_heap)
        return;
    for (unsigned i = 0; i < adopt_hooks.n; i++)
        ((parcint_adopt_hook)adopt_hooks.fn[i])(child_heap, from);
}

void parcint_task_enter(struct parcint_task_save *s)
{
    s->outer = parcint_task_heap;
    s->below = parcint_heap_below;
    if (s->outer) /* suspended until the task returns: it lends (heap.c) */
        parcint_heap_below = s->outer;
    parcint_task_heap = NULL;
}

void *parcint_task_leave(const struct parcint_task_save *s)
{
    void *mine = parcint_task_heap;
    if (mine)
        for (unsigned i = 0; i < leave_hooks.n; i++)
            ((parcint_leave_hook)leave_hooks.fn[i])(mine);
    parcint_task_heap = s->outer;
    parcint_heap_below = s->below;
    return mine;
}

int parcint_hook_work(parcint_work_hook run, parcint_work_hook pending)
{
    /* The two lists have the same length, so both have room or neither. */
    int err = add(&work_hooks, (void *)run);
    if (!err)
        err = add(&pending_hooks, (void *)pending);
    return err;
}

void parcint_run_poll_hooks(parcint_worker *w)
{
    for (unsigned i = 0; i < poll_hooks.n; i++)
        ((parcint_poll_hook)poll_hooks.fn[i])(w);
}

void parcint_run_steal_hooks(parcint_worker *w, parc_frame *f)
{
    for (unsigned i = 0; i < steal_hooks.n; i++)
        ((parcint_frame_hook)steal_hooks.fn[i])(w, f);
}

void parcint_run_join_hooks(parcint_worker *w, parc_frame *f)
{
    for (unsigned i = 0; i < join_hooks.n; i++)
        ((parcint_frame_hook)join_hooks.fn[i])(w, f);
}

void parcint_request_poll(parcint_worker *w)
{
    parcint_signal(w, PARCINT_SIG_POLL);
    parcint_wake_for_poll(w);
}

int parcint_run_work_hooks(parcint_worker *w)
{
    for (unsigned i = 0; i < work_hooks.n; i++)
        if (((parcint_work_hook)work_hooks.fn[i])(w))
            return 1;
    return 0;
}

int parcint_work_pending(parcint_worker *w)
{
    for (unsigned i = 0; i < pending_hooks.n; i++)
        if (((parcint_work_hook)pending_hooks.fn[i])(w))
            return 1;
    return 0;
}

void parcint_run_exit_hooks(parcint_worker *w)
{
    for (unsigned i = 0; i < exit_hooks.n; i++)
        ((parcint_poll_hook)exit_hooks.fn[i])(w);
}

void parcint_run_message_hooks(parcint_worker *w)
{
    for (unsigned i = 0; i < message_hooks.n; i++)
        ((parcint_poll_hook)message_hooks.fn[i])(w);
}

int parcint_run_share_hooks(parcint_worker *w)
{
    for (unsigned i = 0; i < share_hooks.n; i++)
        if (((parcint_work_hook)share_hooks.fn[i])(w))
            return 1;
    return 0;
}
