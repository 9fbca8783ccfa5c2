/* gcc-promote.cc: promotion inside the sequential clones of split loops.
 *
 * Purpose: a range function's clone (gcc-loops.cc, gcc-lower.cc) runs its
 * whole range as one loop, and no thief can split it: with an unbalanced
 * tree of such loops (uts), one clone can hold most of the work while
 * other workers idle.  So the clone's loop keeps a record of where it
 * stands, on the worker's list, and polls once at its entry; when a thief
 * asks for work and finds nothing public, the poll forks the oldest loop's
 * untouched upper half (runtime/promote.c).  docs/deparallelization.md
 * says why here, why so, and what it costs.
 *
 * Where: the thunk that runs a promoted part is built with the range
 * function, at PLUGIN_PRE_GENERICIZE (a struct type built later would miss
 * free_lang_data); the record goes into the clones in the check pass,
 * after the sums are fused (gcc-lower.cc's make_clones).
 *
 * Only while it can be of use: the record goes into a copy of the clone,
 * R.parc_seq.0.parc_rec, and the clone itself only tests at its entry
 * whether to run that copy instead (parc.h's parcint_lwant: some worker is
 * hungry, or this is one of the outer levels of a piece).  A record nobody
 * promotes costs its loop an index store and a reload per iteration, the
 * link, the poll and the captures (19% of uts at one worker, measured when
 * every clone had it); the test costs a load or two and a branch.
 *
 *     R.parc_seq.0 (lo, hi, grain, caps...)
 *     { if (parcint_lwant (lo, hi)) { R.parc_seq.0.parc_rec (lo, hi, ...);
 *                                     return; }
 *       the loop as it was }
 *
 * Before/after, in the copy R.parc_seq.0.parc_rec (lo, hi, grain, caps...):
 *
 *     <preheader>                          l = parcint_lenter (&rec, lo, hi,
 *                                                              R.parc_promote,
 *                                                              &caps);
 *                                          if (l)          (linked: 2 or more
 *                                            caps.c0 = c0; ...   iterations)
 *     iv = PHI <lo, iv + 1>                iv = PHI <lo, iv + 1>
 *     if (iv < hi)                         rec.cur = iv;
 *                                          if (iv < (T) rec.hi)
 *       body                                 body
 *     <exit>                               parcint_lleave (&rec, sum, size);
 *
 *     static void R.parc_promote (parc_frame *f)
 *     { caps *c = parcint_lpiece_caps (f);
 *       R (lo (f), hi (f), parcint_lgrain (hi (f) - lo (f)), c->c0, ...); }
 *
 * In a copy whose sum is fused (gcc-seqsum.cc), sum is the array: the
 * promoted parts store their results into it (the parallel R does), and
 * parcint_lleave adds them into element 0 after the loop's own, in index
 * order, so the sum is the same as the serial program's.
 */
#include "gcc-compat.h"

#include "gimple-fold.h"
#include "tree-dfa.h"
#include "cfgloop.h"
#include "tree-cfg.h"
#include "dumpfile.h"

#include "gcc-promote.h"
#include "gcc-options.h"
#include "gcc-markers.h"

#include <stdio.h>

/* parc.h's helpers (found at PRE_GENERICIZE, kept until the clones call
   them), and the thunks: a TREE_LIST, range function -> TREE_VEC (thunk,
   captures' type). */
static GTY (()) tree h_lenter;
static GTY (()) tree h_lleave;
static GTY (()) tree h_lwant;
static GTY (()) tree promos;

const struct ggc_root_tab parc_promote_roots[] = {
  { &h_lenter, 1, sizeof (h_lenter), &gt_ggc_mx_tree_node,
    &gt_pch_nx_tree_node },
  { &h_lleave, 1, sizeof (h_lleave), &gt_ggc_mx_tree_node,
    &gt_pch_nx_tree_node },
  { &h_lwant, 1, sizeof (h_lwant), &gt_ggc_mx_tree_node,
    &gt_pch_nx_tree_node },
  { &promos, 1, sizeof (promos), &gt_ggc_mx_tree_node, &gt_pch_nx_tree_node },
  LAST_GGC_ROOT_TAB
};

