/* callgraph.c: the fixpoint over the call graph and its explanations.
 * See callgraph.h for the model and docs/language.md for the rules. */
#include "callgraph.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *dup_str(const char *s)
{
    if (!s)
        return NULL;
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d)
        memcpy(d, s, n);
    return d;
}

/* Grows *arr (of *cap elements of size sz) to hold n + 1; 0 on failure. */
static int reserve(void **arr, size_t *cap, size_t n, size_t sz)
{
    if (n < *cap)
        return 1;
    size_t c = *cap ? *cap * 2 : 8;
    void *p = realloc(*arr, c * sz);
    if (!p)
        return 0;
    *arr = p;
    *cap = c;
    return 1;
}

void parc_graph_init(struct parc_graph *g)
{
    g->fns = NULL;
    g->n = g->cap = 0;
}

void parc_graph_free(struct parc_graph *g)
{
    for (size_t i = 0; i < g->n; i++) {
        struct parc_fn *f = &g->fns[i];
        free(f->name);
        for (size_t j = 0; j < f->nparams; j++)
            free(f->param_names[j]);
        free(f->param_names);
        for (size_t j = 0; j < f->neffects; j++) {
            free((char *)f->effects[j].name);
            free((char *)f->effects[j].reason);
        }
        free(f->effects);
        for (size_t j = 0; j < f->ncalls; j++)
            free(f->calls[j].args);
        free(f->calls);
    }
    free(g->fns);
    parc_graph_init(g);
}

size_t parc_graph_add(struct parc_graph *g, const char *name, unsigned long loc,
                      int has_body, void *user)
{
    if (!reserve((void **)&g->fns, &g->cap, g->n, sizeof *g->fns))
        return (size_t)-1;
    struct parc_fn *f = &g->fns[g->n];
    memset(f, 0, sizeof *f);
    f->name = dup_str(name ? name : "?");
    f->loc = loc;
    f->has_body = has_body;
    f->user = user;
    f->level = PARC_LEVEL_PURE;
    return g->n++;
}

void parc_fn_set_param(struct parc_graph *g, size_t fn, size_t i, const char *name)
{
    struct parc_fn *f = &g->fns[fn];
    if (i >= f->nparams) {
        char **p = realloc(f->param_names, (i + 1) * sizeof *p);
        if (!p)
            return;
        for (size_t j = f->nparams; j <= i; j++)
            p[j] = NULL;
        f->param_names = p;
        f->nparams = i + 1;
    }
    free(f->param_names[i]);
    f->param_names[i] = dup_str(name);
}

int parc_fn_add_effect(struct parc_graph *g, size_t fn, const struct parc_effect *e)
{
    struct parc_fn *f = &g->fns[fn];
    if (!reserve((void **)&f->effects, &f->effects_cap, f->neffects,
                 sizeof *f->effects))
        return 0;
    struct parc_effect *d = &f->effects[f->neffects++];
    *d = *e;
    d->name = dup_str(e->name);
    d->reason = dup_str(e->reason);
    return 1;
}

size_t parc_fn_add_call(struct parc_graph *g, size_t fn, size_t callee,
                        unsigned long loc, const struct parc_origin *args,
                        size_t nargs, int fork)
{
    struct parc_fn *f = &g->fns[fn];
    if (!reserve((void **)&f->calls, &f->calls_cap, f->ncalls, sizeof *f->calls))
        return (size_t)-1;
    struct parc_origin *copy = NULL;
    if (nargs) {
        copy = malloc(nargs * sizeof *copy);
        if (!copy)
            return (size_t)-1;
        memcpy(copy, args, nargs * sizeof *copy);
    }
    struct parc_call *c = &f->calls[f->ncalls];
    c->callee = callee;
    c->loc = loc;
    c->args = copy;
    c->nargs = nargs;
    c->fork = fork;
    return f->ncalls++;
}

void parc_fn_assume(struct parc_graph *g, size_t fn, enum parc_level level,
                    uint64_t writes, const struct parc_effect *why)
{
    struct parc_fn *f = &g->fns[fn];
    f->level = level;
    f->base = level;
    f->writes = writes;
    f->not_pure.kind = f->not_contained.kind = PARC_WHY_NONE;
    if (why && parc_fn_add_effect(g, fn, why)) {
        struct parc_reason r = { PARC_WHY_EFFECT, f->neffects - 1, 0 };
        if (level >= PARC_LEVEL_CONTAINED)
            f->not_pure = r;
        if (level >= PARC_LEVEL_NONE)
            f->not_contained = r;
    }
}

