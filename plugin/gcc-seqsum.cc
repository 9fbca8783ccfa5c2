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
 *     k_8 = 0;                              (2) counts[0] = S;  before loop 1
 *   loop 1 (header: k_21 = PHI <k_8, k_36>):
 *     _23 = &counts[k_21];                  (1) t_1 = counts[0];
 *     _24 = f (...);                            t_2 = t_1 + _24;
 *     *_23 = _24;                               counts[0] = t_2;
 *     k_25 = k_21 + 1;                          k_25 = k_21 + 1;
 *   loop 2 (header: i_29 = PHI <0, i_33>, count_31 = PHI <S, count_32>):
 *     if (k_21 > i_29) ...                  (3) if (1 > i_29) ...,
 *     _30 = counts[i_29];                       count_31 = PHI <0, count_32>
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
 * value), and does nothing but add each element to a sum that starts at S,
 * a constant or a value known on the way into loop 1 (i is not used after
 * it: the loop now runs once).  Then loop 2 computed
 * (((S + e0) + e1) + ...) + e(k-1) over the k results in the order they
 * were stored, which is exactly what element 0 now computes: the same
 * additions in the same order, so no overflow appears that the program
 * did not have.
 *
 * The same for a loop split into a range function (gcc-loops.cc), whose
 * stores are in that function: "Across a split loop" below.
 */
#include "gcc-compat.h"

#include "cfgloop.h"
#include "dumpfile.h"
#include "tree-cfg.h"
#include "tree-ssa.h"
#include "tree-dfa.h"
#include "gimplify.h"
#include "tree-pretty-print.h"
#include "cgraph.h"

#include "gcc-markers.h"
#include "gcc-seqsum.h"
#include "gcc-promote.h"

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

/* T with copies looked through: the constant or the SSA name whose value
   T has. */
static tree
value_of (tree t)
{
  while (TREE_CODE (t) == SSA_NAME)
    {
      gimple *d = SSA_NAME_DEF_STMT (t);
      if (!gimple_assign_single_p (d) || gimple_has_volatile_ops (d))
	break;
      tree rhs = gimple_assign_rhs1 (d);
      if (TREE_CODE (rhs) != SSA_NAME && TREE_CODE (rhs) != INTEGER_CST)
	break;
      t = rhs;
    }
  return t;
}

/* Zero, or an SSA name set to zero. */
static bool
zero_p (tree t)
{
  return integer_zerop (value_of (t));
}

/* Whether the value T (from value_of) can be read at the end of block B:
   a constant, a parameter's value, or a name defined in a block that
   dominates B. */
static bool
available_at (tree t, basic_block b)
{
  if (TREE_CODE (t) == INTEGER_CST)
    return true;
  if (TREE_CODE (t) != SSA_NAME)
    return false;
  if (SSA_NAME_IS_DEFAULT_DEF (t))
    return true;
  basic_block d = gimple_bb (SSA_NAME_DEF_STMT (t));
  return d && dominated_by_p (CDI_DOMINATORS, b, d);
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

/* What the proof of loop 2 finds. */
struct loop2
{
  class loop *loop;
  gcond *cond;		/* i < BOUND */
  tree bound;		/* as written in the test */
  gphi *acc;		/* the sum's PHI in the header */
  tree start;		/* the sum's first value (value_of) */
};

/* Step 3's conditions: LOAD is loop 2's only work, a sum from START of
   V[0] .. V[BOUND-1].  Fills L2; the callers check what BOUND and START
   must be. */
static bool
prove_loop2 (gimple *load, tree elem, loop2 &l2)
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
  gcond *cond = as_a<gcond *> (last);
  tree a = gimple_cond_lhs (cond), b = gimple_cond_rhs (cond);
  enum tree_code code = gimple_cond_code (cond);
  if (code == GT_EXPR && b == i && TREE_CODE (a) == SSA_NAME)
    l2.bound = a;
  else if (code == LT_EXPR && a == i && TREE_CODE (b) == SSA_NAME)
    l2.bound = b;
  else
    return false;
  l2.loop = loop;
  l2.cond = cond;
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
      || PHI_ARG_DEF_FROM_EDGE (id, latch) != gimple_assign_lhs (inc)
      || !zero_p (PHI_ARG_DEF_FROM_EDGE (id, pre)))
    return false;
  /* Fewer iterations change nothing else: i and its increment serve the
     loop only, and the header merges nothing but i and the sum. */
  imm_use_iterator it;
  gimple *u;
  FOR_EACH_IMM_USE_STMT (u, it, i)
    if (!is_gimple_debug (u) && u != load && u != inc && u != cond)
      return false;
  FOR_EACH_IMM_USE_STMT (u, it, gimple_assign_lhs (inc))
    if (!is_gimple_debug (u) && u != id)
      return false;
  for (gphi_iterator pi = gsi_start_phis (h); !gsi_end_p (pi); gsi_next (&pi))
    if (pi.phi () != id && pi.phi () != ad
	&& !virtual_operand_p (gimple_phi_result (pi.phi ())))
      return false;
  l2.acc = as_a<gphi *> (ad);
  l2.start = value_of (PHI_ARG_DEF_FROM_EDGE (ad, pre));
  return true;
}

