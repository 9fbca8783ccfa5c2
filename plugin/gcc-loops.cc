/* gcc-loops.cc: counted loops of forks become divide and conquer (cilk_for).
 *
 * Purpose: a loop that forks once per iteration and is joined right after
 * it spawns its iterations one by one: the parent is a serial bottleneck
 * (span = trip count) and every steal takes a single iteration.  When the
 * loop's shape allows it, its body moves into an outlined range function
 * that splits [lo, hi) in halves, forking the upper half, down to a grain,
 * and runs the iterations of a leaf in order: O(log n) span and frames, and
 * a thief takes half of what is left.  docs/lowering.md has the rules.
 *
 * Where: at PLUGIN_PRE_GENERICIZE, after the source-order checks and before
 * the forked statements are normalized (gcc-glue.cc), on the C front end's
 * FOR_STMT, which still has the loop's parts; the range function is GENERIC
 * and then goes through the same steps as a function of the user's.
 *
 * Before/after (the numbers are the steps in the code):
 *
 *     for (i = a; i < n; i++) {            if (i < n) {           (3) the
 *         if (ok (b, i))                      lo = i; hi = n;         loop's
 *     #pragma parc fork                        f.parc_loop.4 (lo, hi,  place
 *             r[i] = solve (b, i);               parcint_lgrain (...),
 *     }                                          b, &r);
 *     #pragma parc join                        i = hi;
 *                                           }
 *                                           #pragma parc join
 *
 *     static void f.parc_loop.4 (T lo, T hi, UT grain, int *b, long (*r)[14])
 *     {                                                       (2) the range
 *       if ((UT) hi - (UT) lo > grain)                            function
 *         {
 *           mid = lo + ((UT) hi - (UT) lo) / 2;
 *     #pragma parc fork
 *           f.parc_loop.4 (mid, hi, grain, b, r);
 *           f.parc_loop.4 (lo, mid, grain, b, r);
 *           return;                          (implicit join)
 *         }
 *       for (iv = lo; iv < hi; iv++)
 *         { i = iv;  if (ok (b, i))  #pragma parc fork  (*r)[i] = solve (b, i); }
 *     }
 *
 * (1) The rules, checked on the source shape: the loop is `for (...; i < E;
 * i++)` (or `E > i`, `++i`, `i += 1`, `i = i + 1`) over a local integer i
 * whose address is never taken; E has no side effect and nothing in the body
 * assigns what it reads; the statement after the loop (or after the block
 * that declares i) is `#pragma parc join`, so the parent does nothing while
 * the iterations run and may hand its locals to them; the body forks at
 * least once, joins never, has no break (of this loop), return, goto, label
 * or asm, assigns only variables declared in it (a forked call's
 * destination aside), and calls nothing but forks and functions known to be
 * pure (marked PARC_PURE, or pure in the library table): what the original
 * loop ran in the parent, in order, now runs in parallel, so it must not
 * write anything shared or depend on order.  Outer locals the body uses are
 * passed by value when they are scalars it only reads, by address otherwise.
 * Any other loop keeps the plain lowering (bounded frames, gcc-lower.cc).
 */
#include "gcc-compat.h"

#include "gimplify.h"
#include "tree-inline.h"

#include "gcc-loops.h"
#include "gcc-markers.h"
#include "gcc-options.h"
#include "gcc-promote.h"

#include <stdio.h>

/* ---- (1) The rules ---------------------------------------------------------- */

struct loop_scan
{
  const parc_loop_hooks *hooks;
  tree fndecl;
  tree iv;
  hash_set<tree> locals;	/* declared in the body */
  auto_vec<tree> captured;	/* outer locals the body uses, in order */
  hash_set<tree> capset;
  hash_set<tree> by_address;	/* captured by address */
  int forks;
  int bc_depth;			/* enclosing loops and switches in the body */
  bool ok;
};

static bool
outer_local (loop_scan &s, tree t)
{
  return (VAR_P (t) || TREE_CODE (t) == PARM_DECL) && !is_global_var (t)
	 && t != s.iv && !s.locals.contains (t);
}

