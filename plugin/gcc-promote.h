/* gcc-promote.h: promotion inside the sequential clones of split loops
 * (gcc-promote.cc, docs/deparallelization.md).  Needs gcc-compat.h. */
#ifndef plugin_gcc_promote_h
#define plugin_gcc_promote_h

extern const struct ggc_root_tab parc_promote_roots[];

/* At PLUGIN_PRE_GENERICIZE of the range function FN of a split loop
 * (gcc-loops.cc), whose index type is CT and whose parameters after lo, hi
 * and grain are its captures: builds, unless -fplugin-arg-parc-no-heartbeat
 * or parc.h lacks the helpers, the thunk that runs a promoted part of its
 * range, FN.parc_promote (parc_frame *), as GENERIC, and returns it for the
 * caller to genericize; NULL_TREE otherwise. */
tree parc_promote_build_thunk (tree fn, tree ct, location_t loc);

/* A new artificial local NAME of TYPE in FN, chained onto *VARS (the
 * function's block variables the caller binds); gcc-loops.cc's range
 * functions use it too. */
tree parc_new_local (tree fn, tree type, const char *name, tree *vars);
/* FN's GENERIC body: STMTS in one BIND_EXPR whose block holds VARS. */
void parc_set_body (tree fn, tree vars, tree stmts);

/* CLONE is the sequential clone of the range function ORIGINAL: promotions
 * of its copies are found under either name. */
void parc_promote_alias (tree clone, tree original);

/* On cfun, the sequential clone of the range function ORIGINAL or a copy of
 * it whose sum is fused (SUM: the array parameter's value, ELEM its
 * elements' type; NULL_TREE for none): makes a copy of it, CLONE.parc_rec,
 * whose leaf loop gets a record, a poll at entry and a join of its promoted
 * parts at exit (parc.h's parcint_lenter, parcint_lleave), and has cfun call
 * the copy instead of running its loop while parcint_lwant says so.
 * Returns whether it did; the caller then renames (parc_update_function). */
bool parc_promote_clone (tree original, tree sum, tree elem);

/* After the lowering: the thunks and helpers no clone used may go. */
void parc_promote_release (void);

#endif /* plugin_gcc_promote_h */
