/* steps.c: the calls a contained process's step must not reach (steps.h).
 *
 * The search is a breadth-first walk of the call graph from the step, so
 * the chain reported is a shortest one; fork edges and calls through a
 * library's function argument (parc_fork's thunk) are edges like any
 * other, since they run on the step's worker too. */
#include "steps.h"

#include <stdlib.h>
#include <string.h>

struct ban {
    const char *name;
    enum parc_step_ban kind;
    const char *reason;
};

static const char sends[] = "sends to a process";
static const char waits[] = "waits for a future";
static const char locks[] = "may wait for a lock";
static const char sleeps[] = "waits on the clock";
static const char joins[] = "waits for a thread";
static const char io[] = "may wait for input or output";

static const struct ban bans[] = {
    {"parc_proc_send", PARC_BAN_SEND, sends},
    {"parc_proc_send_future", PARC_BAN_SEND, sends},
    {"parc_proc_forward", PARC_BAN_SEND, sends},
    {"parc_proc_defer", PARC_BAN_SEND, "takes its reply to give later"},
    {"parc_reply_give", PARC_BAN_SEND, "gives a deferred reply"},
    {"parc_future_join", PARC_BAN_WAIT, waits},
    {"parc_future_need", PARC_BAN_WAIT, waits},
    {"pthread_mutex_lock", PARC_BAN_BLOCK, locks},
    {"pthread_mutex_timedlock", PARC_BAN_BLOCK, locks},
    {"pthread_rwlock_rdlock", PARC_BAN_BLOCK, locks},
    {"pthread_rwlock_wrlock", PARC_BAN_BLOCK, locks},
    {"pthread_spin_lock", PARC_BAN_BLOCK, locks},
    {"pthread_cond_wait", PARC_BAN_BLOCK, locks},
    {"pthread_cond_timedwait", PARC_BAN_BLOCK, locks},
    {"pthread_barrier_wait", PARC_BAN_BLOCK, locks},
    {"pthread_join", PARC_BAN_BLOCK, joins},
    {"sem_wait", PARC_BAN_BLOCK, locks},
    {"sem_timedwait", PARC_BAN_BLOCK, locks},
    {"mtx_lock", PARC_BAN_BLOCK, locks},
    {"mtx_timedlock", PARC_BAN_BLOCK, locks},
    {"cnd_wait", PARC_BAN_BLOCK, locks},
    {"cnd_timedwait", PARC_BAN_BLOCK, locks},
    {"thrd_join", PARC_BAN_BLOCK, joins},
    {"flock", PARC_BAN_BLOCK, locks},
    {"lockf", PARC_BAN_BLOCK, locks},
    {"sleep", PARC_BAN_BLOCK, sleeps},
    {"usleep", PARC_BAN_BLOCK, sleeps},
    {"nanosleep", PARC_BAN_BLOCK, sleeps},
    {"clock_nanosleep", PARC_BAN_BLOCK, sleeps},
    {"thrd_sleep", PARC_BAN_BLOCK, sleeps},
    {"pause", PARC_BAN_BLOCK, sleeps},
    {"wait", PARC_BAN_BLOCK, joins},
    {"waitpid", PARC_BAN_BLOCK, joins},
    {"poll", PARC_BAN_BLOCK, io},
    {"select", PARC_BAN_BLOCK, io},
    {"epoll_wait", PARC_BAN_BLOCK, io},
    {"read", PARC_BAN_BLOCK, io},
    {"recv", PARC_BAN_BLOCK, io},
    {"recvfrom", PARC_BAN_BLOCK, io},
    {"accept", PARC_BAN_BLOCK, io},
    {"connect", PARC_BAN_BLOCK, io},
    {"getchar", PARC_BAN_BLOCK, io},
    {"fgets", PARC_BAN_BLOCK, io},
    {"scanf", PARC_BAN_BLOCK, io},
};

enum parc_step_ban parc_step_banned(const char *name, const char **reason)
{
    if (reason)
        *reason = NULL;
    if (!name)
        return PARC_BAN_NONE;
    for (size_t i = 0; i < sizeof bans / sizeof bans[0]; i++)
        if (strcmp(bans[i].name, name) == 0) {
            if (reason)
                *reason = bans[i].reason;
            return bans[i].kind;
        }
    return PARC_BAN_NONE;
}

size_t parc_step_find_ban(const struct parc_graph *g, size_t step,
                          struct parc_step_hop *hops, size_t max,
                          enum parc_step_ban *ban)
{
    *ban = PARC_BAN_NONE;
    if (step >= g->n || max == 0)
        return 0;
    /* from[i]: the hop that first reached node i; queue: nodes in order. */
    struct parc_step_hop *from = malloc(g->n * sizeof *from);
    size_t *queue = malloc(g->n * sizeof *queue);
    unsigned char *seen = calloc(g->n, 1);
    size_t n = 0;
    if (!from || !queue || !seen)
        goto out;
    size_t head = 0, tail = 0, found = (size_t)-1;
    queue[tail++] = step;
    seen[step] = 1;
    while (head < tail && found == (size_t)-1) {
        size_t f = queue[head++];
        const struct parc_fn *fn = &g->fns[f];
        for (size_t c = 0; c < fn->ncalls; c++) {
            size_t callee = fn->calls[c].callee;
            if (callee >= g->n || seen[callee])
                continue;
            seen[callee] = 1;
            from[callee].fn = f;
            from[callee].call = c;
            if (!g->fns[callee].has_body) {
                enum parc_step_ban b =
                    parc_step_banned(g->fns[callee].name, NULL);
                if (b != PARC_BAN_NONE) {
                    *ban = b;
                    found = callee;
                    break;
                }
                continue;
            }
            queue[tail++] = callee;
        }
    }
    if (found == (size_t)-1)
        goto out;
    /* The chain's length, then the hops from the step down. */
    for (size_t v = found; v != step; v = from[v].fn)
        n++;
    if (n > max) {
        n = 0;
        *ban = PARC_BAN_NONE;
        goto out;
    }
    size_t i = n;
    for (size_t v = found; v != step; v = from[v].fn)
        hops[--i] = from[v];
out:
    free(from);
    free(queue);
    free(seen);
    return n;
}