static void
capture (loop_scan &s, tree t, bool address)
{
  if (DECL_REGISTER (t) || TREE_THIS_VOLATILE (t))
    {
      s.ok = false;
      return;
    }
  if (!s.capset.add (t))
    s.captured.safe_push (t);
  tree type = TREE_TYPE (t);
  if (address || TREE_ADDRESSABLE (t) || AGGREGATE_TYPE_P (type)
      || !(INTEGRAL_TYPE_P (type) || POINTER_TYPE_P (type)
	   || SCALAR_FLOAT_TYPE_P (type)))
    s.by_address.add (t);
}

/* The variable an assignment's target names, or NULL_TREE. */
static tree
target_var (tree t)
{
  STRIP_NOPS (t);
  return VAR_P (t) || TREE_CODE (t) == PARM_DECL ? t : NULL_TREE;
}

static tree scan_expr_r (tree *tp, int *walk_subtrees, void *data);

struct expr_scan
{
  loop_scan *s;
  tree fork_call;	/* the forked call of a forked statement */
};

static void
scan_expr (loop_scan &s, tree t, tree fork_call)
{
  expr_scan es = { &s, fork_call };
  walk_tree_without_duplicates (&t, scan_expr_r, &es);
}

static tree
scan_expr_r (tree *tp, int *walk_subtrees, void *data)
{
  expr_scan *es = (expr_scan *) data;
  loop_scan &s = *es->s;
  tree t = *tp;
  if (!s.ok)
    return t;
  switch (TREE_CODE (t))
    {
    case VAR_DECL:
    case PARM_DECL:
      if (VAR_P (t) && is_global_var (t) && !TREE_READONLY (t))
	s.ok = false;	/* shared state: the range function, which is forked,
			   would not be contained */
      else if (outer_local (s, t))
	capture (s, t, false);
      return NULL_TREE;
    case ADDR_EXPR:
      {
	tree base = get_base_address (TREE_OPERAND (t, 0));
	if (base && outer_local (s, base))
	  capture (s, base, true);
	else if (base == s.iv)
	  s.ok = false;
	return NULL_TREE;
      }
    case MODIFY_EXPR:
    case INIT_EXPR:
    case PREINCREMENT_EXPR:
    case PREDECREMENT_EXPR:
    case POSTINCREMENT_EXPR:
    case POSTDECREMENT_EXPR:
      {
	tree v = target_var (TREE_OPERAND (t, 0));
	if (!v || !s.locals.contains (v))
	  s.ok = false;
	return NULL_TREE == NULL_TREE && !s.ok ? t : NULL_TREE;
      }
    case CALL_EXPR:
      {
	if (t == es->fork_call)
	  return NULL_TREE;
	tree fn = get_callee_fndecl (t);
	if (!fn || parc_generic_marker_kind (t) || !s.hooks->known_pure (fn))
	  s.ok = false;
	return NULL_TREE;
      }
    case COMPOUND_LITERAL_EXPR:
    case STMT_EXPR:
    case ASM_EXPR:
    case LABEL_DECL:
    case ADDR_SPACE_CONVERT_EXPR:
      s.ok = false;
      return t;
    default:
      if (TYPE_P (t))
	*walk_subtrees = 0;
      return NULL_TREE;
    }
}

static void scan_stmt (loop_scan &s, tree t);

/* The forked statement after a fork marker: its destination may be any
   lvalue (it is written by the fork); what it reads is captured. */
static void
scan_forked (loop_scan &s, tree t)
{
  tree call = NULL_TREE, dest = NULL_TREE;
  if (TREE_CODE (t) == CALL_EXPR)
    call = t;
  else if (TREE_CODE (t) == MODIFY_EXPR)
    {
      dest = TREE_OPERAND (t, 0);
      call = TREE_OPERAND (t, 1);
    }
  if (!call || TREE_CODE (call) != CALL_EXPR)
    {
      s.ok = false;	/* a shape the fork check rejects anyway */
      return;
    }
  if (dest)
    {
      /* The destination's object is written through its address: capture
	 by address what it names. */
      tree base = get_base_address (dest);
      if (base && outer_local (s, base))
	capture (s, base, true);
      scan_expr (s, dest, NULL_TREE);
    }
  for (int i = 0; i < call_expr_nargs (call); i++)
    scan_expr (s, CALL_EXPR_ARG (call, i), NULL_TREE);
  s.forks++;
}

