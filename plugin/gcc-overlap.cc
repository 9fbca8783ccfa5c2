/* gcc-overlap.cc: the seed's identities that push pruning down and pull
 * parallel combinators up (docs/deparallelization.md, identity 3), in C:
 *   (3a) join sinking: a join moves down past the statements after it that
 *        cannot observe the pending forks, up to the first that could (the
 *        first use of a pending result, a store, a call with effects, the
 *        block's end);
 *   (3b) fork hoisting: a fork moves up past the statements before it that
 *        it does not depend on and that cannot observe it; the statements
 *        that compute its arguments stay before it.
 * Either way the forked calls overlap more of the parent's work.
 *
 * "Cannot observe" is proved the simple way, without alias analysis: the
 * statement reads and writes no memory at all (registers only), or calls a
 * function the analysis found pure and safe with scalar arguments only (it
 * reads no mutable memory, writes none, and returns); it cannot trap or
 * throw, and is no volatile access, asm or marker.  Such a statement
 * commutes with any forked call, which is contained: it neither sees nor
 * changes what the call reads or writes, and the call cannot see it.
 * Moves stay inside one basic block, so never cross a loop boundary, a
 * label, a branch or a return.
 *
 * Before/after (the numbers are the steps in the code):
 *
 *     k_3 = n_1 * n_1;                 (3b)  _4 = n_1 + -1;   tmp_5 = &a;
 *     _4 = n_1 + -1;                         __parc_fork (2, 0);
 *     tmp_5 = &a;                            _6 = fib (_4);   *tmp_5 = _6;
 *     __parc_fork (2, 0);                    k_3 = n_1 * n_1;
 *     _6 = fib (_4);
 *     *tmp_5 = _6;
 *     __parc_join ();                  (3a)  m_7 = k_3 + 1;
 *     m_7 = k_3 + 1;                         s_8 = sq (m_7);
 *     s_8 = sq (m_7);                        __parc_join ();
 *     a.1_9 = a;                             a.1_9 = a;
 */
#include "gcc-compat.h"

#include "dumpfile.h"
#include "tree-eh.h"

#include "gcc-deparallel.h"
#include "gcc-markers.h"
#include "gcc-options.h"
#include "gcc-overlap.h"

/* Whether G commutes with every forked call (the head comment). */
static bool
independent_p (gimple *g, const parc_deparallel_hooks *h)
{
  if (gimple_has_volatile_ops (g) || gimple_could_trap_p (g)
      || stmt_could_throw_p (cfun, g))
    return false;
  if (is_gimple_assign (g))
    return !gimple_vuse (g) && TREE_CODE (gimple_assign_lhs (g)) == SSA_NAME;
  if (!is_gimple_call (g) || gimple_call_internal_p (g)
      || parc_gimple_marker_kind (g))
    return false;
  tree fn = gimple_call_fndecl (g);
  if (!fn || !h->pure (fn) || !h->safe (fn))
    return false;
  tree lhs = gimple_call_lhs (g);
  if (lhs && TREE_CODE (lhs) != SSA_NAME)
    return false;
  /* A pure function reads through its pointer arguments, maybe what a
     forked call writes. */
  for (unsigned i = 0; i < gimple_call_num_args (g); i++)
    {
      tree type = TREE_TYPE (gimple_call_arg (g, i));
      if (POINTER_TYPE_P (type) || !is_gimple_reg_type (type))
	return false;
    }
  return true;
}

/* Whether independent statement G is work worth overlapping: not a copy,
   a constant or an address (the gimplifier's temporaries), and not dead. */
static bool
work_p (gimple *g)
{
  tree lhs = gimple_get_lhs (g);
  if (lhs && TREE_CODE (lhs) == SSA_NAME && has_zero_uses (lhs))
    return false;
  if (!gimple_assign_single_p (g))
    return true;
  tree rhs = gimple_assign_rhs1 (g);
  return !(TREE_CODE (rhs) == SSA_NAME || TREE_CODE (rhs) == ADDR_EXPR
	   || is_gimple_min_invariant (rhs));
}

static int
line_of (location_t loc)
{
  return loc == UNKNOWN_LOCATION ? 0 : LOCATION_LINE (loc);
}

/* A fork site: its marker, its call, and the store of the call's result. */
struct fork_group
{
  gimple *marker;
  gcall *call;
  gimple *store;	/* or NULL */
};

/* The statement after G in its block, debug statements aside, or NULL. */
static gimple *
next_nondebug (gimple *g)
{
  gimple_stmt_iterator gsi = gsi_for_stmt (g);
  gsi_next_nondebug (&gsi);
  return gsi_end_p (gsi) ? NULL : gsi_stmt (gsi);
}

