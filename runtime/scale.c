/* scale.c: PARC_SCALE=1 measures the work, the span and the parallelism of a
 * run, as Cilkscale does for Cilk (He, Leiserson, Leiserson, "The Cilkview
 * scalability analyzer", SPAA 2010, whose span algorithm this follows).
 *
 * The run uses one worker, and every fork is a real one: lazy forks do not
 * run through sequential clones (parcint_lazy_now says no), so what is
 * measured is the parallelism the program's forks express, not what the
 * scheduler chose to use. Time between events is a strand; a strand counts
 * toward the work, and toward the path of the function running it. The
 * forked call logically starts at its fork: when it is joined (run then, in
 * this one-worker run), its own work adds to the parent's, and the parent's
 * path becomes the larger of its path so far and the path at the fork plus
 * the child's span. The span of the run is the root's path at exit.
 *
 * Timer reads are part of every strand, so a program of very fine forks has
 * both figures inflated alike; their ratio, the parallelism, is what a 2-core
 * machine can show of a 16-core speedup.
 */
#include "scale.h"

#include "deque.h"
#include "diag.h"
#include "platform.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

struct scale_ctx {
    uint64_t work, path; /* ns */
    uint64_t t0;         /* start of the current strand */
};

static int enabled;
static struct scale_ctx root;
static struct scale_ctx *cur; /* worker 0's current function */
static uint64_t *fork_path;   /* per deque slot: the parent's path at the fork */
static uint64_t forks;
/* parc_scale_end: the region's figures, reported instead of the whole run. */
static struct scale_ctx region;
static uint64_t region_forks;
static int region_ended;

#define SCALE_TAG ((uintptr_t)2) /* parc_pop's compare fails on it */

static uint64_t now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* Ends the current strand at t. */
static void strand(uint64_t t)
{
    uint64_t d = t - cur->t0;
    cur->work += d;
    cur->path += d;
    cur->t0 = t;
}

void parcint_scale_init(void)
{
    enabled = parcint_env_ulong("PARC_SCALE", 0) != 0;
}

int parcint_scale_enabled(void)
{
    return enabled;
}

int parcint_scale_start(parcint_worker *w)
{
    fork_path = calloc(w->capacity, sizeof *fork_path);
    if (!fork_path)
        return ENOMEM;
    /* relaxed: no other thread runs yet. NULL keeps every fork, pop and
     * poll of this worker on the slow paths. */
    atomic_store_explicit(&w->hot.limit, NULL, memory_order_relaxed);
    cur = &root;
    root.t0 = now();
    return 0;
}

void parcint_scale_fork(parcint_worker *w, parc_frame *f)
{
    struct parcint_hot *h = &w->hot;
    forks++;
    if (h->head == h->end) {
        parcint_run_in_place(f); /* a plain call: on the path */
        return;
    }
    strand(now());
    fork_path[h->head - w->slots] = cur->path;
    *h->head++ = (parc_frame *)((uintptr_t)f | SCALE_TAG);
    h->forks++;
}

int parcint_scale_pop(parcint_worker *w, parc_frame *f)
{
    struct parcint_hot *h = &w->hot;
    if (h->head == w->slots || h->head[-1] != (parc_frame *)((uintptr_t)f | SCALE_TAG))
        parcint_misuse("parc_pop", "frame %p is not the innermost pending "
                       "fork of this thread (joined twice, out of order, or "
                       "never forked)", (void *)f);
    h->head--;
    uint64_t at_fork = fork_path[h->head - w->slots];
    strand(now());
    struct scale_ctx child = {0, 0, now()}, *parent = cur;
    cur = &child;
    f->fn(f);
    strand(now());
    cur = parent;
    cur->work += child.work;
    if (at_fork + child.path > cur->path)
        cur->path = at_fork + child.path;
    cur->t0 = now();
    return 0;
}

/* The top level of worker 0: where regions may begin and end. */
static int at_top(void)
{
    return enabled && cur == &root;
}

void parc_scale_begin(void)
{
    if (!at_top())
        return;
    root.work = root.path = 0;
    forks = 0;
    region_ended = 0;
    root.t0 = now();
}

void parc_scale_end(void)
{
    if (!at_top())
        return;
    strand(now());
    region = root;
    region_forks = forks;
    region_ended = 1;
}

void parcint_scale_report(void)
{
    if (!enabled || !cur)
        return;
    strand(now());
    struct scale_ctx r = region_ended ? region : root;
    double work = r.work / 1e6, span = r.path / 1e6;
    fprintf(stderr,
            "parc scale: work %.3f ms, span %.3f ms, parallelism %.1f "
            "(%llu forks%s)\n",
            work, span, span > 0 ? work / span : 0.0,
            (unsigned long long)(region_ended ? region_forks : forks),
            region_ended ? ", region" : "");
}
