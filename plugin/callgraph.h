/* callgraph.h: the translation unit's functions, their calls, and the
 * contained/pure verdict of each, propagated to a fixpoint.
 *
 * Part of the plugin's analysis core (plain C, no compiler header).  A glue
 * adds one node per function it sees: functions with a body (their effects
 * and calls filled in from the body), and functions without one, whose level
 * comes from the library table (libtable.h), from a parc mark on their
 * declaration (trusted), or is "not contained" (unknown code).
 *
 * Solving: every node with a body starts optimistic (pure, writes through no
 * parameter) and only rises; a node's level is the maximum of its effects and
 * of each call's level, where a call costs the callee's level plus what the
 * callee's writes through its pointer parameters mean for the caller (a write
 * into the caller's local or own memory costs nothing, one into the caller's
 * parameter makes the caller write through that parameter, one through a
 * pointer the caller loaded from memory is not contained).  Iterating until
 * nothing changes gives the least fixpoint, so recursion and mutual recursion
 * (any strongly connected component) come out as pure or contained when
 * nothing else in the cycle is worse.
 *
 * Each rise records its reason (an effect, or a call), so every verdict can be
 * explained as a chain that ends in an effect: parc_graph_explain.
 */
#ifndef plugin_callgraph_h
#define plugin_callgraph_h

#include <stddef.h>
#include <stdint.h>

#include "effects.h"

/* Where a pointer argument (or a stored-through pointer) comes from, in the
 * caller; ordered from harmless to worst. */
enum parc_origin_kind {
    PARC_ORIGIN_NONE = 0,  /* not a pointer, or nothing written through it */
    PARC_ORIGIN_LOCAL,     /* the address of the caller's own local */
    PARC_ORIGIN_OWN,       /* memory the caller allocated */
    PARC_ORIGIN_PARAM,     /* derived from the caller's parameters (params) */
    PARC_ORIGIN_LOADED,    /* loaded from memory */
    PARC_ORIGIN_UNKNOWN    /* anything else (returned by a call, an integer) */
};

struct parc_origin {
    enum parc_origin_kind kind;
    uint64_t params;       /* PARC_ORIGIN_PARAM: bit i = parameter i */
};

#define PARC_MARK_PURE 1u
#define PARC_MARK_CONTAINED 2u

struct parc_call {
    size_t callee;               /* node index */
    unsigned long loc;
    struct parc_origin *args;    /* one per argument (owned) */
    size_t nargs;
    int fork;                    /* a forked call (#pragma parc fork) */
};

/* Why a node rose to a level: one of its effects, or one of its calls (the
 * callee's level, or the callee writing through argument arg). */
enum parc_why { PARC_WHY_NONE, PARC_WHY_EFFECT, PARC_WHY_CALL, PARC_WHY_ARG };

struct parc_reason {
    enum parc_why kind;
    size_t index;                /* effect or call index */
    size_t arg;                  /* PARC_WHY_ARG: the argument */
};

struct parc_fn {
    char *name;                  /* owned copy */
    unsigned long loc;
    unsigned marks;              /* PARC_MARK_* */
    int has_body;
    void *user;                  /* the glue's handle (GCC: the decl) */
    char **param_names;          /* owned, nparams entries, may hold NULL */
    size_t nparams;

    struct parc_effect *effects; /* owned array */
    size_t neffects, effects_cap;
    struct parc_call *calls;     /* owned array */
    size_t ncalls, calls_cap;

    /* Results of parc_graph_solve (for nodes without a body: what the glue
     * set with parc_fn_assume). */
    /* Set by the glue: something in this function itself may keep it from
     * returning (a loop, a call that does not return: exit, abort, longjmp),
     * or, for a node without a body, nothing says it returns. */
    int may_not_return;
    /* Result of parc_graph_solve: it returns, whatever the arguments: it
     * may not be skipped otherwise (docs/deparallelization.md, "safe"). */
    int safe;
    enum parc_level level;
    /* The level without the writes through its own pointer parameters: a
     * caller that passes its own locals there does not inherit them. */
    enum parc_level base;
    uint64_t writes;             /* bit i: writes through pointer parameter i */
    struct parc_reason not_pure, not_contained;
};