/* The group of fork marker M when it is whole in one block with nothing
   between its statements (no sanitizer check: those stay where they are). */
static bool
find_group (gimple *m, fork_group &fg)
{
  fg.marker = m;
  fg.call = parc_forked_call (m);
  tree dest;
  if (!fg.call || next_nondebug (m) != fg.call
      || !parc_fork_destination (fg.call, &dest, &fg.store))
    return false;
  return !fg.store || next_nondebug (fg.call) == fg.store;
}

static void
add_uses (gimple *g, hash_set<tree> &names)
{
  ssa_op_iter it;
  tree t;
  FOR_EACH_SSA_TREE_OPERAND (t, g, it, SSA_OP_USE)
    names.add (t);
}

static bool
defines_any (gimple *g, hash_set<tree> &names)
{
  ssa_op_iter it;
  tree t;
  FOR_EACH_SSA_TREE_OPERAND (t, g, it, SSA_OP_DEF)
    if (names.contains (t))
      return true;
  return false;
}

/* A debug bind that names a moved definition before its new place loses
   its value (the debugger shows it optimized out there). */
static void
reset_early_debug_uses (basic_block bb, const vec<gimple *> &moved)
{
  hash_set<tree> defs, seen;
  for (gimple *g : moved)
    if (gimple_get_lhs (g) && TREE_CODE (gimple_get_lhs (g)) == SSA_NAME)
      defs.add (gimple_get_lhs (g));
  for (gimple_stmt_iterator gsi = gsi_start_bb (bb); !gsi_end_p (gsi);
       gsi_next (&gsi))
    {
      gimple *g = gsi_stmt (gsi);
      ssa_op_iter it;
      tree t;
      if (gimple_debug_bind_p (g) && gimple_debug_bind_has_value_p (g))
	FOR_EACH_SSA_TREE_OPERAND (t, g, it, SSA_OP_USE)
	  if (defs.contains (t) && !seen.contains (t))
	    {
	      gimple_debug_bind_reset_value (g);
	      update_stmt (g);
	      break;
	    }
      FOR_EACH_SSA_TREE_OPERAND (t, g, it, SSA_OP_DEF)
	seen.add (t);
    }
}

/* Step 3b: moves the statements before FG's marker that it does not need
   and that are independent to right after its last statement.  Walking up
   from the marker, a statement that defines what the group (or a statement
   kept for it) uses is kept; an independent one moves; anything else, or
   another fork's statement, ends the walk.  Returns the line of the
   topmost statement moved, or 0 when none moved. */
static int
hoist_fork (const fork_group &fg, hash_set<gimple *> &grouped,
	    const parc_deparallel_hooks *h)
{
  hash_set<tree> needed;
  add_uses (fg.marker, needed);
  add_uses (fg.call, needed);
  if (fg.store)
    add_uses (fg.store, needed);
  auto_vec<gimple *> moving;	/* nearest the marker first */
  gimple_stmt_iterator gsi = gsi_for_stmt (fg.marker);
  for (gsi_prev (&gsi); !gsi_end_p (gsi); gsi_prev (&gsi))
    {
      gimple *g = gsi_stmt (gsi);
      if (is_gimple_debug (g))
	continue;
      if (grouped.contains (g) || parc_gimple_marker_kind (g)
	  || gimple_code (g) == GIMPLE_LABEL)
	break;
      if (defines_any (g, needed))
	{
	  /* Kept above; the independent statements that move past it
	     neither read nor write memory it could touch. */
	  add_uses (g, needed);
	  continue;
	}
      if (!independent_p (g, h))
	break;
      moving.safe_push (g);
    }
  /* Only what comes up to the topmost work moves. */
  while (!moving.is_empty () && !work_p (moving.last ()))
    moving.pop ();
  if (moving.is_empty ())
    return 0;
  gimple *last = fg.store ? fg.store : fg.call;
  /* Each goes right after the group, the nearest first, so the moved
     statements keep their order. */
  for (gimple *g : moving)
    {
      gimple_stmt_iterator from = gsi_for_stmt (g), to = gsi_for_stmt (last);
      gsi_move_after (&from, &to);
    }
  reset_early_debug_uses (gimple_bb (fg.marker), moving);
  int line = line_of (gimple_location (moving.last ()));
  return line ? line : line_of (gimple_location (fg.marker));
}

/* The fork sites that may be pending at join J: the fork markers met on
   the way back from J to the function's entry or to another join. */