static void
scan_list (loop_scan &s, tree list)
{
  bool after_fork = false;
  for (tree_stmt_iterator i = tsi_start (list); !tsi_end_p (i) && s.ok;
       tsi_next (&i))
    {
      tree t = tsi_stmt (i);
      if (TREE_CODE (t) == DEBUG_BEGIN_STMT)
	continue;
      switch (parc_generic_marker_kind (t))
	{
	case 1:
	  /* its writes clause reads outer locals */
	  for (int k = 2; k < call_expr_nargs (t); k++)
	    scan_expr (s, CALL_EXPR_ARG (t, k), NULL_TREE);
	  after_fork = true;
	  continue;
	case 2:
	  s.ok = false;
	  return;
	}
      if (after_fork)
	{
	  after_fork = false;
	  scan_forked (s, t);
	}
      else
	scan_stmt (s, t);
    }
}

static void
scan_stmt (loop_scan &s, tree t)
{
  if (!t || !s.ok)
    return;
  switch (TREE_CODE (t))
    {
    case STATEMENT_LIST:
      scan_list (s, t);
      return;
    case BIND_EXPR:
      for (tree v = BIND_EXPR_VARS (t); v; v = DECL_CHAIN (v))
	{
	  if (VAR_P (v) && (TREE_STATIC (v) || DECL_EXTERNAL (v)
			    || !DECL_SIZE (v) || !TREE_CONSTANT (DECL_SIZE (v))))
	    s.ok = false;	/* static, extern or variably sized */
	  s.locals.add (v);
	}
      scan_stmt (s, BIND_EXPR_BODY (t));
      return;
    case DECL_EXPR:
      {
	tree d = DECL_EXPR_DECL (t);
	if (VAR_P (d) && !s.locals.contains (d))
	  s.ok = false;
	else if (VAR_P (d) && DECL_INITIAL (d))
	  scan_expr (s, DECL_INITIAL (d), NULL_TREE);
	return;
      }
    case COND_EXPR:
      scan_expr (s, COND_EXPR_COND (t), NULL_TREE);
      scan_stmt (s, COND_EXPR_THEN (t));
      scan_stmt (s, COND_EXPR_ELSE (t));
      return;
    case FOR_STMT:
      s.bc_depth++;
      scan_stmt (s, FOR_INIT_STMT (t));
      if (FOR_COND (t))
	scan_expr (s, FOR_COND (t), NULL_TREE);
      if (FOR_EXPR (t))
	scan_expr (s, FOR_EXPR (t), NULL_TREE);
      scan_stmt (s, FOR_BODY (t));
      s.bc_depth--;
      return;
    case WHILE_STMT:
      s.bc_depth++;
      scan_expr (s, WHILE_COND (t), NULL_TREE);
      scan_stmt (s, WHILE_BODY (t));
      s.bc_depth--;
      return;
    case DO_STMT:
      s.bc_depth++;
      scan_expr (s, DO_COND (t), NULL_TREE);
      scan_stmt (s, DO_BODY (t));
      s.bc_depth--;
      return;
    case SWITCH_STMT:
      s.bc_depth++;
      scan_expr (s, SWITCH_STMT_COND (t), NULL_TREE);
      scan_stmt (s, SWITCH_STMT_BODY (t));
      s.bc_depth--;
      return;
    case BREAK_STMT:
      if (s.bc_depth == 0)
	s.ok = false;
      return;
    case CONTINUE_STMT:
    case CASE_LABEL_EXPR:
    case DEBUG_BEGIN_STMT:
      return;
    case RETURN_EXPR:
    case GOTO_EXPR:
    case LABEL_EXPR:
    case ASM_EXPR:
      s.ok = false;
      return;
    default:
      scan_expr (s, t, NULL_TREE);
      return;
    }
}