enum parc_level parc_call_level(const struct parc_graph *g,
                                const struct parc_call *c,
                                struct parc_reason *why, uint64_t *writes)
{
    const struct parc_fn *callee = &g->fns[c->callee];
    /* What the callee does besides writing through its pointer parameters,
     * then where those writes land: the caller's own memory, its parameters,
     * or memory it cannot name. */
    enum parc_level level = callee->base;
    uint64_t w = 0;
    if (why) {
        why->kind = PARC_WHY_CALL;
        why->index = 0;
        why->arg = 0;
    }
    for (size_t k = 0; k < c->nargs && k < 64; k++) {
        if (!(callee->writes & ((uint64_t)1 << k)))
            continue;
        enum parc_level l = PARC_LEVEL_PURE;
        switch (c->args[k].kind) {
        case PARC_ORIGIN_NONE:
        case PARC_ORIGIN_LOCAL:
        case PARC_ORIGIN_OWN:
            break;
        case PARC_ORIGIN_PARAM:
            w |= c->args[k].params;
            l = PARC_LEVEL_CONTAINED;
            break;
        case PARC_ORIGIN_LOADED:
        case PARC_ORIGIN_UNKNOWN:
            l = PARC_LEVEL_NONE;
            break;
        }
        if (l > level) {
            level = l;
            if (why) {
                why->kind = PARC_WHY_ARG;
                why->arg = k;
            }
        }
    }
    if (writes)
        *writes = w;
    return level;
}

void parc_fn_assume_base(struct parc_graph *g, size_t fn,
                         enum parc_level base)
{
    g->fns[fn].base = base;
}

enum parc_level parc_call_base_level(const struct parc_graph *g,
                                     const struct parc_call *c)
{
    const struct parc_fn *callee = &g->fns[c->callee];
    enum parc_level level = callee->base;
    for (size_t k = 0; k < c->nargs && k < 64; k++)
        if ((callee->writes & ((uint64_t)1 << k))
            && (c->args[k].kind == PARC_ORIGIN_LOADED
                || c->args[k].kind == PARC_ORIGIN_UNKNOWN))
            level = PARC_LEVEL_NONE;
    return level;
}

/* Raises f to level l for reason r; returns 1 when something changed. */
static int raise_to(struct parc_fn *f, enum parc_level l, struct parc_reason r)
{
    if (l <= f->level)
        return 0;
    if (f->level < PARC_LEVEL_CONTAINED)
        f->not_pure = r;
    if (l >= PARC_LEVEL_NONE)
        f->not_contained = r;
    f->level = l;
    return 1;
}

static void solve_safe(struct parc_graph *g);

void parc_graph_solve(struct parc_graph *g)
{
    for (size_t i = 0; i < g->n; i++) {
        struct parc_fn *f = &g->fns[i];
        if (!f->has_body)
            continue;
        f->level = PARC_LEVEL_PURE;
        f->base = PARC_LEVEL_PURE;
        f->writes = 0;
        f->not_pure.kind = f->not_contained.kind = PARC_WHY_NONE;
    }
    /* Effects first: a local reason is the shortest explanation. */
    for (size_t i = 0; i < g->n; i++) {
        struct parc_fn *f = &g->fns[i];
        if (!f->has_body)
            continue;
        for (size_t j = 0; j < f->neffects; j++) {
            const struct parc_effect *e = &f->effects[j];
            struct parc_reason r = { PARC_WHY_EFFECT, j, 0 };
            if (e->kind == PARC_EFF_WRITE_PARAM)
                f->writes |= e->params;
            else if (parc_effect_level(e) > f->base)
                f->base = parc_effect_level(e);
            raise_to(f, parc_effect_level(e), r);
        }
    }
    /* Then calls, until nothing rises.  Levels and write sets only grow and
     * are bounded, so this ends: at most 3 levels and 64 bits per node. */
    int changed = 1;
    while (changed) {
        changed = 0;
        for (size_t i = 0; i < g->n; i++) {
            struct parc_fn *f = &g->fns[i];
            if (!f->has_body)
                continue;
            for (size_t j = 0; j < f->ncalls; j++) {
                struct parc_reason r;
                uint64_t w;
                enum parc_level l = parc_call_level(g, &f->calls[j], &r, &w);
                enum parc_level b = parc_call_base_level(g, &f->calls[j]);
                if (b > f->base) {
                    f->base = b;
                    changed = 1;
                }
                r.index = j;
                if ((f->writes | w) != f->writes) {
                    f->writes |= w;
                    changed = 1;
                }
                changed |= raise_to(f, l, r);
            }
        }
    }
    solve_safe(g);
}

