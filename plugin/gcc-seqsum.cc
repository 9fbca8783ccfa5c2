/* gcc-seqsum.cc: sums fused in sequential clones.
 *
 * Purpose: a parallel C program cannot add up its forked calls' results as
 * they come, since the calls run at the same time: it stores each into its
 * own element of a local array in the loop that forks them, and sums the
 * array after the join (Cilk's nqueens, bench/nqueens/parc-naive.c).  In the
 * sequential clone (gcc-lower.cc) those forks are plain calls, and the
 * store, the index and the second loop are pure overhead over the program
 * a serial programmer writes (count += f (...)): nqueens' clone ran 9%
 * more instructions than its serial twin for them.  Here the clone adds
 * each result into element 0 as it stores it, and the summing loop reads
 * element 0 only, once; GCC then keeps the total in a register, and the
 * count is dead.
 *
 * Before/after (the numbers are the steps in the code):
 *
 *     k_8 = 0;                              (2) counts[0] = 0;  before loop 1
 *   loop 1 (header: k_21 = PHI <k_8, k_36>):
 *     _23 = &counts[k_21];                  (1) t_1 = counts[0];
 *     _24 = f (...);                            t_2 = t_1 + _24;
 *     *_23 = _24;                               counts[0] = t_2;
 *     k_25 = k_21 + 1;                          k_25 = k_21 + 1;
 *   loop 2 (header: i_29 = PHI <0, i_33>, count_31 = PHI <0, count_32>):
 *     if (k_21 > i_29) ...                  (3) if (1 > i_29) ...
 *     _30 = counts[i_29];
 *     count_32 = _30 + count_31;
 *     i_33 = i_29 + 1;
 *
 * Only this exact shape is rewritten, where it provably sums the same
 * values in the same order: the array is a local of integer elements
 * mentioned by nothing else (one address for one store, one load, scope
 * ends); the store's index k starts at 0 before loop 1, is incremented by
 * one in the store's block and changes nowhere else, and every value of k
 * that reaches loop 1's latch counts the stores made so far; loop 1 is
 * entered once and left only at its header, after which nothing stores;
 * loop 2 is two blocks, i from 0 by 1 while i < k (k: loop 1's header
 * value), and does nothing but add each element to a sum that starts at 0
 * (i is not used after it: the loop now runs once).  Then loop 2 summed elements 0 .. k-1, the k results in the order they were
 * stored, which is the order element 0 now adds them in.
 */
#include "gcc-compat.h"

#include "cfgloop.h"
#include "dumpfile.h"
#include "tree-cfg.h"
#include "tree-ssa.h"

#include "gcc-markers.h"
#include "gcc-seqsum.h"

/* V[IDX] with IDX an SSA name and V indexed from 0: IDX, else NULL. */
static tree
index_of (tree ref, tree v)
{
  if (TREE_CODE (ref) != ARRAY_REF || TREE_OPERAND (ref, 0) != v
      || TREE_OPERAND (ref, 2) || TREE_OPERAND (ref, 3)
      || !integer_zerop (array_ref_low_bound (ref))
      || TREE_CODE (TREE_OPERAND (ref, 1)) != SSA_NAME)
    return NULL_TREE;
  return TREE_OPERAND (ref, 1);
}

/* Zero, or an SSA name set to zero. */
static bool
zero_p (tree t)
{
  if (integer_zerop (t))
    return true;
  if (TREE_CODE (t) != SSA_NAME)
    return false;
  gimple *d = SSA_NAME_DEF_STMT (t);
  return gimple_assign_single_p (d) && integer_zerop (gimple_assign_rhs1 (d));
}

/* LHS = A + 1 with A one of X, Y. */
static bool
increment_of (gimple *g, tree x, tree y)
{
  if (!is_gimple_assign (g) || gimple_assign_rhs_code (g) != PLUS_EXPR
      || TREE_CODE (gimple_assign_lhs (g)) != SSA_NAME
      || !integer_onep (gimple_assign_rhs2 (g)))
    return false;
  tree a = gimple_assign_rhs1 (g);
  return a == x || a == y;
}

/* The blocks reachable from FROM (itself included) without entering
   AVOID (NULL: none). */
static void
reach (basic_block from, basic_block avoid, hash_set<basic_block> &out)
{
  auto_vec<basic_block> work;
  out.add (from);
  work.safe_push (from);
  while (!work.is_empty ())
    {
      basic_block b = work.pop ();
      edge e;
      edge_iterator ei;
      FOR_EACH_EDGE (e, ei, b->succs)
	if (e->dest != avoid && !out.add (e->dest))
	  work.safe_push (e->dest);
    }
}