/* The loop's bounds: FOR_STMT F counts a local IV up by one from its value
   at entry while IV < *HI (in type *CT, the comparison's type). */
static bool
counted_loop (tree fndecl, tree f, tree *iv, tree *hi, tree *ct)
{
  tree c = FOR_COND (f), inc = FOR_EXPR (f);
  if (!c || !inc || FOR_INIT_STMT (f))
    return false;
  tree a, b;
  bool inclusive = false;
  if (TREE_CODE (c) == LT_EXPR)
    a = TREE_OPERAND (c, 0), b = TREE_OPERAND (c, 1);
  else if (TREE_CODE (c) == GT_EXPR)
    a = TREE_OPERAND (c, 1), b = TREE_OPERAND (c, 0);
  /* the front end folds i < 64 into i <= 63 */
  else if (TREE_CODE (c) == LE_EXPR)
    a = TREE_OPERAND (c, 0), b = TREE_OPERAND (c, 1), inclusive = true;
  else if (TREE_CODE (c) == GE_EXPR)
    a = TREE_OPERAND (c, 1), b = TREE_OPERAND (c, 0), inclusive = true;
  else
    return false;
  if (inclusive)
    {
      /* i <= C with C + 1 representable: i < C + 1 */
      if (TREE_CODE (b) != INTEGER_CST
	  || tree_int_cst_equal (b, TYPE_MAX_VALUE (TREE_TYPE (b))))
	return false;
      b = int_const_binop (PLUS_EXPR, b, build_int_cst (TREE_TYPE (b), 1));
    }
  tree v = a;
  /* (long) i < n: a widening conversion of i keeps the count exact */
  while (CONVERT_EXPR_P (v)
	 && INTEGRAL_TYPE_P (TREE_TYPE (v))
	 && INTEGRAL_TYPE_P (TREE_TYPE (TREE_OPERAND (v, 0)))
	 && (TYPE_PRECISION (TREE_TYPE (v))
	     > TYPE_PRECISION (TREE_TYPE (TREE_OPERAND (v, 0)))
	     || TYPE_PRECISION (TREE_TYPE (v))
		== TYPE_PRECISION (TREE_TYPE (TREE_OPERAND (v, 0))))
	 && (TYPE_UNSIGNED (TREE_TYPE (v))
	     == TYPE_UNSIGNED (TREE_TYPE (TREE_OPERAND (v, 0)))
	     || TYPE_PRECISION (TREE_TYPE (v))
		> TYPE_PRECISION (TREE_TYPE (TREE_OPERAND (v, 0)))))
    v = TREE_OPERAND (v, 0);
  if (!VAR_P (v) || TREE_STATIC (v) || DECL_CONTEXT (v) != fndecl
      || TREE_ADDRESSABLE (v) || TREE_THIS_VOLATILE (v)
      || !INTEGRAL_TYPE_P (TREE_TYPE (v)) || TREE_SIDE_EFFECTS (b))
    return false;
  /* i++, ++i, i += 1, i = i + 1 */
  bool step = false;
  if (TREE_CODE (inc) == POSTINCREMENT_EXPR
      || TREE_CODE (inc) == PREINCREMENT_EXPR)
    step = TREE_OPERAND (inc, 0) == v && integer_onep (TREE_OPERAND (inc, 1));
  else if (TREE_CODE (inc) == MODIFY_EXPR && TREE_OPERAND (inc, 0) == v)
    {
      tree r = TREE_OPERAND (inc, 1);
      STRIP_NOPS (r);
      step = TREE_CODE (r) == PLUS_EXPR
	     && ((target_var (TREE_OPERAND (r, 0)) == v
		  && integer_onep (TREE_OPERAND (r, 1)))
		 || (target_var (TREE_OPERAND (r, 1)) == v
		     && integer_onep (TREE_OPERAND (r, 0))));
    }
  if (!step)
    return false;
  *iv = v;
  *hi = b;
  *ct = TREE_TYPE (a);
  return true;
}