struct parc_graph {
    struct parc_fn *fns;
    size_t n, cap;
};

void parc_graph_init(struct parc_graph *g);
void parc_graph_free(struct parc_graph *g);

/* Adds a node and returns its index (the name is copied); (size_t)-1 when out
 * of memory, which the glue treats as "give up quietly". */
size_t parc_graph_add(struct parc_graph *g, const char *name, unsigned long loc,
                      int has_body, void *user);

/* Records parameter i's name (copied) for messages. */
void parc_fn_set_param(struct parc_graph *g, size_t fn, size_t i, const char *name);

/* Appends an effect (name and reason strings are copied: name is kept). */
int parc_fn_add_effect(struct parc_graph *g, size_t fn, const struct parc_effect *e);

/* Appends a call with nargs argument origins (copied); returns the call's
 * index, or (size_t)-1. */
size_t parc_fn_add_call(struct parc_graph *g, size_t fn, size_t callee,
                        unsigned long loc, const struct parc_origin *args,
                        size_t nargs, int fork);

/* For a node without a body: its level and the parameters it writes through,
 * with the effect that explains it (copied; may be NULL for a pure one). */
void parc_fn_assume(struct parc_graph *g, size_t fn, enum parc_level level,
                    uint64_t writes, const struct parc_effect *why);
/* After parc_fn_assume: the level without its writes through pointer
 * parameters (memcpy's is pure: it is contained only for writing arg 0). */
void parc_fn_assume_base(struct parc_graph *g, size_t fn,
                         enum parc_level base);

/* Solves the graph to its least fixpoint. */
void parc_graph_solve(struct parc_graph *g);

/* The level of one call in the context of its caller (after solving): the
 * callee's base level raised by what its writes through arguments mean
 * here (into the caller's own memory: nothing; through the caller's
 * parameters: contained; elsewhere: not contained).
 * *why gets PARC_WHY_CALL or PARC_WHY_ARG (with the argument); *writes, when
 * not NULL, gets the caller's parameters the call writes through. */
enum parc_level parc_call_level(const struct parc_graph *g,
                                const struct parc_call *c,
                                struct parc_reason *why, uint64_t *writes);

/* The same without what the call writes through the caller's parameters:
 * the call's share of the caller's base level. */
enum parc_level parc_call_base_level(const struct parc_graph *g,
                                     const struct parc_call *c);

/* One step of an explanation. */
struct parc_hop {
    size_t fn;                   /* the function this step is about */
    unsigned long loc;           /* where it does it */
    int is_call;                 /* 1: it calls hop+1's function here */
    const struct parc_effect *effect; /* !is_call: the effect, or NULL for arg */
    size_t arg;                  /* !is_call && !effect: the argument index
                                    whose pointer the callee writes through */
    size_t callee;               /* !is_call && !effect: that callee */
    enum parc_origin_kind origin; /* !is_call && !effect: where the pointer
                                     comes from */
};

/* Explains why fn is not pure (at = PARC_LEVEL_CONTAINED) or not contained
 * (at = PARC_LEVEL_NONE): fills up to max hops, from fn to the effect that
 * causes it, and returns their number (0 when fn is not that bad). */
size_t parc_graph_explain(const struct parc_graph *g, size_t fn,
                          enum parc_level at, struct parc_hop *hops, size_t max);

/* The sentence of a whole chain: "'run' is not contained: it calls 'step',
 * which writes global 'log_level'".  Returns buf. */
char *parc_graph_sentence(const struct parc_graph *g, const struct parc_hop *hops,
                          size_t n, enum parc_level at, char *buf, size_t size);

#endif /* plugin_callgraph_h */