static tree
helper (const char *name)
{
  tree d = lookup_name (get_identifier (name));
  return d && TREE_CODE (d) == FUNCTION_DECL && DECL_INITIAL (d) ? d
								  : NULL_TREE;
}

void
parc_set_body (tree fn, tree vars, tree stmts)
{
  tree block = make_node (BLOCK);
  BLOCK_VARS (block) = vars;
  BLOCK_SUPERCONTEXT (block) = fn;
  DECL_INITIAL (fn) = block;
  tree bind = build3 (BIND_EXPR, void_type_node, vars, stmts, block);
  TREE_SIDE_EFFECTS (bind) = 1;
  DECL_SAVED_TREE (fn) = bind;
}

tree
parc_new_local (tree fn, tree type, const char *name, tree *vars)
{
  tree v = build_decl (DECL_SOURCE_LOCATION (fn), VAR_DECL,
		       get_identifier (name), type);
  DECL_CONTEXT (v) = fn;
  DECL_ARTIFICIAL (v) = 1;
  TREE_USED (v) = 1;
  DECL_CHAIN (v) = *vars;
  *vars = v;
  return v;
}

tree
parc_promote_build_thunk (tree fn, tree ct, location_t loc)
{
  if (!parc_heartbeat || !lookup_name || TYPE_PRECISION (ct) > 64)
    return NULL_TREE;
  tree enter = helper ("parcint_lenter"), leave = helper ("parcint_lleave");
  tree want = helper ("parcint_lwant");
  tree plo = helper ("parcint_lpiece_lo"), phi = helper ("parcint_lpiece_hi");
  tree pcaps = helper ("parcint_lpiece_caps");
  tree grain_fn = helper ("parcint_lgrain");
  if (!enter || !leave || !want || !plo || !phi || !pcaps || !grain_fn)
    return NULL_TREE;
  h_lenter = enter;
  h_lleave = leave;
  h_lwant = want;
  /* Called only from the clones, made in the check pass. */
  cgraph_node::get_create (enter)->force_output = 1;
  cgraph_node::get_create (leave)->force_output = 1;
  cgraph_node::get_create (want)->force_output = 1;

  /* The captures' struct: the parameters after lo, hi and grain. */
  tree grain = DECL_CHAIN (DECL_CHAIN (DECL_ARGUMENTS (fn)));
  tree caps = make_node (RECORD_TYPE), fields = NULL_TREE;
  for (tree p = DECL_CHAIN (grain); p; p = DECL_CHAIN (p))
    {
      tree f = build_decl (loc, FIELD_DECL, DECL_NAME (p), TREE_TYPE (p));
      DECL_CHAIN (f) = fields;
      fields = f;
    }
  /* It takes the fields last first, and chains them in order. */
  finish_builtin_struct (caps, "parc_caps", fields, NULL_TREE);
  fields = TYPE_FIELDS (caps);

  tree frame_ptr = TREE_TYPE (DECL_ARGUMENTS (plo));
  char name[256];
  snprintf (name, sizeof name, "%s.parc_promote",
	    IDENTIFIER_POINTER (DECL_NAME (fn)));
  tree th = build_decl (loc, FUNCTION_DECL, get_identifier (name),
			build_function_type_list (void_type_node, frame_ptr,
						  NULL_TREE));
  TREE_STATIC (th) = 1;
  TREE_USED (th) = 1;
  DECL_ARTIFICIAL (th) = 1;
  TREE_PUBLIC (th) = 0;
  DECL_EXTERNAL (th) = 0;
  DECL_CONTEXT (th) = DECL_CONTEXT (fn);
  tree res = build_decl (loc, RESULT_DECL, NULL_TREE, void_type_node);
  DECL_ARTIFICIAL (res) = 1;
  DECL_IGNORED_P (res) = 1;
  DECL_CONTEXT (res) = th;
  DECL_RESULT (th) = res;
  tree f = build_decl (loc, PARM_DECL, get_identifier ("f"), frame_ptr);
  DECL_ARG_TYPE (f) = frame_ptr;
  DECL_CONTEXT (f) = th;
  TREE_USED (f) = 1;
  DECL_ARGUMENTS (th) = f;

  tree ull = long_long_unsigned_type_node;
  tree vars = NULL_TREE;
  tree lo = parc_new_local (th, ull, "lo", &vars);
  tree hi = parc_new_local (th, ull, "hi", &vars);
  tree cp = parc_new_local (th, build_pointer_type (caps), "caps", &vars);
  tree stmts = alloc_stmt_list ();
  append_to_statement_list_force
    (build2 (MODIFY_EXPR, ull, lo, build_call_expr_loc (loc, plo, 1, f)),
     &stmts);
  append_to_statement_list_force
    (build2 (MODIFY_EXPR, ull, hi, build_call_expr_loc (loc, phi, 1, f)),
     &stmts);
  append_to_statement_list_force
    (build2 (MODIFY_EXPR, TREE_TYPE (cp), cp,
	     fold_convert (TREE_TYPE (cp),
			   build_call_expr_loc (loc, pcaps, 1, f))), &stmts);
  vec<tree, va_gc> *args = NULL;
  vec_safe_push (args, fold_convert (ct, lo));
  vec_safe_push (args, fold_convert (ct, hi));
  tree n = fold_convert (TREE_VALUE (TYPE_ARG_TYPES (TREE_TYPE (grain_fn))),
			 fold_build2 (MINUS_EXPR, ull, hi, lo));
  vec_safe_push (args, fold_convert (TREE_TYPE (grain),
				     build_call_expr_loc (loc, grain_fn, 1, n)));
  for (tree fd = fields; fd; fd = DECL_CHAIN (fd))
    vec_safe_push (args, build3 (COMPONENT_REF, TREE_TYPE (fd),
				 build_simple_mem_ref (cp), fd, NULL_TREE));
  append_to_statement_list_force (build_call_expr_loc_vec (loc, fn, args),
				  &stmts);
  parc_set_body (th, vars, stmts);

  tree v = make_tree_vec (2);
  TREE_VEC_ELT (v, 0) = th;
  TREE_VEC_ELT (v, 1) = caps;
  promos = tree_cons (fn, v, promos);
  return th;
}