/* Whether a variable E reads is assigned in the body: E must be loop
   invariant.  Conservative: any variable E reads that the body writes or
   whose address is taken anywhere. */
static tree
invariant_r (tree *tp, int *walk_subtrees, void *data)
{
  loop_scan *s = (loop_scan *) data;
  tree t = *tp;
  if (TYPE_P (t))
    *walk_subtrees = 0;
  else if ((VAR_P (t) || TREE_CODE (t) == PARM_DECL)
	   && (t == s->iv || TREE_ADDRESSABLE (t) || TREE_THIS_VOLATILE (t)
	       || s->by_address.contains (t)))
    return t;
  else if (TREE_CODE (t) == CALL_EXPR || TREE_CODE (t) == INDIRECT_REF
	   || TREE_CODE (t) == MEM_REF || TREE_CODE (t) == ARRAY_REF)
    return t;	/* memory the forks may write */
  return NULL_TREE;
}

/* ---- (2) The range function ---------------------------------------------- */

struct copy_state
{
  hash_map<tree, tree> map;	/* decls and SAVE_EXPRs: original -> copy */
  tree fn;
  hash_map<tree, tree> *params;	/* captured decl -> its parameter */
  hash_set<tree> *by_address;
};

static tree
copy_r (tree *tp, int *walk_subtrees, void *data)
{
  copy_state *cs = (copy_state *) data;
  tree t = *tp;
  if (tree *m = cs->map.get (t))
    {
      *tp = *m;
      *walk_subtrees = 0;
      return NULL_TREE;
    }
  if (VAR_P (t) || TREE_CODE (t) == PARM_DECL)
    {
      if (tree *p = cs->params->get (t))
	*tp = cs->by_address->contains (t)
	  ? build1 (INDIRECT_REF, TREE_TYPE (t), *p) : *p;
      *walk_subtrees = 0;
      return NULL_TREE;
    }
  switch (TREE_CODE (t))
    {
    case BIND_EXPR:
      {
	copy_tree_r (tp, walk_subtrees, NULL);
	tree vars = NULL_TREE, *chain = &vars;
	for (tree v = BIND_EXPR_VARS (t); v; v = DECL_CHAIN (v))
	  {
	    tree c = copy_node (v);
	    DECL_CONTEXT (c) = cs->fn;
	    cs->map.put (v, c);
	    *chain = c;
	    chain = &DECL_CHAIN (c);
	  }
	*chain = NULL_TREE;
	BIND_EXPR_VARS (*tp) = vars;
	return NULL_TREE;
      }
    case SAVE_EXPR:
      {
	copy_tree_r (tp, walk_subtrees, NULL);
	cs->map.put (t, *tp);
	return NULL_TREE;
      }
    case CALL_EXPR:
      copy_tree_r (tp, walk_subtrees, NULL);
      if (parc_generic_marker_kind (t) == 1)
	/* a new fork site: the original loop's sites go away, but site
	   numbers stay unique per unit */
	CALL_EXPR_ARG (*tp, 0) = build_int_cst (integer_type_node,
						parc_new_fork_site ());
      return NULL_TREE;
    default:
      return copy_tree_r (tp, walk_subtrees, NULL);
    }
}

static tree
new_parm (tree fn, tree type, const char *name, tree **chain)
{
  tree p = build_decl (DECL_SOURCE_LOCATION (fn), PARM_DECL,
		       get_identifier (name), type);
  DECL_ARG_TYPE (p) = type;
  DECL_CONTEXT (p) = fn;
  TREE_USED (p) = 1;
  **chain = p;
  *chain = &DECL_CHAIN (p);
  return p;
}