/* What the proof of loop 1 needs. */
struct loop1
{
  class loop *loop;
  basic_block store_bb;
  tree kh, kinc;
  hash_set<basic_block> after_store; /* reachable from the store in one
					iteration (the header avoided) */
  hash_set<gimple *> busy;	     /* PHIs being proved */
};

/* Whether NAME, at the end of block X in loop 1, counts the stores made so
   far in this iteration and before. */
static bool
current_at (loop1 &l, tree name, basic_block x)
{
  if (name == l.kinc)
    return dominated_by_p (CDI_DOMINATORS, x, l.store_bb);
  if (name == l.kh)
    return !l.after_store.contains (x);
  gimple *d = SSA_NAME_DEF_STMT (name);
  basic_block b = gimple_bb (d);
  if (gimple_code (d) != GIMPLE_PHI || !b || b->loop_father != l.loop
      || b == l.loop->header || l.busy.add (d))
    return false;
  /* A merge before the store, read after it, missed the store. */
  bool ok = l.after_store.contains (b) || !l.after_store.contains (x);
  for (unsigned i = 0; ok && i < gimple_phi_num_args (d); i++)
    ok = current_at (l, gimple_phi_arg_def (d, i),
		     gimple_phi_arg_edge (as_a<gphi *> (d), i)->src);
  l.busy.remove (d);
  return ok;
}

/* Step 1's conditions on V's store; fills L. */
static bool
prove_loop1 (gimple *addr, gimple *store, tree elem, loop1 &l)
{
  tree k = index_of (TREE_OPERAND (gimple_assign_rhs1 (addr), 0),
		     TREE_OPERAND (TREE_OPERAND (gimple_assign_rhs1 (addr), 0),
				   0));
  gimple *kd = SSA_NAME_DEF_STMT (k);
  l.kh = k;
  if (gimple_assign_single_p (kd)
      && TREE_CODE (gimple_assign_rhs1 (kd)) == SSA_NAME)
    l.kh = gimple_assign_rhs1 (kd);
  gimple *hd = SSA_NAME_DEF_STMT (l.kh);
  l.store_bb = gimple_bb (store);
  if (gimple_code (hd) != GIMPLE_PHI || !gimple_bb (hd)
      || !INTEGRAL_TYPE_P (TREE_TYPE (l.kh)))
    return false;
  l.loop = gimple_bb (hd)->loop_father;
  if (!loop_outer (l.loop) || gimple_bb (hd) != l.loop->header
      || l.store_bb->loop_father != l.loop
      || gimple_phi_num_args (hd) != 2
      || !types_compatible_p (TREE_TYPE (gimple_assign_rhs1 (store)), elem))
    return false;
  /* The one increment, in the store's block. */
  l.kinc = NULL_TREE;
  for (gimple_stmt_iterator gsi = gsi_start_bb (l.store_bb); !gsi_end_p (gsi);
       gsi_next (&gsi))
    if (increment_of (gsi_stmt (gsi), k, l.kh))
      {
	if (l.kinc)
	  return false;
	l.kinc = gimple_assign_lhs (gsi_stmt (gsi));
      }
  if (!l.kinc)
    return false;
  edge pre = loop_preheader_edge (l.loop), latch = loop_latch_edge (l.loop);
  if (!zero_p (PHI_ARG_DEF_FROM_EDGE (hd, pre)))
    return false;
  reach (l.store_bb, l.loop->header, l.after_store);
  if (!current_at (l, PHI_ARG_DEF_FROM_EDGE (hd, latch), latch->src))
    return false;
  /* Left only at the header; once left, never stored into again (so also
     entered once). */
  auto_vec<edge> exits = get_loop_exit_edges (l.loop);
  if (exits.length () != 1 || exits[0]->src != l.loop->header)
    return false;
  hash_set<basic_block> later;
  reach (exits[0]->dest, NULL, later);
  return !later.contains (l.store_bb);
}

/* Step 3's conditions: LOAD is loop 2's only work, a sum from 0 of V[0]
   .. V[KH-1].  Sets *COND to loop 2's test. */