void
parc_promote_alias (tree clone, tree original)
{
  for (tree p = promos; p; p = TREE_CHAIN (p))
    if (TREE_PURPOSE (p) == original)
      {
	promos = tree_cons (clone, TREE_VALUE (p), promos);
	return;
      }
}

static tree
field (tree type, const char *name)
{
  for (tree f = TYPE_FIELDS (type); f; f = DECL_CHAIN (f))
    if (TREE_CODE (f) == FIELD_DECL && DECL_NAME (f)
	&& strcmp (IDENTIFIER_POINTER (DECL_NAME (f)), name) == 0)
      return f;
  return NULL_TREE;
}

/* The leaf loop of a range clone: the outermost loop whose header tests
   its IV against HI (lo's parameter aside, its start is whatever the
   preheader gives), steps by one, and leaves only there. */
static class loop *
leaf_loop (tree hi, gcond **cond_out, tree *iv_out, edge *exit_out)
{
  for (class loop *l : loops_list (cfun, 0))
    {
      if (loop_outer (l) != current_loops->tree_root)
	continue;
      gimple *last = last_stmt (l->header);
      if (!last || gimple_code (last) != GIMPLE_COND)
	continue;
      gcond *cond = as_a<gcond *> (last);
      tree a = gimple_cond_lhs (cond), b = gimple_cond_rhs (cond);
      enum tree_code code = gimple_cond_code (cond);
      tree iv = code == GT_EXPR && a == hi ? b
		: code == LT_EXPR && b == hi ? a : NULL_TREE;
      if (!iv || TREE_CODE (iv) != SSA_NAME)
	continue;
      gimple *phi = SSA_NAME_DEF_STMT (iv);
      if (gimple_code (phi) != GIMPLE_PHI || gimple_bb (phi) != l->header
	  || gimple_phi_num_args (phi) != 2)
	continue;
      tree next = PHI_ARG_DEF_FROM_EDGE (phi, loop_latch_edge (l));
      gimple *inc = TREE_CODE (next) == SSA_NAME ? SSA_NAME_DEF_STMT (next)
						 : NULL;
      if (!inc || !is_gimple_assign (inc)
	  || gimple_assign_rhs_code (inc) != PLUS_EXPR
	  || gimple_assign_rhs1 (inc) != iv
	  || !integer_onep (gimple_assign_rhs2 (inc)))
	continue;
      edge t, f;
      extract_true_false_edges_from_block (l->header, &t, &f);
      auto_vec<edge> exits = get_loop_exit_edges (l);
      if (!flow_bb_inside_loop_p (l, t->dest) || exits.length () != 1
	  || exits[0] != f)
	continue;
      *cond_out = cond;
      *iv_out = iv;
      *exit_out = f;
      return l;
    }
  return NULL;
}

