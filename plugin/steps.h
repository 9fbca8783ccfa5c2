/* steps.h: what the step of a contained process must not reach.
 *
 * Part of the plugin's analysis core (plain C, no compiler header).  A
 * process spawned PARC_PROC_CONTAINED (docs/processes.md, "Two kinds of
 * step") runs its step on a worker with no stack of its own: the step must
 * be contained (callgraph.h's verdict) and must reach no call that sends to
 * a process, waits for a future, or blocks the thread.  Those calls are
 * named here, by canonical name (libtable.h's keys), with the reason a
 * diagnostic prints; gcc-steps.cc finds the spawns and reports.
 */
#ifndef plugin_steps_h
#define plugin_steps_h

#include <stddef.h>

#include "callgraph.h"

enum parc_step_ban {
    PARC_BAN_NONE = 0,
    PARC_BAN_SEND,  /* sends to a process, or answers another's reply */
    PARC_BAN_WAIT,  /* waits for a future */
    PARC_BAN_BLOCK  /* may block the thread (locks, sleeps, I/O waits) */
};

/* What calling the function named name does that a contained step must
 * not; *reason (when not NULL) gets the tail of "'x' ..." ("sends to a
 * process"), or NULL with PARC_BAN_NONE. */
enum parc_step_ban parc_step_banned(const char *name, const char **reason);

/* One call on the way from a step to a banned function. */
struct parc_step_hop {
    size_t fn;   /* the caller */
    size_t call; /* its call's index (fns[fn].calls[call]) */
};

/* The shortest chain of calls from node step to a node without a body that
 * parc_step_banned refuses: fills up to max hops (hops[0].fn is step, the
 * last hop's callee is the banned function) and returns their number, 0
 * when step reaches none (or the chain is longer than max). *ban gets the
 * kind. */
size_t parc_step_find_ban(const struct parc_graph *g, size_t step,
                          struct parc_step_hop *hops, size_t max,
                          enum parc_step_ban *ban);

#endif /* plugin_steps_h */