static bool
prove_loop2 (gimple *load, tree elem, const loop1 &l1, gcond **cond)
{
  tree i = index_of (gimple_assign_rhs1 (load),
		     TREE_OPERAND (gimple_assign_rhs1 (load), 0));
  tree x = gimple_assign_lhs (load);
  gimple *id = SSA_NAME_DEF_STMT (i);
  basic_block h = gimple_bb (id), body = gimple_bb (load);
  if (gimple_code (id) != GIMPLE_PHI || !h || !types_compatible_p
      (TREE_TYPE (x), elem))
    return false;
  class loop *loop = h->loop_father;
  if (h != loop->header || body->loop_father != loop || loop->num_nodes != 2
      || !single_succ_p (body) || single_succ (body) != h)
    return false;
  /* The header holds the test only. */
  gimple *last = NULL;
  for (gimple_stmt_iterator gsi = gsi_start_nondebug_bb (h); !gsi_end_p (gsi);
       gsi_next_nondebug (&gsi))
    {
      if (last)
	return false;
      last = gsi_stmt (gsi);
    }
  if (!last || gimple_code (last) != GIMPLE_COND)
    return false;
  *cond = as_a<gcond *> (last);
  tree a = gimple_cond_lhs (*cond), b = gimple_cond_rhs (*cond);
  enum tree_code code = gimple_cond_code (*cond);
  if (!((code == GT_EXPR && a == l1.kh && b == i)
	|| (code == LT_EXPR && a == i && b == l1.kh)))
    return false;
  edge t, f;
  extract_true_false_edges_from_block (h, &t, &f);
  if (t->dest != body)
    return false;
  /* The body: the load, the sum, the increment of i. */
  gimple *sum = NULL, *inc = NULL;
  for (gimple_stmt_iterator gsi = gsi_start_nondebug_bb (body);
       !gsi_end_p (gsi); gsi_next_nondebug (&gsi))
    {
      gimple *g = gsi_stmt (gsi);
      if (g == load)
	continue;
      if (!sum && is_gimple_assign (g)
	  && gimple_assign_rhs_code (g) == PLUS_EXPR
	  && (gimple_assign_rhs1 (g) == x || gimple_assign_rhs2 (g) == x))
	sum = g;
      else if (!inc && increment_of (g, i, i))
	inc = g;
      else
	return false;
    }
  if (!sum || !inc || !has_single_use (x))
    return false;
  tree acc = gimple_assign_rhs1 (sum) == x ? gimple_assign_rhs2 (sum)
					   : gimple_assign_rhs1 (sum);
  gimple *ad = SSA_NAME_DEF_STMT (acc);
  edge pre = loop_preheader_edge (loop), latch = loop_latch_edge (loop);
  if (TREE_CODE (acc) != SSA_NAME || gimple_code (ad) != GIMPLE_PHI
      || gimple_bb (ad) != h
      || !types_compatible_p (TREE_TYPE (acc), elem)
      || !types_compatible_p (TREE_TYPE (gimple_assign_lhs (sum)), elem)
      || PHI_ARG_DEF_FROM_EDGE (ad, latch) != gimple_assign_lhs (sum)
      || !zero_p (PHI_ARG_DEF_FROM_EDGE (ad, pre))
      || PHI_ARG_DEF_FROM_EDGE (id, latch) != gimple_assign_lhs (inc)
      || !zero_p (PHI_ARG_DEF_FROM_EDGE (id, pre)))
    return false;
  /* Fewer iterations change nothing else: i and its increment serve the
     loop only, and the header merges nothing but i and the sum. */
  imm_use_iterator it;
  gimple *u;
  FOR_EACH_IMM_USE_STMT (u, it, i)
    if (!is_gimple_debug (u) && u != load && u != inc && u != *cond)
      return false;
  FOR_EACH_IMM_USE_STMT (u, it, gimple_assign_lhs (inc))
    if (!is_gimple_debug (u) && u != id)
      return false;
  for (gphi_iterator pi = gsi_start_phis (h); !gsi_end_p (pi); gsi_next (&pi))
    if (pi.phi () != id && pi.phi () != ad
	&& !virtual_operand_p (gimple_phi_result (pi.phi ())))
      return false;
  /* After loop 1: its header's value is the count of all stores. */
  return !flow_bb_inside_loop_p (l1.loop, h)
	 && dominated_by_p (CDI_DOMINATORS, h, l1.loop->header);
}

static tree
element0 (tree v)
{
  tree elem = TREE_TYPE (TREE_TYPE (v));
  tree domain = TYPE_DOMAIN (TREE_TYPE (v));
  tree itype = domain ? TREE_TYPE (domain) : sizetype;
  return build4 (ARRAY_REF, elem, v, build_zero_cst (itype), NULL_TREE,
		 NULL_TREE);
}

