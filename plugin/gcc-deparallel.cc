/* gcc-deparallel.cc: the seed's identities that remove parallelism which
 * cannot pay (docs/deparallelization.md), applied to the fork markers after
 * the checks and before the lowering.
 *
 * Purpose: two forks need no task at all.
 *   (1) f <x< h <=> f, h pure and safe, x unused: a forked pure call whose
 *       result nobody reads does nothing; it is removed, with a warning (it
 *       is most likely a mistake).  If h is pure but not safe (it may loop
 *       or not return), it stays, as a plain call: removing it could turn a
 *       program that never ends into one that does.
 *   (2) f <x< h <=> h >x> f: a fork whose join comes before any other work
 *       (the next statement joins, or returns) overlaps nothing; it becomes
 *       the plain call it stands for.
 *   (3) then, for the forks that are left, joins move down and forks up
 *       past statements that cannot observe them (gcc-overlap.cc).
 *
 * Before/after (the numbers are the steps in the code):
 *
 *     __parc_fork (3, 0);          (1) dead:   (nothing: the call, its result
 *     _1 = sq (n_2);                           store and the marker go; x is
 *     *tmp_4 = _1;                             never read)
 *     __parc_fork (4, 0);          (2) joined: _5 = fib (n_2);  *tmp_6 = _5;
 *     _5 = fib (n_2);                          __parc_join ();
 *     *tmp_6 = _5;
 *     __parc_join ();
 *
 * -fplugin-arg-parc-naive turns both off; -fplugin-arg-parc-report says, at
 * each fork, what became of it; -fdump-ipa-all shows one line per identity
 * applied in the check pass's dump.
 */
#include "gcc-compat.h"

#include "dumpfile.h"

#include "gcc-deparallel.h"
#include "gcc-markers.h"
#include "gcc-options.h"
#include "gcc-overlap.h"


/* A fork site as the check left it: the marker, the call, and the store of
   a register result into the destination (_1 = f (x); *tmp_3 = _1;). */
struct site
{
  gimple *marker;
  gcall *call;
  gimple *store;	/* or NULL */
  tree dest;		/* the destination (memory), or NULL_TREE */
};

static bool
find_site (gimple *m, site &s)
{
  s.marker = m;
  s.call = NULL;
  s.store = NULL;
  s.dest = NULL_TREE;
  s.call = parc_forked_call (m);
  if (!s.call || !gimple_call_fndecl (s.call))
    return false;
  return parc_fork_destination (s.call, &s.dest, &s.store);
}

/* The statement after the site's last one, debug statements and clobbers
   aside, or NULL at the end of the block. */
static gimple *
next_after (const site &s)
{
  gimple_stmt_iterator gsi = gsi_for_stmt (s.store ? s.store : s.call);
  for (gsi_next (&gsi); !gsi_end_p (gsi); gsi_next (&gsi))
    {
      gimple *g = gsi_stmt (gsi);
      /* Internal calls without a result are the compiler's checks, not
	 work: -fsanitize=thread puts .TSAN_FUNC_EXIT () before every return
	 (.UBSAN_CHECK_MUL, which computes a product, is work). */
      if (!is_gimple_debug (g) && !gimple_clobber_p (g)
	  && !(is_gimple_call (g) && gimple_call_internal_p (g)
	       && !gimple_call_lhs (g)))
	return g;
    }
  return NULL;
}

/* Whether the site's result is never read: no destination, or a local whose
   only mention is the taking of its address for this fork. */