/* Step 3 (both kinds): loop 2 reads element 0 once, from a sum that starts
   at 0: element 0 started at the program's first value (step 2), so the
   count is no longer needed. */
static void
run_loop2_once (const loop2 &l2, tree elem)
{
  tree one = build_one_cst (TREE_TYPE (l2.bound));
  if (gimple_cond_lhs (l2.cond) == l2.bound)
    gimple_cond_set_lhs (l2.cond, one);
  else
    gimple_cond_set_rhs (l2.cond, one);
  update_stmt (l2.cond);
  edge pre = loop_preheader_edge (l2.loop);
  SET_PHI_ARG_DEF (l2.acc, pre->dest_idx, build_zero_cst (elem));
}

/* Step 1 (both kinds): STORE, *P = X, becomes REF0 = REF0 + X, with REF0
   element 0 of the array; the address ADDR goes. */
static void
accumulate (gimple *store, gimple *addr, tree ref0, tree elem)
{
  location_t loc = gimple_location (store);
  tree x = gimple_assign_rhs1 (store);
  tree t1 = make_ssa_name (elem), t2 = make_ssa_name (elem);
  gimple_seq seq = NULL;
  gimple *g = gimple_build_assign (t1, unshare_expr (ref0));
  gimple_set_location (g, loc);
  gimple_seq_add_stmt (&seq, g);
  g = gimple_build_assign (t2, PLUS_EXPR, t1, x);
  gimple_set_location (g, loc);
  gimple_seq_add_stmt (&seq, g);
  g = gimple_build_assign (unshare_expr (ref0), t2);
  gimple_set_location (g, loc);
  gimple_seq_add_stmt (&seq, g);
  gimple_stmt_iterator gsi = gsi_for_stmt (store);
  gsi_insert_seq_before (&gsi, seq, GSI_SAME_STMT);
  parc_remove_stmt (store);
  reset_debug_uses (addr);
  parc_remove_stmt (addr);
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
  loop2 l2;
  if (!prove_loop1 (addr, store, elem, l1) || !prove_loop2 (load, elem, l2))
    return false;
  /* Loop 2 counts to loop 1's count, comes after loop 1 (its header's
     value is then the count of all stores), and its sum's first value can
     be stored on the way into loop 1. */
  basic_block h2 = l2.loop->header;
  edge pre1 = loop_preheader_edge (l1.loop);
  if (l2.bound != l1.kh || flow_bb_inside_loop_p (l1.loop, h2)
      || !dominated_by_p (CDI_DOMINATORS, h2, l1.loop->header)
      || !available_at (l2.start, pre1->src))
    return false;

  /* Step 1: the store adds into element 0. */
  accumulate (store, addr, element0 (v), elem);
  /* Step 2: element 0 starts at the sum's first value on the way into
     loop 1. */
  gsi_insert_on_edge_immediate (pre1, gimple_build_assign
				(element0 (v), fold_convert (elem, l2.start)));
  /* Step 3: loop 2 reads element 0 once (the first value when nothing was
     stored: step 2 ran on the way to it). */
  run_loop2_once (l2, elem);
  if (dump_file)
    fprintf (dump_file, "parc: sum fused: the results stored in '%s' are "
	     "added as they come\n",
	     DECL_NAME (v) ? IDENTIFIER_POINTER (DECL_NAME (v)) : "?");
  return true;
}