static tree
build_range_fn (loop_scan &s, tree body, tree ct, location_t loc, int n)
{
  tree uct = unsigned_type_for (ct);
  /* The parameters' types: lo, hi, grain, then the captures. */
  auto_vec<tree> types;
  types.safe_push (ct);
  types.safe_push (ct);
  types.safe_push (uct);
  for (tree c : s.captured)
    types.safe_push (s.by_address.contains (c)
		     ? build_pointer_type (TREE_TYPE (c))
		     : TYPE_MAIN_VARIANT (TREE_TYPE (c)));
  tree fntype = build_function_type_array (void_type_node, types.length (),
					   types.address ());
  char name[256];
  snprintf (name, sizeof name, "%s.parc_loop.%d",
	    IDENTIFIER_POINTER (DECL_NAME (s.fndecl)), n);
  tree fn = build_decl (loc, FUNCTION_DECL, get_identifier (name), fntype);
  TREE_STATIC (fn) = 1;
  TREE_USED (fn) = 1;
  DECL_ARTIFICIAL (fn) = 1;
  TREE_PUBLIC (fn) = 0;
  DECL_EXTERNAL (fn) = 0;
  DECL_CONTEXT (fn) = DECL_CONTEXT (s.fndecl);
  tree res = build_decl (loc, RESULT_DECL, NULL_TREE, void_type_node);
  DECL_ARTIFICIAL (res) = 1;
  DECL_IGNORED_P (res) = 1;
  DECL_CONTEXT (res) = fn;
  DECL_RESULT (fn) = res;

  tree parms = NULL_TREE, *chain = &parms;
  tree lo = new_parm (fn, ct, "lo", &chain);
  tree hi = new_parm (fn, ct, "hi", &chain);
  tree grain = new_parm (fn, uct, "grain", &chain);
  hash_map<tree, tree> params;
  for (unsigned k = 0; k < s.captured.length (); k++)
    params.put (s.captured[k],
		new_parm (fn, types[3 + k],
			  DECL_NAME (s.captured[k])
			  ? IDENTIFIER_POINTER (DECL_NAME (s.captured[k]))
			  : "capture", &chain));
  DECL_ARGUMENTS (fn) = parms;

  tree vars = NULL_TREE;
  tree mid = parc_new_local (fn, ct, "mid", &vars);
  tree iv = parc_new_local (fn, ct, "iv", &vars);
  tree icopy = parc_new_local (fn, TREE_TYPE (s.iv),
			IDENTIFIER_POINTER (DECL_NAME (s.iv)), &vars);

  /* The body, for one iteration: i = iv; BODY. */
  copy_state cs;
  cs.fn = fn;
  cs.params = &params;
  cs.by_address = &s.by_address;
  cs.map.put (s.iv, icopy);
  tree copy = body;
  walk_tree (&copy, copy_r, &cs, NULL);
  tree leaf_body = alloc_stmt_list ();
  append_to_statement_list_force
    (build2 (MODIFY_EXPR, TREE_TYPE (icopy), icopy,
	     fold_convert (TREE_TYPE (icopy), iv)), &leaf_body);
  append_to_statement_list_force (copy, &leaf_body);

  /* Split while the range is above the grain: fork the upper half, run
     the lower half here, return (the implicit join). */
  tree span = fold_build2 (MINUS_EXPR, uct, fold_convert (uct, hi),
			   fold_convert (uct, lo));
  tree split = alloc_stmt_list ();
  append_to_statement_list_force
    (build2 (MODIFY_EXPR, ct, mid,
	     fold_build2 (PLUS_EXPR, ct, lo,
			  fold_convert (ct, fold_build2 (RSHIFT_EXPR, uct,
							 unshare_expr (span),
							 integer_one_node)))),
     &split);
  vec<tree, va_gc> *upper = NULL, *lower = NULL;
  vec_safe_push (upper, mid);
  vec_safe_push (upper, hi);
  vec_safe_push (lower, lo);
  vec_safe_push (lower, mid);
  vec_safe_push (upper, grain);
  vec_safe_push (lower, grain);
  for (unsigned k = 0; k < s.captured.length (); k++)
    {
      tree p = *params.get (s.captured[k]);
      vec_safe_push (upper, p);
      vec_safe_push (lower, p);
    }
  append_to_statement_list_force (parc_new_fork_marker (loc), &split);
  append_to_statement_list_force (build_call_expr_loc_vec (loc, fn, upper),
				  &split);
  append_to_statement_list_force (build_call_expr_loc_vec (loc, fn, lower),
				  &split);
  append_to_statement_list_force (build1 (RETURN_EXPR, void_type_node,
					  NULL_TREE), &split);
  tree stmts = alloc_stmt_list ();
  append_to_statement_list_force
    (build3 (COND_EXPR, void_type_node,
	     fold_build2 (GT_EXPR, boolean_type_node, span, grain), split,
	     NULL_TREE), &stmts);

  /* The leaf: the original loop over [lo, hi). */
  append_to_statement_list_force (build2 (MODIFY_EXPR, ct, iv, lo), &stmts);
  append_to_statement_list_force
    (build_stmt (loc, FOR_STMT, NULL_TREE,
		 build2 (LT_EXPR, boolean_type_node, iv, hi),
		 build2 (POSTINCREMENT_EXPR, ct, iv, build_int_cst (ct, 1)),
		 leaf_body, NULL_TREE), &stmts);

  parc_set_body (fn, vars, stmts);
  return fn;
}