static bool
fuse (function *fun, tree v)
{
  tree elem = TREE_TYPE (TREE_TYPE (v));
  gimple *addr = NULL, *load = NULL;
  basic_block bb;
  FOR_EACH_BB_FN (bb, fun)
    for (gimple_stmt_iterator gsi = gsi_start_bb (bb); !gsi_end_p (gsi);
	 gsi_next (&gsi))
      {
	gimple *g = gsi_stmt (gsi);
	if (is_gimple_debug (g) || !parc_stmt_mentions (g, v))
	  continue;
	if (gimple_clobber_p (g) && gimple_assign_lhs (g) == v)
	  continue;
	if (!gimple_assign_single_p (g) || gimple_has_volatile_ops (g)
	    || TREE_CODE (gimple_assign_lhs (g)) != SSA_NAME)
	  return false;
	tree rhs = gimple_assign_rhs1 (g);
	if (!addr && TREE_CODE (rhs) == ADDR_EXPR
	    && index_of (TREE_OPERAND (rhs, 0), v))
	  addr = g;
	else if (!load && index_of (rhs, v))
	  load = g;
	else
	  return false;
      }
  if (!addr || !load)
    return false;
  tree p = gimple_assign_lhs (addr);
  use_operand_p use;
  gimple *store;
  if (!single_imm_use (p, &use, &store) || !gimple_assign_single_p (store)
      || gimple_has_volatile_ops (store))
    return false;
  tree lhs = gimple_assign_lhs (store);
  if (TREE_CODE (lhs) != MEM_REF || TREE_OPERAND (lhs, 0) != p
      || !integer_zerop (TREE_OPERAND (lhs, 1))
      || !types_compatible_p (TREE_TYPE (lhs), elem))
    return false;
  loop1 l1;
  gcond *cond;
  if (!prove_loop1 (addr, store, elem, l1)
      || !prove_loop2 (load, elem, l1, &cond))
    return false;

  /* Step 1: the store adds into element 0. */
  location_t loc = gimple_location (store);
  tree x = gimple_assign_rhs1 (store);
  tree t1 = make_ssa_name (elem), t2 = make_ssa_name (elem);
  gimple_seq seq = NULL;
  gimple *g = gimple_build_assign (t1, element0 (v));
  gimple_set_location (g, loc);
  gimple_seq_add_stmt (&seq, g);
  g = gimple_build_assign (t2, PLUS_EXPR, t1, x);
  gimple_set_location (g, loc);
  gimple_seq_add_stmt (&seq, g);
  g = gimple_build_assign (element0 (v), t2);
  gimple_set_location (g, loc);
  gimple_seq_add_stmt (&seq, g);
  gimple_stmt_iterator gsi = gsi_for_stmt (store);
  gsi_insert_seq_before (&gsi, seq, GSI_SAME_STMT);
  parc_remove_stmt (store);
  reset_debug_uses (addr);
  parc_remove_stmt (addr);
  /* Step 2: element 0 starts at 0 on the way into loop 1. */
  gsi_insert_on_edge_immediate (loop_preheader_edge (l1.loop),
				gimple_build_assign (element0 (v),
						     build_zero_cst (elem)));
  /* Step 3: loop 2 reads element 0 once (0 when nothing was stored: step
     2 ran on the way to it), so the count is no longer needed. */
  tree one = build_one_cst (TREE_TYPE (l1.kh));
  if (gimple_cond_lhs (cond) == l1.kh)
    gimple_cond_set_lhs (cond, one);
  else
    gimple_cond_set_rhs (cond, one);
  update_stmt (cond);
  if (dump_file)
    fprintf (dump_file, "parc: sum fused: the results stored in '%s' are "
	     "added as they come\n",
	     DECL_NAME (v) ? IDENTIFIER_POINTER (DECL_NAME (v)) : "?");
  return true;
}

bool
parc_fuse_sums (void)
{
  auto_vec<tree> arrays;
  unsigned ix;
  tree var;
  FOR_EACH_LOCAL_DECL (cfun, ix, var)
    if (VAR_P (var) && TREE_CODE (TREE_TYPE (var)) == ARRAY_TYPE
	&& INTEGRAL_TYPE_P (TREE_TYPE (TREE_TYPE (var)))
	&& auto_var_in_fn_p (var, current_function_decl)
	&& !TREE_THIS_VOLATILE (var) && !arrays.contains (var))
      arrays.safe_push (var);
  if (arrays.is_empty ())
    return false;
  loop_optimizer_init (LOOPS_NORMAL);
  bool changed = false;
  for (tree v : arrays)
    if (fuse (cfun, v))
      changed = true;
  loop_optimizer_finalize ();
  free_dominance_info (CDI_DOMINATORS);
  return changed;
}