/* The local integer arrays of cfun that may be fused. */
static void
candidate_arrays (auto_vec<tree> &arrays)
{
  unsigned ix;
  tree var;
  FOR_EACH_LOCAL_DECL (cfun, ix, var)
    if (VAR_P (var) && TREE_CODE (TREE_TYPE (var)) == ARRAY_TYPE
	&& INTEGRAL_TYPE_P (TREE_TYPE (TREE_TYPE (var)))
	&& auto_var_in_fn_p (var, current_function_decl)
	&& !TREE_THIS_VOLATILE (var) && !arrays.contains (var))
      arrays.safe_push (var);
}

/* Calls FUSE_ONE (V, DATA) for each candidate array V of the current
   function, with the loop structures both kinds of fusion read; true when
   one of the calls changed the function. */

static bool
fuse_each_array (bool (*fuse_one) (tree, void *), void *data)
{
  auto_vec<tree> arrays;
  candidate_arrays (arrays);
  if (arrays.is_empty ())
    return false;
  loop_optimizer_init (LOOPS_NORMAL);
  bool changed = false;
  for (tree v : arrays)
    if (fuse_one (v, data))
      changed = true;
  loop_optimizer_finalize ();
  free_dominance_info (CDI_DOMINATORS);
  return changed;
}

bool
parc_fuse_sums (void)
{
  return fuse_each_array ([] (tree v, void *) { return fuse (cfun, v); },
			  NULL);
}

/* ---- Across a split loop ---------------------------------------------------

   A loop split into a range function (gcc-loops.cc) stores its results from
   there, through the address of the parent's array:

     parent clone:                          range clone R (lo, hi, grain, ..., r):
       if (0 < c)                             iv_1 = lo;
	 R (0, c, grain, ..., &v);            loop L (header: iv = PHI <iv_1, iv_2>):
       loop 2: n = S + v[0] + ... + v[c-1]      if (hi > iv) ... else return
					        _5 = &(*r)[iv];
					        _6 = f (...);
					        *_5 = _6;
					        iv_2 = iv + 1;

   R's clone runs its whole range as one loop (gcc-lower.cc), so when the
   parent passes [0, c) it stores v[0], v[1], ... v[c-1], once each, in that
   order, and loop 2 adds them in the same order.  The parent's call then
   goes to a copy R' of R whose store adds into element 0 (1), element 0
   starts at S before the call (2), and loop 2 reads it once (3), as in one
   function.  R itself stays as it is: the parallel version's lazy forks
   call it with arrays that must hold every result.

   The conditions, in the parent: V is mentioned by one address, passed to
   R and nowhere else in the call, one load (loop 2's, as above, S a
   constant or a value known before the call), and scope ends that cannot
   reach loop 2; R's first two arguments are 0 and loop 2's bound; the
   call, and the place where step 2 stores S (the nearest block that
   dominates both the call and loop 2), lie on no cycle.  In R: the array
   parameter's one use is the address of element IV of the loop L whose
   header starts IV at lo, tests hi > IV (or IV < hi) and is L's only exit,
   whose latch gets IV + 1, and in which the store's block runs on every
   iteration (it dominates the latch); L lies on no other cycle.  */

/* R's side of the proof, in FUN (R or its copy), P being the array
   parameter's value: sets the address and the store to rewrite, and
   element 0 of the array P points to. */