/* Gives cfun's leaf loop its record (the before/after at the top). */
static bool
instrument (tree original, tree th, tree caps, tree sum, tree elem)
{
  function *fun = cfun;
  tree a = DECL_ARGUMENTS (fun->decl);
  tree grain = a ? DECL_CHAIN (DECL_CHAIN (a)) : NULL_TREE;
  tree hi = grain ? ssa_default_def (fun, DECL_CHAIN (a)) : NULL_TREE;
  tree rec_type = TREE_TYPE (TREE_TYPE (DECL_ARGUMENTS (h_lenter)));
  tree cur_f = field (rec_type, "cur"), hi_f = field (rec_type, "hi");
  if (!hi || !cur_f || !hi_f)
    return false;
  tree ct = TREE_TYPE (hi);
  if (!INTEGRAL_TYPE_P (ct) || TYPE_PRECISION (ct) > 64)
    return false;

  loop_optimizer_init (LOOPS_NORMAL);
  gcond *cond;
  tree iv;
  edge exit;
  class loop *l = leaf_loop (hi, &cond, &iv, &exit);
  if (!l)
    {
      loop_optimizer_finalize ();
      free_dominance_info (CDI_DOMINATORS);
      return false;
    }
  edge pre = loop_preheader_edge (l);
  tree start = PHI_ARG_DEF_FROM_EDGE (SSA_NAME_DEF_STMT (iv), pre);
  tree ull = long_long_unsigned_type_node;

  /* Entry: the record and the poll; the captures only if linked. */
  tree rec = create_tmp_var (rec_type, "parc_loop");
  TREE_ADDRESSABLE (rec) = 1;
  gimple_seq seq = NULL, caps_seq = NULL;
  tree caps_addr = null_pointer_node;
  if (TYPE_FIELDS (caps))
    {
      tree cv = create_tmp_var (caps, "parc_caps");
      TREE_ADDRESSABLE (cv) = 1;
      tree p = DECL_CHAIN (grain);
      for (tree fd = TYPE_FIELDS (caps); fd && p;
	   fd = DECL_CHAIN (fd), p = DECL_CHAIN (p))
	{
	  tree val;
	  if (is_gimple_reg (p))
	    val = get_or_create_ssa_default_def (fun, p);
	  else
	    {
	      val = make_ssa_name (TREE_TYPE (p));
	      gimple_seq_add_stmt (&caps_seq, gimple_build_assign (val, p));
	    }
	  gimple_seq_add_stmt (&caps_seq, gimple_build_assign
			       (build3 (COMPONENT_REF, TREE_TYPE (fd), cv, fd,
					NULL_TREE), val));
	}
      caps_addr = build_fold_addr_expr (cv);
    }
  tree enter_args[5];
  for (unsigned k = 0; k < 5; k++)
    {
      tree a5 = DECL_ARGUMENTS (h_lenter);
      for (unsigned j = 0; j < k; j++)
	a5 = DECL_CHAIN (a5);
      tree v = k == 0 ? build_fold_addr_expr (rec)
	       : k == 1 ? start
	       : k == 2 ? hi
	       : k == 3 ? build_fold_addr_expr (th) : caps_addr;
      enter_args[k] = gimple_convert (&seq, TREE_TYPE (a5), v);
    }
  gcall *enter = gimple_build_call (h_lenter, 5, enter_args[0],
				    enter_args[1], enter_args[2],
				    enter_args[3], enter_args[4]);
  tree linked = make_ssa_name (TREE_TYPE (TREE_TYPE (h_lenter)));
  gimple_call_set_lhs (enter, linked);
  gimple_seq_add_stmt (&seq, enter);
  /* eb: if (linked) -> cb (the captures) -> header; else -> header. */
  if (caps_seq)
    gimple_seq_add_stmt (&seq, gimple_build_cond (NE_EXPR, linked,
						  build_zero_cst
						    (TREE_TYPE (linked)),
						  NULL_TREE, NULL_TREE));
  basic_block eb = split_edge (pre);
  gimple_stmt_iterator egsi = gsi_last_bb (eb);
  gsi_insert_seq_after (&egsi, seq, GSI_NEW_STMT);
  if (caps_seq)
    {
      edge to_h = single_succ_edge (eb);
      basic_block cb = split_edge (to_h);
      gimple_stmt_iterator cgsi = gsi_start_bb (cb);
      gsi_insert_seq_before (&cgsi, caps_seq, GSI_NEW_STMT);
      edge t = single_succ_edge (eb);
      t->flags &= ~EDGE_FALLTHRU;
      t->flags |= EDGE_TRUE_VALUE;
      edge f = make_edge (eb, l->header, EDGE_FALSE_VALUE);
      t->probability = profile_probability::even ();
      f->probability = profile_probability::even ();
      edge from_cb = single_succ_edge (cb);
      for (gphi_iterator pi = gsi_start_phis (l->header); !gsi_end_p (pi);
	   gsi_next (&pi))
	add_phi_arg (pi.phi (), PHI_ARG_DEF_FROM_EDGE (pi.phi (), from_cb), f,
		     gimple_phi_arg_location_from_edge (pi.phi (), from_cb));
    }

  /* The header: where the loop stands, and its end from the record. */
  seq = NULL;
  tree cur = gimple_convert (&seq, ull, iv);
  gimple_seq_add_stmt (&seq, gimple_build_assign
		       (build3 (COMPONENT_REF, ull, rec, cur_f, NULL_TREE),
			cur));
  tree h = make_ssa_name (ull);
  gimple_seq_add_stmt (&seq, gimple_build_assign
		       (h, build3 (COMPONENT_REF, ull, rec, hi_f, NULL_TREE)));
  tree hc = gimple_convert (&seq, ct, h);
  gimple_stmt_iterator gsi = gsi_for_stmt (cond);
  gsi_insert_seq_before (&gsi, seq, GSI_SAME_STMT);
  if (gimple_cond_lhs (cond) == hi)
    gimple_cond_set_lhs (cond, hc);
  else
    gimple_cond_set_rhs (cond, hc);
  update_stmt (cond);

  /* The exit: join the promoted parts (and add their sum). */
  seq = NULL;
  tree la = DECL_ARGUMENTS (h_lleave);
  tree sa = gimple_convert (&seq, TREE_TYPE (DECL_CHAIN (la)),
			    sum ? sum : null_pointer_node);
  tree size = build_int_cst (TREE_TYPE (DECL_CHAIN (DECL_CHAIN (la))),
			     sum ? tree_to_uhwi (TYPE_SIZE_UNIT (elem)) : 0);
  gimple_seq_add_stmt (&seq, gimple_build_call
		       (h_lleave, 3,
			gimple_convert (&seq, TREE_TYPE (la),
					build_fold_addr_expr (rec)), sa, size));
  gsi_insert_seq_on_edge_immediate (exit, seq);

  loop_optimizer_finalize ();
  free_dominance_info (CDI_DOMINATORS);
  if (dump_file)
    fprintf (dump_file, "parc: promotion: the loop of %s polls at its entry "
	     "and records where it stands; promoted parts run %s%s\n",
	     IDENTIFIER_POINTER (DECL_NAME (fun->decl)),
	     IDENTIFIER_POINTER (DECL_NAME (th)),
	     sum ? ", their results added into element 0 after the join" : "");
  if (parc_report && !sum)
    inform (DECL_SOURCE_LOCATION (original), "the sequential clone of %qs "
	    "polls once at the loop%'s entry while a worker is hungry: a "
	    "worker with nothing to run gets the untouched half of the "
	    "oldest such loop (promotion)",
	    IDENTIFIER_POINTER (DECL_NAME (original)));
  return true;
}