/* ---- (3) The loop's place in the parent ------------------------------------ */

static int loop_count;

/* Tries to split the FOR_STMT at *FP of FNDECL; the statement after it is
   the join.  Replaces *FP on success. */
static void
split_loop (tree fndecl, tree *fp, const parc_loop_hooks *hooks)
{
  tree f = *fp;
  tree iv, hi, ct;
  if (!counted_loop (fndecl, f, &iv, &hi, &ct))
    return;

  tree grain_fn = lookup_name ? lookup_name (get_identifier ("parcint_lgrain"))
			      : NULL_TREE;
  if (!grain_fn || TREE_CODE (grain_fn) != FUNCTION_DECL)
    return;
  loop_scan s;
  s.hooks = hooks;
  s.fndecl = fndecl;
  s.iv = iv;
  s.forks = 0;
  s.bc_depth = 0;
  s.ok = true;
  scan_stmt (s, FOR_BODY (f));
  if (!s.ok || s.forks == 0)
    return;
  if (walk_tree_without_duplicates (&hi, invariant_r, &s))
    return;
  for (tree c : s.captured)
    if (s.by_address.contains (c) && DECL_REGISTER (c))
      return;

  location_t loc = EXPR_HAS_LOCATION (f) ? EXPR_LOCATION (f)
					 : DECL_SOURCE_LOCATION (fndecl);
  tree fn = build_range_fn (s, FOR_BODY (f), ct, loc, ++loop_count);
  parc_register_range_function (fn);
  tree promote = parc_promote_build_thunk (fn, ct, loc);
  if (parc_report)
    inform (loc, "loop split divide and conquer into %qs: a fork per half "
	    "down to the grain, the body's forks in the leaves",
	    IDENTIFIER_POINTER (DECL_NAME (fn)));

  /* if (lo < hi) { range (lo, hi, parcint_lgrain (hi - lo), captures);
		    i = hi; }  with lo and hi evaluated once. */
  tree uct = unsigned_type_for (ct);
  tree lo_t = build_decl (loc, VAR_DECL, NULL_TREE, ct);
  tree hi_t = build_decl (loc, VAR_DECL, NULL_TREE, ct);
  for (tree t : { lo_t, hi_t })
    {
      DECL_ARTIFICIAL (t) = 1;
      DECL_IGNORED_P (t) = 1;
      DECL_CONTEXT (t) = fndecl;
      TREE_USED (t) = 1;
    }
  DECL_CHAIN (lo_t) = hi_t;
  tree stmts = alloc_stmt_list ();
  append_to_statement_list_force
    (build2 (MODIFY_EXPR, ct, lo_t, fold_convert (ct, iv)), &stmts);
  append_to_statement_list_force (build2 (MODIFY_EXPR, ct, hi_t, hi), &stmts);
  vec<tree, va_gc> *args = NULL;
  vec_safe_push (args, lo_t);
  vec_safe_push (args, hi_t);
  tree n = fold_convert (TREE_VALUE (TYPE_ARG_TYPES (TREE_TYPE (grain_fn))),
			 fold_build2 (MINUS_EXPR, uct, fold_convert (uct, hi_t),
				      fold_convert (uct, lo_t)));
  vec_safe_push (args, fold_convert (uct, build_call_expr_loc (loc, grain_fn,
							       1, n)));
  for (tree c : s.captured)
    {
      if (s.by_address.contains (c))
	{
	  TREE_ADDRESSABLE (c) = 1;
	  vec_safe_push (args, build_fold_addr_expr_loc (loc, c));
	}
      else
	vec_safe_push (args, c);
    }
  tree run = alloc_stmt_list ();
  append_to_statement_list_force (build_call_expr_loc_vec (loc, fn, args),
				  &run);
  append_to_statement_list_force
    (build2 (MODIFY_EXPR, TREE_TYPE (iv), iv,
	     fold_convert (TREE_TYPE (iv), hi_t)), &run);
  append_to_statement_list_force
    (build3 (COND_EXPR, void_type_node,
	     build2 (LT_EXPR, boolean_type_node, lo_t, hi_t), run, NULL_TREE),
     &stmts);
  tree bind = build3 (BIND_EXPR, void_type_node, lo_t, stmts, NULL_TREE);
  TREE_SIDE_EFFECTS (bind) = 1;
  *fp = bind;

  s.hooks->genericize_new (fn);
  if (promote)
    {
      s.hooks->genericize_new (promote);
      /* Its address is taken only in the clones, in the check pass. */
      cgraph_node::get_create (promote)->force_output = 1;
    }
}