static bool
prove_range_loop (function *fun, tree p, tree elem, gimple **addr_out,
		  gimple **store_out, tree *ref0)
{
  tree lo = ssa_default_def (fun, DECL_ARGUMENTS (fun->decl));
  tree hi = ssa_default_def (fun, DECL_CHAIN (DECL_ARGUMENTS (fun->decl)));
  use_operand_p use;
  gimple *addr, *store;
  if (!lo || !hi || !single_imm_use (p, &use, &addr)
      || !gimple_assign_single_p (addr)
      || TREE_CODE (gimple_assign_lhs (addr)) != SSA_NAME
      || TREE_CODE (gimple_assign_rhs1 (addr)) != ADDR_EXPR)
    return false;
  tree ref = TREE_OPERAND (gimple_assign_rhs1 (addr), 0);
  if (TREE_CODE (ref) != ARRAY_REF)
    return false;
  tree base = TREE_OPERAND (ref, 0);
  if (TREE_CODE (base) != MEM_REF || TREE_OPERAND (base, 0) != p
      || !integer_zerop (TREE_OPERAND (base, 1)))
    return false;
  tree i = index_of (ref, base);
  if (!i || !single_imm_use (gimple_assign_lhs (addr), &use, &store)
      || !gimple_assign_single_p (store) || gimple_has_volatile_ops (store))
    return false;
  tree lhs = gimple_assign_lhs (store);
  if (TREE_CODE (lhs) != MEM_REF
      || TREE_OPERAND (lhs, 0) != gimple_assign_lhs (addr)
      || !integer_zerop (TREE_OPERAND (lhs, 1))
      || !types_compatible_p (TREE_TYPE (lhs), elem)
      || !types_compatible_p (TREE_TYPE (gimple_assign_rhs1 (store)), elem))
    return false;
  /* The index is L's IV: from lo, by one per iteration. */
  tree iv = value_of (i);
  gimple *hd = SSA_NAME_DEF_STMT (iv);
  basic_block sb = gimple_bb (store), h = gimple_bb (hd);
  if (TREE_CODE (iv) != SSA_NAME || gimple_code (hd) != GIMPLE_PHI || !h
      || gimple_phi_num_args (hd) != 2)
    return false;
  class loop *l = h->loop_father;
  if (h != l->header || !loop_outer (l) || loop_outer (loop_outer (l))
      || sb->loop_father != l
      || !dominated_by_p (CDI_DOMINATORS, l->latch, sb))
    return false;
  edge pre = loop_preheader_edge (l), latch = loop_latch_edge (l);
  if (value_of (PHI_ARG_DEF_FROM_EDGE (hd, pre)) != lo
      || (pre->src->flags & BB_IRREDUCIBLE_LOOP))
    return false;
  tree next = PHI_ARG_DEF_FROM_EDGE (hd, latch);
  if (TREE_CODE (next) != SSA_NAME
      || !increment_of (SSA_NAME_DEF_STMT (next), iv, iv))
    return false;
  /* The header tests IV against hi and is the only exit. */
  gimple *last = last_stmt (h);
  if (!last || gimple_code (last) != GIMPLE_COND)
    return false;
  gcond *cond = as_a<gcond *> (last);
  tree a = gimple_cond_lhs (cond), b = gimple_cond_rhs (cond);
  enum tree_code code = gimple_cond_code (cond);
  if (!((code == GT_EXPR && a == hi && b == iv)
	|| (code == LT_EXPR && a == iv && b == hi)))
    return false;
  edge t, f;
  extract_true_false_edges_from_block (h, &t, &f);
  if (!flow_bb_inside_loop_p (l, t->dest))
    return false;
  auto_vec<edge> exits = get_loop_exit_edges (l);
  if (exits.length () != 1 || exits[0] != f)
    return false;
  *addr_out = addr;
  *store_out = store;
  *ref0 = build4 (ARRAY_REF, elem, unshare_expr (base),
		  build_zero_cst (TREE_TYPE (i)), NULL_TREE, NULL_TREE);
  return true;
}

