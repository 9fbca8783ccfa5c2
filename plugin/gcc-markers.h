/* gcc-markers.h: the calls the pragmas leave in a function body until the
 * lowering replaces them (gcc-glue.cc's head comment has their shape).  The
 * lowest layer of the GCC side: the glue, the loop splitter and the lowering
 * all use it, and it uses none of them.  Needs gcc-compat.h first. */
#ifndef plugin_gcc_markers_h
#define plugin_gcc_markers_h

/* __parc_fork (varargs) or __parc_join (), made on first use. */
tree parc_marker_decl (bool fork);

/* Whether the unit has seen a parc pragma yet. */
bool parc_markers_used (void);

/* The marker a GENERIC statement or a GIMPLE statement is: 1 fork, 2 join,
 * 0 none. */
int parc_generic_marker_kind (tree t);
int parc_gimple_marker_kind (gimple *g);

/* The forked call of fork marker M: the first call after it in its block,
 * the compiler's internal calls and sanitizer instrumentation aside (UBSan
 * puts checks of the arguments there); NULL if another marker or the block's
 * end comes first. */
gcall *parc_forked_call (gimple *m);

/* The destination of the forked call CALL: its lhs when that is memory, or,
 * for a register result the gimplifier stores through a temporary
 * (_1 = f (x); *tmp_3 = _1;), the store's lhs, with *STORE set to that
 * store.  False when the result goes anywhere else. */
bool parc_fork_destination (gcall *call, tree *dest, gimple **store);

/* Editing a function in SSA form (cfun): removes G with its definitions,
 * and, after edits, renames virtual operands and rebuilds call edges. */
void parc_remove_stmt (gimple *g);
void parc_update_function (void);

/* A call the compiler added to check the program (sanitizers): internal, a
 * sanitizer's builtin, or the object size it checks against. */
bool parc_instrumentation_p (gimple *g);

/* Whether an operand of G mentions the tree V (types are not looked into). */
bool parc_stmt_mentions (gimple *g, tree v);

/* The next fork site number of the unit (sites count from 1). */
int parc_new_fork_site (void);

/* A fork marker statement for a half of a split loop (a new site, no writes
 * clause), and whether SITE is one: such a half writes what the original
 * loop's forks write, whose clauses are checked in the leaves. */
tree parc_new_fork_marker (location_t loc);
bool parc_is_split_site (int site);

/* The range functions of split loops (gcc-loops.cc registers them): their
 * sequential clones run the whole range as one loop (gcc-lower.cc). */
void parc_register_range_function (tree fndecl);
bool parc_is_range_function (tree fndecl);

/* The GC roots of the marker declarations (PLUGIN_REGISTER_GGC_ROOTS). */
extern const struct ggc_root_tab parc_marker_roots[];

#endif /* plugin_gcc_markers_h */
