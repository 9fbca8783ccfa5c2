/* gcc-markers.cc: the marker calls of #pragma parc fork / join
 * (gcc-markers.h). */
#include "gcc-compat.h"

#include "tree-into-ssa.h"

#include <string.h>

#include "gcc-markers.h"

/* Made on first use in a unit; GC roots, since trees live in GCC's heap. */
static GTY (()) tree fork_decl;
static GTY (()) tree join_decl;
static int next_site;
static hash_set<int_hash<int, 0, -1>> *split_sites;
/* Declarations stay reachable from the call graph: no GC root needed. */
static hash_set<tree> *range_functions;

const struct ggc_root_tab parc_marker_roots[] = {
  { &fork_decl, 1, sizeof (fork_decl), &gt_ggc_mx_tree_node, &gt_pch_nx_tree_node },
  { &join_decl, 1, sizeof (join_decl), &gt_ggc_mx_tree_node, &gt_pch_nx_tree_node },
  LAST_GGC_ROOT_TAB
};

tree
parc_marker_decl (bool fork)
{
  tree *slot = fork ? &fork_decl : &join_decl;
  if (!*slot)
    {
      tree type = fork
	? build_varargs_function_type_list (void_type_node, integer_type_node,
					    NULL_TREE)
	: build_function_type_list (void_type_node, NULL_TREE);
      /* build_fn_decl: external, public, artificial, nothrow.  Nothing
	 defines them, so a marker left behind fails the link. */
      *slot = build_fn_decl (fork ? "__parc_fork" : "__parc_join", type);
    }
  return *slot;
}

bool
parc_markers_used (void)
{
  return fork_decl || join_decl;
}

static int
kind_of (tree fn)
{
  if (!fn)
    return 0;
  return fork_decl && fn == fork_decl ? 1 : join_decl && fn == join_decl ? 2 : 0;
}

int
parc_generic_marker_kind (tree t)
{
  if (!t || TREE_CODE (t) != CALL_EXPR)
    return 0;
  return kind_of (get_callee_fndecl (t));
}

int
parc_gimple_marker_kind (gimple *g)
{
  if (!g || !is_gimple_call (g))
    return 0;
  return kind_of (gimple_call_fndecl (g));
}

/* Instrumentation: an internal call, or a call of a sanitizer's builtin. */
bool
parc_instrumentation_p (gimple *g)
{
  if (gimple_call_internal_p (g))
    return true;
  tree fn = gimple_call_fndecl (g);
  if (!fn || !fndecl_built_in_p (fn) || !DECL_NAME (fn))
    return false;
  /* -fsanitize=object-size computes the destination's size to check it. */
  if (fndecl_built_in_p (fn, BUILT_IN_OBJECT_SIZE)
      || fndecl_built_in_p (fn, BUILT_IN_DYNAMIC_OBJECT_SIZE))
    return true;
  const char *name = IDENTIFIER_POINTER (DECL_NAME (fn));
  static const char *const prefixes[] = {
    "__builtin___ubsan_", "__builtin___asan_", "__builtin___tsan_",
    "__builtin___sanitizer_", "__builtin___hwasan_"
  };
  for (const char *p : prefixes)
    if (strncmp (name, p, strlen (p)) == 0)
      return true;
  return false;
}

gcall *
parc_forked_call (gimple *m)
{
  gimple_stmt_iterator gsi = gsi_for_stmt (m);
  for (gsi_next (&gsi); !gsi_end_p (gsi); gsi_next (&gsi))
    {
      gimple *g = gsi_stmt (gsi);
      if (!is_gimple_call (g) || parc_instrumentation_p (g))
	continue;
      return parc_gimple_marker_kind (g) ? NULL : as_a<gcall *> (g);
    }
  return NULL;
}

bool
parc_fork_destination (gcall *call, tree *dest, gimple **store)
{
  tree lhs = gimple_call_lhs (call);
  *dest = lhs;
  *store = NULL;
  if (!lhs || TREE_CODE (lhs) != SSA_NAME)
    return true;
  /* (Not always in the call's block: -fsanitize=undefined may check the
     destination's pointer between them.) */
  use_operand_p use;
  gimple *u;
  if (!single_imm_use (lhs, &use, &u) || !gimple_assign_single_p (u)
      || gimple_assign_rhs1 (u) != lhs || gimple_has_volatile_ops (u))
    return false;
  *store = u;
  *dest = gimple_assign_lhs (u);
  return true;
}

void
parc_remove_stmt (gimple *g)
{
  gimple_stmt_iterator gsi = gsi_for_stmt (g);
  unlink_stmt_vdef (g);
  gsi_remove (&gsi, true);
  release_defs (g);
}

void
parc_update_function (void)
{
  mark_virtual_operands_for_renaming (cfun);
  update_ssa (TODO_update_ssa_only_virtuals);
  cgraph_edge::rebuild_edges ();
}

int
parc_new_fork_site (void)
{
  return ++next_site;
}

tree
parc_new_fork_marker (location_t loc)
{
  if (!split_sites)
    split_sites = new hash_set<int_hash<int, 0, -1>>;
  int site = parc_new_fork_site ();
  split_sites->add (site);
  tree call = build_call_expr_loc (loc, parc_marker_decl (true), 2,
				   build_int_cst (integer_type_node, site),
				   build_int_cst (integer_type_node, 0));
  SET_EXPR_LOCATION (call, loc);
  return call;
}

void
parc_register_range_function (tree fndecl)
{
  if (!range_functions)
    range_functions = new hash_set<tree>;
  range_functions->add (fndecl);
}

bool
parc_is_range_function (tree fndecl)
{
  return range_functions && range_functions->contains (fndecl);
}

bool
parc_is_split_site (int site)
{
  return split_sites && split_sites->contains (site);
}

static tree
mentions_r (tree *tp, int *walk_subtrees, void *data)
{
  if (*tp == (tree) data)
    return *tp;
  if (TYPE_P (*tp))
    *walk_subtrees = 0;
  return NULL_TREE;
}

bool
parc_stmt_mentions (gimple *g, tree v)
{
  for (unsigned i = 0; i < gimple_num_ops (g); i++)
    if (gimple_op (g, i)
	&& walk_tree_without_duplicates (gimple_op_ptr (g, i), mentions_r, v))
      return true;
  return false;
}