/* Safe: returns for every argument.  The least fixpoint from "nothing is
 * safe": a function becomes safe once it has no loop or non-returning call
 * of its own and all its callees are safe, so a function in a cycle of
 * calls (recursion) never does, which is the point: recursion is not
 * proved to end. */
static void solve_safe(struct parc_graph *g)
{
    for (size_t i = 0; i < g->n; i++)
        g->fns[i].safe = !g->fns[i].has_body && !g->fns[i].may_not_return;
    int changed = 1;
    while (changed) {
        changed = 0;
        for (size_t i = 0; i < g->n; i++) {
            struct parc_fn *f = &g->fns[i];
            if (f->safe || !f->has_body || f->may_not_return)
                continue;
            int all = 1;
            for (size_t j = 0; j < f->ncalls && all; j++)
                all = g->fns[f->calls[j].callee].safe;
            if (all) {
                f->safe = 1;
                changed = 1;
            }
        }
    }
}

size_t parc_graph_explain(const struct parc_graph *g, size_t fn,
                          enum parc_level at, struct parc_hop *hops, size_t max)
{
    size_t n = 0;
    size_t cur = fn;
    while (n < max && cur < g->n) {
        const struct parc_fn *f = &g->fns[cur];
        if (f->level < at)
            break;
        struct parc_reason r = at >= PARC_LEVEL_NONE ? f->not_contained : f->not_pure;
        struct parc_hop *h = &hops[n];
        memset(h, 0, sizeof *h);
        h->fn = cur;
        if (r.kind == PARC_WHY_EFFECT && r.index < f->neffects) {
            h->effect = &f->effects[r.index];
            h->loc = h->effect->loc;
            n++;
            break;
        }
        if ((r.kind == PARC_WHY_CALL || r.kind == PARC_WHY_ARG) && r.index < f->ncalls) {
            const struct parc_call *c = &f->calls[r.index];
            h->loc = c->loc;
            n++;
            if (r.kind == PARC_WHY_ARG && r.arg < c->nargs) {
                h->arg = r.arg;
                h->callee = c->callee;
                h->origin = c->args[r.arg].kind;
                break;
            }
            h->is_call = 1;
            cur = c->callee;
            continue;
        }
        break; /* no reason recorded: say nothing more */
    }
    return n;
}

/* Appends to buf (of size size, holding a string). */
static void append(char *buf, size_t size, const char *fmt, const char *a,
                   const char *b)
{
    size_t len = strlen(buf);
    if (len + 1 < size)
        snprintf(buf + len, size - len, fmt, a, b);
}

static const char *origin_words(enum parc_origin_kind k)
{
    switch (k) {
    case PARC_ORIGIN_PARAM: return "its parameter";
    case PARC_ORIGIN_LOADED: return "a pointer loaded from memory";
    case PARC_ORIGIN_NONE:
    case PARC_ORIGIN_LOCAL:
    case PARC_ORIGIN_OWN:
    case PARC_ORIGIN_UNKNOWN:
        break;
    }
    return "a pointer of unknown origin";
}

char *parc_graph_sentence(const struct parc_graph *g, const struct parc_hop *hops,
                          size_t n, enum parc_level at, char *buf, size_t size)
{
    char tail[256];
    buf[0] = 0;
    if (n == 0 || size == 0)
        return buf;
    append(buf, size, "'%s' is %s: it ", g->fns[hops[0].fn].name,
           at >= PARC_LEVEL_NONE ? "not contained" : "not pure");
    for (size_t i = 0; i < n; i++) {
        const struct parc_hop *h = &hops[i];
        if (h->is_call) {
            const char *callee = i + 1 < n ? g->fns[hops[i + 1].fn].name : "?";
            append(buf, size, "calls '%s'%s", callee, i + 1 < n ? ", which " : "");
        } else if (h->effect) {
            append(buf, size, "%s%s", parc_effect_describe(h->effect, tail, sizeof tail), "");
        } else {
            snprintf(tail, sizeof tail, "passes %s as argument %zu to '%s', ",
                     origin_words(h->origin), h->arg + 1, g->fns[h->callee].name);
            append(buf, size, "%s%s", tail, "which writes through it");
        }
    }
    return buf;
}