/* R's proof, in its own body (R is not changed). */
static bool
range_stores_in_order (tree r, unsigned parm, tree elem)
{
  function *fun = DECL_STRUCT_FUNCTION (r);
  if (!fun || !fun->cfg || !gimple_in_ssa_p (fun))
    return false;
  tree arg = DECL_ARGUMENTS (r);
  for (unsigned k = 0; arg && k < parm; k++)
    arg = DECL_CHAIN (arg);
  if (!arg)
    return false;
  push_cfun (fun);
  loop_optimizer_init (LOOPS_NORMAL);
  tree p = ssa_default_def (fun, arg);
  gimple *addr, *store;
  tree ref0;
  bool ok = p && prove_range_loop (fun, p, elem, &addr, &store, &ref0);
  loop_optimizer_finalize ();
  free_dominance_info (CDI_DOMINATORS);
  pop_cfun ();
  return ok;
}

/* Step 1 in R', a fresh copy of R proved as above; then R's loop record
   (gcc-promote.cc), whose promoted parts add into element 0 too. */
static bool
accumulate_in_copy (tree copy, tree r, unsigned parm, tree elem)
{
  function *fun = DECL_STRUCT_FUNCTION (copy);
  tree arg = DECL_ARGUMENTS (copy);
  for (unsigned k = 0; arg && k < parm; k++)
    arg = DECL_CHAIN (arg);
  push_cfun (fun);
  loop_optimizer_init (LOOPS_NORMAL);
  tree p = arg ? ssa_default_def (fun, arg) : NULL_TREE;
  gimple *addr, *store;
  tree ref0;
  bool ok = p && prove_range_loop (fun, p, elem, &addr, &store, &ref0);
  if (ok)
    accumulate (store, addr, ref0, elem);
  loop_optimizer_finalize ();
  free_dominance_info (CDI_DOMINATORS);
  if (ok)
    parc_promote_clone (r, p, elem);
  if (ok)
    {
      parc_update_function ();
      if (dump_file)
	{
	  fprintf (dump_file, "\n;; parc: %s, adding into element 0\n",
		   IDENTIFIER_POINTER (DECL_NAME (copy)));
	  dump_function_to_file (copy, dump_file, dump_flags);
	}
    }
  pop_cfun ();
  return ok;
}

static bool
on_no_cycle (basic_block b)
{
  return !loop_outer (b->loop_father) && !(b->flags & BB_IRREDUCIBLE_LOOP);
}

/* V in cfun, the parent clone: the parent's side of the proof, then the
   rewrite.  */