static void
pending_sites (gimple *j, auto_vec<int> &sites)
{
  auto_vec<basic_block> work;
  hash_set<basic_block> done;
  /* Walks back from G (exclusive) or from the block's end; false when a
     join stops the walk. */
  auto scan = [&] (basic_block bb, gimple *from) {
    gimple_stmt_iterator gsi = from ? gsi_for_stmt (from) : gsi_last_bb (bb);
    if (from)
      gsi_prev (&gsi);
    for (; !gsi_end_p (gsi); gsi_prev (&gsi))
      switch (parc_gimple_marker_kind (gsi_stmt (gsi)))
	{
	case 2:
	  return false;
	case 1:
	  {
	    int site = tree_to_shwi (gimple_call_arg (gsi_stmt (gsi), 0));
	    if (!sites.contains (site))
	      sites.safe_push (site);
	  }
	}
    return true;
  };
  auto preds = [&] (basic_block bb) {
    edge e;
    edge_iterator ei;
    FOR_EACH_EDGE (e, ei, bb->preds)
      if (e->src != ENTRY_BLOCK_PTR_FOR_FN (cfun) && !done.add (e->src))
	work.safe_push (e->src);
  };
  if (scan (gimple_bb (j), j))
    preds (gimple_bb (j));
  while (!work.is_empty ())
    {
      basic_block bb = work.pop ();
      if (scan (bb, NULL))
	preds (bb);
    }
  sites.qsort ([] (const void *a, const void *b) {
    return *(const int *) a - *(const int *) b;
  });
}

/* Step 3a: moves join J down past the independent statements after it, up
   to the last that is work.  Returns that statement's line, or 0. */
static int
sink_join (gimple *j, const parc_deparallel_hooks *h)
{
  gimple *last = NULL;
  gimple_stmt_iterator gsi = gsi_for_stmt (j);
  for (gsi_next (&gsi); !gsi_end_p (gsi); gsi_next (&gsi))
    {
      gimple *g = gsi_stmt (gsi);
      if (is_gimple_debug (g))
	continue;
      if (!independent_p (g, h))
	break;
      if (work_p (g))
	last = g;
    }
  if (!last)
    return 0;
  gimple_stmt_iterator from = gsi_for_stmt (j), to = gsi_for_stmt (last);
  gsi_move_after (&from, &to);
  int line = line_of (gimple_location (last));
  return line ? line : line_of (gimple_location (j));
}

bool
parc_overlap_function (const parc_deparallel_hooks *h)
{
  auto_vec<gimple *> forks, joins;
  basic_block bb;
  FOR_EACH_BB_FN (bb, cfun)
    for (gimple_stmt_iterator gsi = gsi_start_bb (bb); !gsi_end_p (gsi);
	 gsi_next (&gsi))
      switch (parc_gimple_marker_kind (gsi_stmt (gsi)))
	{
	case 1: forks.safe_push (gsi_stmt (gsi)); break;
	case 2: joins.safe_push (gsi_stmt (gsi)); break;
	}
  auto_vec<fork_group> groups;
  hash_set<gimple *> grouped;
  for (gimple *m : forks)
    {
      fork_group fg;
      if (!find_group (m, fg))
	{
	  /* Not movable, but no statement of it may move away either. */
	  grouped.add (m);
	  if (fg.call)
	    grouped.add (fg.call);
	  continue;
	}
      groups.safe_push (fg);
      grouped.add (fg.marker);
      grouped.add (fg.call);
      if (fg.store)
	grouped.add (fg.store);
    }
  bool moved = false;
  for (const fork_group &fg : groups)
    if (int line = hoist_fork (fg, grouped, h))
      {
	int site = tree_to_shwi (gimple_call_arg (fg.marker, 0));
	if (dump_file)
	  fprintf (dump_file, "parc: fork site %d: hoisted above line %d\n",
		   site, line);
	if (parc_report)
	  inform (gimple_location (fg.marker), "fork of %qD: hoisted above "
		  "line %d, past statements that cannot observe it",
		  gimple_call_fndecl (fg.call), line);
	moved = true;
      }
  for (gimple *j : joins)
    {
      auto_vec<int> sites;
      pending_sites (j, sites);
      if (sites.is_empty ())
	continue;
      int line = sink_join (j, h);
      if (!line)
	continue;
      pretty_printer pp;
      for (unsigned i = 0; i < sites.length (); i++)
	pp_printf (&pp, "%s%d", i ? ", " : "", sites[i]);
      const char *list = pp_formatted_text (&pp);
      const char *s = sites.length () > 1 ? "s" : "";
      if (dump_file)
	fprintf (dump_file, "parc: join of fork site%s %s moved after line "
		 "%d\n", s, list, line);
      if (parc_report)
	inform (gimple_location (j), "join of fork site%s %s: moved after "
		"line %d, past statements that cannot observe the pending "
		"forks", s, list, line);
      moved = true;
    }
  return moved;
}