static bool
has_tsan_func_exit (function *fun)
{
  basic_block bb;
  FOR_EACH_BB_FN (bb, fun)
    for (gimple_stmt_iterator gsi = gsi_start_bb (bb); !gsi_end_p (gsi);
	 gsi_next (&gsi))
      if (gimple_call_internal_p (gsi_stmt (gsi), IFN_TSAN_FUNC_EXIT))
	return true;
  return false;
}

bool
parc_promote_clone (tree original, tree sum, tree elem)
{
  tree th = NULL_TREE, caps = NULL_TREE;
  for (tree p = promos; p; p = TREE_CHAIN (p))
    if (TREE_PURPOSE (p) == original)
      {
	th = TREE_VEC_ELT (TREE_VALUE (p), 0);
	caps = TREE_VEC_ELT (TREE_VALUE (p), 1);
      }
  function *fun = cfun;
  tree a = DECL_ARGUMENTS (fun->decl);
  if (!th || !h_lenter || !h_lleave || !h_lwant || !a || !DECL_CHAIN (a)
      || !VOID_TYPE_P (TREE_TYPE (TREE_TYPE (fun->decl))))
    return false;
  /* The sum's parameter, by position, to find it in the copy. */
  unsigned sum_parm = 0;
  if (sum)
    {
      tree p = a;
      while (p && p != SSA_NAME_VAR (sum))
	p = DECL_CHAIN (p), sum_parm++;
      if (!p)
	return false;
    }

  /* The record goes into a copy, R.parc_rec, which this clone calls
     instead of running its loop when parcint_lwant says that some worker
     is hungry: otherwise the clone runs as without promotion, and pays two
     instructions per call (a load and a branch). */
  cgraph_node *copy = cgraph_node::get (fun->decl)
			->create_version_clone_with_body (vNULL, NULL, NULL,
							  NULL, NULL,
							  "parc_rec");
  if (!copy)
    return false;
  /* Out of line: inlined, the copy's code would crowd the clone's. */
  DECL_UNINLINABLE (copy->decl) = 1;
  push_cfun (DECL_STRUCT_FUNCTION (copy->decl));
  tree csum = NULL_TREE;
  if (sum)
    {
      tree p = DECL_ARGUMENTS (cfun->decl);
      for (unsigned k = 0; p && k < sum_parm; k++)
	p = DECL_CHAIN (p);
      csum = p ? ssa_default_def (cfun, p) : NULL_TREE;
    }
  bool ok = (!sum || csum) && instrument (original, th, caps, csum, elem);
  if (ok)
    parc_update_function ();
  pop_cfun ();
  if (!ok)
    return false; /* the copy is never called, and goes */

  /* The clone's entry: if (parcint_lwant (lo, hi)) { R.parc_rec (...);
     return; } */
  gimple_seq seq = NULL;
  tree wa = DECL_ARGUMENTS (h_lwant);
  tree lo_v = get_or_create_ssa_default_def (fun, a);
  tree hi_v = get_or_create_ssa_default_def (fun, DECL_CHAIN (a));
  tree lo_c = gimple_convert (&seq, TREE_TYPE (wa), lo_v);
  tree hi_c = gimple_convert (&seq, TREE_TYPE (DECL_CHAIN (wa)), hi_v);
  gcall *wc = gimple_build_call (h_lwant, 2, lo_c, hi_c);
  tree w = make_ssa_name (TREE_TYPE (TREE_TYPE (h_lwant)));
  gimple_call_set_lhs (wc, w);
  gimple_seq_add_stmt (&seq, wc);
  gimple_seq_add_stmt (&seq, gimple_build_cond (NE_EXPR, w,
						build_zero_cst (TREE_TYPE (w)),
						NULL_TREE, NULL_TREE));
  basic_block cb = split_edge (single_succ_edge (ENTRY_BLOCK_PTR_FOR_FN (fun)));
  gimple_stmt_iterator gsi = gsi_last_bb (cb);
  gsi_insert_seq_after (&gsi, seq, GSI_NEW_STMT);
  basic_block rb = create_empty_bb (cb);
  if (current_loops)
    add_bb_to_loop (rb, cb->loop_father);
  vec<tree> args = vNULL;
  for (tree p = a; p; p = DECL_CHAIN (p))
    args.safe_push (is_gimple_reg (p) ? get_or_create_ssa_default_def (fun, p)
					: p);
  gcall *rc = gimple_build_call_vec (copy->decl, args);
  args.release ();
  gimple_stmt_iterator rgsi = gsi_start_bb (rb);
  gsi_insert_after (&rgsi, rc, GSI_NEW_STMT);
  /* -fsanitize=thread put .TSAN_FUNC_EXIT () before the function's returns
     when it gimplified it; this return, made later, needs one too, or
     ThreadSanitizer's shadow stack grows by a frame per call. */
  if (has_tsan_func_exit (fun))
    gsi_insert_after (&rgsi, gimple_build_call_internal (IFN_TSAN_FUNC_EXIT,
							 0), GSI_NEW_STMT);
  gsi_insert_after (&rgsi, gimple_build_return (NULL_TREE), GSI_NEW_STMT);
  edge f = single_succ_edge (cb);
  f->flags &= ~EDGE_FALLTHRU;
  f->flags |= EDGE_FALSE_VALUE;
  edge t = make_edge (cb, rb, EDGE_TRUE_VALUE);
  t->probability = profile_probability::unlikely ();
  f->probability = t->probability.invert ();
  rb->count = cb->count.apply_probability (t->probability);
  make_edge (rb, EXIT_BLOCK_PTR_FOR_FN (fun), 0);
  free_dominance_info (CDI_DOMINATORS);
  if (dump_file)
    fprintf (dump_file, "parc: promotion: %s runs %s, whose loop keeps a "
	     "record, while a worker is hungry\n",
	     IDENTIFIER_POINTER (DECL_NAME (fun->decl)),
	     IDENTIFIER_POINTER (DECL_NAME (copy->decl)));
  return true;
}

void
parc_promote_release (void)
{
  for (tree h : { h_lenter, h_lleave, h_lwant })
    if (h)
      if (cgraph_node *n = cgraph_node::get (h))
	n->force_output = 0;
  for (tree p = promos; p; p = TREE_CHAIN (p))
    if (cgraph_node *n = cgraph_node::get (TREE_VEC_ELT (TREE_VALUE (p), 0)))
      n->force_output = 0;
  promos = NULL_TREE;
}