static bool
fuse_range (tree v, hash_set<tree> &ranges)
{
  tree elem = TREE_TYPE (TREE_TYPE (v));
  gcall *call = NULL;
  gimple *load = NULL;
  auto_vec<basic_block> ends;
  basic_block bb;
  FOR_EACH_BB_FN (bb, cfun)
    for (gimple_stmt_iterator gsi = gsi_start_bb (bb); !gsi_end_p (gsi);
	 gsi_next (&gsi))
      {
	gimple *g = gsi_stmt (gsi);
	if (is_gimple_debug (g) || !parc_stmt_mentions (g, v))
	  continue;
	if (gimple_clobber_p (g) && gimple_assign_lhs (g) == v)
	  ends.safe_push (bb);
	else if (!call && is_gimple_call (g) && gimple_call_fndecl (g)
		 && ranges.contains (gimple_call_fndecl (g)))
	  call = as_a<gcall *> (g);
	else if (!load && gimple_assign_single_p (g)
		 && !gimple_has_volatile_ops (g)
		 && TREE_CODE (gimple_assign_lhs (g)) == SSA_NAME
		 && index_of (gimple_assign_rhs1 (g), v))
	  load = g;
	else
	  return false;
      }
  if (!call || !load || gimple_call_lhs (call)
      || gimple_call_num_args (call) < 3)
    return false;
  /* &V is one argument, and nothing else in the call mentions V. */
  unsigned parm = 0, found = 0;
  for (unsigned k = 0; k < gimple_call_num_args (call); k++)
    {
      tree a = gimple_call_arg (call, k);
      if (TREE_CODE (a) == ADDR_EXPR && TREE_OPERAND (a, 0) == v)
	{
	  parm = k;
	  found++;
	}
      else if (walk_tree_without_duplicates (&a, [] (tree *tp, int *, void *d)
					     { return *tp == (tree) d ? *tp
						      : NULL_TREE; },
					     v))
	return false;
    }
  loop2 l2;
  if (found != 1 || !prove_loop2 (load, elem, l2)
      || !zero_p (gimple_call_arg (call, 0))
      || value_of (gimple_call_arg (call, 1)) != value_of (l2.bound))
    return false;
  basic_block cb = gimple_bb (call), h2 = l2.loop->header;
  basic_block at = nearest_common_dominator (CDI_DOMINATORS, cb,
					     loop_preheader_edge (l2.loop)->src);
  if (!on_no_cycle (cb) || !on_no_cycle (at) || loop_outer (l2.loop)
      != cb->loop_father || !available_at (l2.start, at))
    return false;
  /* When the call's block is that place, S is stored before the call, so
     it must not be computed after it in that block. */
  if (at == cb && TREE_CODE (l2.start) == SSA_NAME
      && !SSA_NAME_IS_DEFAULT_DEF (l2.start)
      && gimple_bb (SSA_NAME_DEF_STMT (l2.start)) == cb)
    return false;
  hash_set<basic_block> from_call;
  reach (cb, NULL, from_call);
  if (!from_call.contains (h2))
    return false;
  for (basic_block e : ends)
    {
      hash_set<basic_block> later;
      reach (e, NULL, later);
      if (later.contains (h2))
	return false;
    }
  tree r = gimple_call_fndecl (call);
  if (!range_stores_in_order (r, parm, elem))
    return false;
  cgraph_node *copy = cgraph_node::get (r)->create_version_clone_with_body
    (vNULL, NULL, NULL, NULL, NULL, "parc_sum");
  if (!copy || !accumulate_in_copy (copy->decl, r, parm, elem))
    return false; /* the copy is never called, and goes */

  /* Step 1 is in R'; the parent calls it. */
  gimple_call_set_fndecl (call, copy->decl);
  update_stmt (call);
  /* Step 2: element 0 starts at the sum's first value, where every path
     to the call and to loop 2 passes. */
  gimple *init = gimple_build_assign (element0 (v),
				      fold_convert (elem, l2.start));
  gimple_stmt_iterator gsi = gsi_last_bb (at);
  if (at == cb)
    {
      /* The call's block dominates loop 2: S goes right before the call
	 (at the block's end it would come after the stores). */
      gsi = gsi_for_stmt (call);
      gsi_insert_before (&gsi, init, GSI_SAME_STMT);
    }
  else if (!gsi_end_p (gsi) && stmt_ends_bb_p (gsi_stmt (gsi)))
    gsi_insert_before (&gsi, init, GSI_SAME_STMT);
  else
    gsi_insert_after (&gsi, init, GSI_NEW_STMT);
  /* Step 3. */
  run_loop2_once (l2, elem);
  if (dump_file)
    fprintf (dump_file, "parc: sum fused across a split loop: the results "
	     "stored in '%s' by %s are added as they come (in %s)\n",
	     DECL_NAME (v) ? IDENTIFIER_POINTER (DECL_NAME (v)) : "?",
	     IDENTIFIER_POINTER (DECL_NAME (r)),
	     IDENTIFIER_POINTER (DECL_NAME (copy->decl)));
  return true;
}

bool
parc_fuse_range_sums (hash_set<tree> &ranges)
{
  return fuse_each_array (
    [] (tree v, void *data) {
      return fuse_range (v, *static_cast<hash_set<tree> *> (data));
    },
    &ranges);
}