/* A statement that is the loop, or a block whose last statement is. */
static tree *
loop_in (tree *tp)
{
  if (TREE_CODE (*tp) == FOR_STMT)
    return tp;
  if (TREE_CODE (*tp) == BIND_EXPR
      && TREE_CODE (BIND_EXPR_BODY (*tp)) == STATEMENT_LIST)
    {
      tree list = BIND_EXPR_BODY (*tp);
      tree_stmt_iterator last = tsi_last (list);
      while (!tsi_end_p (last)
	     && TREE_CODE (tsi_stmt (last)) == DEBUG_BEGIN_STMT)
	tsi_prev (&last);
      if (!tsi_end_p (last) && TREE_CODE (tsi_stmt (last)) == FOR_STMT)
	return tsi_stmt_ptr (last);
    }
  if (TREE_CODE (*tp) == BIND_EXPR && TREE_CODE (BIND_EXPR_BODY (*tp)) == FOR_STMT)
    return &BIND_EXPR_BODY (*tp);
  return NULL;
}

struct split_data
{
  tree fndecl;
  const parc_loop_hooks *hooks;
};

static tree
split_r (tree *tp, int *walk_subtrees, void *data)
{
  const split_data *d = (const split_data *) data;
  if (TYPE_P (*tp))
    {
      *walk_subtrees = 0;
      return NULL_TREE;
    }
  if (TREE_CODE (*tp) != STATEMENT_LIST)
    return NULL_TREE;
  tree *prev = NULL;
  for (tree_stmt_iterator i = tsi_start (*tp); !tsi_end_p (i); tsi_next (&i))
    {
      tree t = tsi_stmt (i);
      if (TREE_CODE (t) == DEBUG_BEGIN_STMT)
	continue;
      if (parc_generic_marker_kind (t) == 2 && prev)
	if (tree *fp = loop_in (prev))
	  split_loop (d->fndecl, fp, d->hooks);
      prev = tsi_stmt_ptr (i);
    }
  return NULL_TREE;
}

void
parc_split_loops (tree fndecl, const parc_loop_hooks *hooks)
{
  split_data d = { fndecl, hooks };
  walk_tree (&DECL_SAVED_TREE (fndecl), split_r, &d, NULL);
}