static bool
result_unused (function *fun, const site &s)
{
  if (!s.dest)
    return true;
  if (TREE_CODE (s.dest) != MEM_REF || !integer_zerop (TREE_OPERAND (s.dest, 1))
      || TREE_CODE (TREE_OPERAND (s.dest, 0)) != SSA_NAME)
    return false;
  tree ptr = TREE_OPERAND (s.dest, 0);
  gimple *def = SSA_NAME_DEF_STMT (ptr);
  if (!gimple_assign_single_p (def)
      || TREE_CODE (gimple_assign_rhs1 (def)) != ADDR_EXPR)
    return false;
  tree x = TREE_OPERAND (gimple_assign_rhs1 (def), 0);
  if (!VAR_P (x) || is_global_var (x) || TREE_THIS_VOLATILE (x))
    return false;
  /* Its uses: the store, and sanitizer checks of the pointer (.UBSAN_NULL),
     which read nothing through it. */
  imm_use_iterator it;
  gimple *u;
  FOR_EACH_IMM_USE_STMT (u, it, ptr)
    if (u != (s.store ? s.store : s.call) && !is_gimple_debug (u)
	&& !(is_gimple_call (u) && parc_instrumentation_p (u)))
      return false;
  basic_block bb;
  FOR_EACH_BB_FN (bb, fun)
    for (gimple_stmt_iterator gsi = gsi_start_bb (bb); !gsi_end_p (gsi);
	 gsi_next (&gsi))
      {
	gimple *g = gsi_stmt (gsi);
	if (g == def || is_gimple_debug (g) || gimple_clobber_p (g)
	    || (is_gimple_call (g) && parc_instrumentation_p (g)))
	  continue;
	if (parc_stmt_mentions (g, x))
	  return false;
      }
  return true;
}

static void
dump_site (const char *what, const site &s)
{
  if (dump_file)
    fprintf (dump_file, "parc: fork site %d: %s\n",
	     (int) tree_to_shwi (gimple_call_arg (s.marker, 0)), what);
}

static void
deparallelize_function (cgraph_node *node, const parc_deparallel_hooks *h)
{
  function *fun = DECL_STRUCT_FUNCTION (node->decl);
  if (!fun || !fun->cfg)
    return;
  push_cfun (fun);
  auto_vec<gimple *> forks;
  basic_block bb;
  FOR_EACH_BB_FN (bb, fun)
    for (gimple_stmt_iterator gsi = gsi_start_bb (bb); !gsi_end_p (gsi);
	 gsi_next (&gsi))
      if (parc_gimple_marker_kind (gsi_stmt (gsi)) == 1)
	forks.safe_push (gsi_stmt (gsi));
  bool changed = false;
  for (gimple *m : forks)
    {
      site s;
      if (!find_site (m, s))
	continue;
      tree callee = gimple_call_fndecl (s.call);
      location_t loc = gimple_location (m);
      /* Step 1: a dead pure fork. */
      if (callee && h->pure (callee) && result_unused (fun, s))
	{
	  if (h->safe (callee))
	    {
	      warning_at (loc, 0, "the result of this forked call of pure "
			  "%qD is never used: the fork is removed", callee);
	      dump_site ("removed (a pure, safe call whose result is never "
			 "used)", s);
	      if (s.store)
		parc_remove_stmt (s.store);
	      parc_remove_stmt (s.call);
	    }
	  else
	    {
	      if (parc_report)
		inform (loc, "fork of %qD: a plain call (its result is never "
			"used, but it may not return, so it stays)", callee);
	      dump_site ("a plain call (result unused; the call may not "
			 "return)", s);
	    }
	  parc_remove_stmt (m);
	  changed = true;
	  continue;
	}
      /* Step 2: joined at once.  Not with a writes clause while regions are
	 checked at run time: the call still runs beside the forks pending
	 before it, and its regions must be compared with theirs. */
      gimple *next = next_after (s);
      bool regions = gimple_call_num_args (m) > 1
		     && !integer_zerop (gimple_call_arg (m, 1));
      if (next && !(regions && parc_check_writes)
	  && (parc_gimple_marker_kind (next) == 2
		   || gimple_code (next) == GIMPLE_RETURN))
	{
	  if (parc_report)
	    inform (loc, "fork of %qD: a plain call (joined at once: nothing "
		    "can overlap it)", callee);
	  dump_site ("a plain call (joined at once)", s);
	  parc_remove_stmt (m);
	  changed = true;
	}
    }
  /* Step 3: the forks that stay overlap as much as can be proved safe. */
  if (parc_overlap_function (h))
    changed = true;
  if (changed)
    parc_update_function ();
  pop_cfun ();
}

void
parc_deparallelize_unit (const parc_deparallel_hooks *h)
{
  cgraph_node *node;
  auto_vec<cgraph_node *> nodes;
  FOR_EACH_FUNCTION_WITH_GIMPLE_BODY (node)
    nodes.safe_push (node);
  for (cgraph_node *n : nodes)
    deparallelize_function (n, h);
}
