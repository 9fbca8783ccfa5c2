/* gcc-glue.cc: the GCC side of the parc plugin (plugin/parc.so).
 *
 * Purpose: parse the parc language in C (#pragma parc fork / join, the marks
 * PARC_PURE and PARC_CONTAINED), check it (docs/language.md, "The checks"),
 * and, until the lowering of issue 5 lands, compile every fork as the plain
 * call it stands for (serial elision): a program built with the plugin needs
 * no libparc and runs serially.  The analysis itself is plain C (effects.c,
 * callgraph.c, libtable.c); this file only moves facts between GCC and it.
 *
 * Options (-fplugin-arg-parc-KEY[=VALUE]; any other key is an error):
 *   verdicts      a note at each function of the main file with its inferred
 *                 level ("'fib' is pure"), for tests and for curious users.
 *   check-writes=yes|no
 *                 the run-time check of writes regions (default yes).
 *   naive         lower every fork as written: no loop splitting, no
 *                 deparallelization (the baseline bench/run calls
 *                 parc-naive).
 *   report        a note at each fork site saying what became of it.
 *   heartbeat     promotion inside the sequential clones of split loops
 *                 (gcc-promote.cc), the default; no-heartbeat turns it off.
 *
 * Debugging: -fdump-ipa-all writes the body after the check pass
 * (*.parc_check), where the markers are gone.
 *
 * Before/after for one fork (the numbers are the steps in the code):
 *
 *     #pragma parc fork writes(a[lo:n])     (1) the pragma handler adds
 *     r[i] = sum(a + lo, n - 1);                __parc_fork (7, 1, a, lo, n);
 *                                               before the next statement
 *   becomes, when the function is genericized (on_pre_genericize):
 *     tmp.1 = a + lo;                       (2) the next statement must be
 *     tmp.2 = n - 1;                            a call of an allowed shape;
 *     __parc_fork (7, 1, a, lo, n);         (3) its arguments are hoisted
 *     r[i] = sum (tmp.1, tmp.2);                into temporaries before the
 *                                               marker (evaluated in the parent)
 *   and in GIMPLE, in the check pass (pass_parc_check, after SSA is built):
 *     (4) the forked call is the first call after the marker in its block;
 *         facts of every function are collected into the core's call graph,
 *         solved, and forks and marks are checked;
 *     (5) every marker is removed: what remains is the serial program.
 *
 * The marker representation (what issue 5's lowering consumes):
 *   - a fork is a call statement  __parc_fork (int SITE, int NREGIONS,
 *     BASE_1, LO_1, LEN_1, ..., BASE_N, LO_N, LEN_N)  right before the
 *     forked statement, located at the pragma; SITE numbers the forks of the
 *     translation unit from 1; each region is a pointer BASE (an array decays
 *     to &a[0]) and two ptrdiff_t element counts: writes(BASE[LO:LEN]);
 *   - the forked statement follows it directly as a call whose arguments are
 *     constants, locals or parameters (anything else was hoisted), and whose
 *     lhs, if any, has no side effects (otherwise its address was hoisted and
 *     the lhs is *tmp); in GIMPLE no other call lies between the two;
 *   - a join is a call statement  __parc_join ()  where the pragma stood.
 *   Both markers are external, nothrow, artificial functions; nothing defines
 *   them, so a marker left behind fails the link rather than miscompiling.
 */
#include "gcc-compat.h"

#include <string.h>

#include "gcc-lower.h"
#include "gcc-loops.h"
#include "gcc-markers.h"
#include "gcc-deparallel.h"
#include "gcc-options.h"
#include "gcc-promote.h"

extern "C" {
#include "callgraph.h"
#include "effects.h"
#include "libtable.h"
}
#include "gcc-checks.h"

int plugin_is_GPL_compatible;

static struct plugin_info parc_plugin_info = {
  "0.1", "parc: checks #pragma parc fork/join and PARC_PURE/PARC_CONTAINED "
  "(docs/language.md); -fplugin-arg-parc-verdicts prints inferred levels"
};



/* ---- Attributes ------------------------------------------------------------ */

static tree
handle_parc_mark (tree *node, tree name, tree, int, bool *no_add_attrs)
{
  if (TREE_CODE (*node) != FUNCTION_DECL)
    {
      /* An error, not GCC's usual -Wattributes warning: a mark promises a
	 check, and ignoring it quietly would break that promise. */
      error_at (DECL_P (*node) ? DECL_SOURCE_LOCATION (*node) : input_location,
		"%qE marks only function declarations and definitions",
		name);
      *no_add_attrs = true;
    }
  return NULL_TREE;
}

static struct attribute_spec parc_pure_attr = {
  "parc_pure", 0, 0, true, false, false, false, handle_parc_mark, NULL
};
static struct attribute_spec parc_contained_attr = {
  "parc_contained", 0, 0, true, false, false, false, handle_parc_mark, NULL
};

static void
on_attributes (void *, void *)
{
  register_attribute (&parc_pure_attr);
  register_attribute (&parc_contained_attr);
}

static unsigned
decl_marks (tree decl)
{
  unsigned m = 0;
  if (lookup_attribute ("parc_pure", DECL_ATTRIBUTES (decl)))
    m |= PARC_MARK_PURE;
  if (lookup_attribute ("parc_contained", DECL_ATTRIBUTES (decl)))
    m |= PARC_MARK_CONTAINED;
  return m;
}

/* ---- Pragmas (step 1) ------------------------------------------------------ */

/* One token of lookahead over pragma_lex. */
struct lexer
{
  enum cpp_ttype type;
  tree value;
  location_t loc;
  void next () { value = NULL_TREE; loc = input_location; type = pragma_lex (&value, &loc); }
};

static void
skip_to_eol (lexer &lx)
{
  while (lx.type != CPP_EOF)
    lx.next ();
}

static bool parse_expr (lexer &lx, tree *out);

/* primary: NUMBER | NAME | ( expr ) | - primary */
static bool
parse_primary (lexer &lx, tree *out)
{
  if (lx.type == CPP_NUMBER)
    {
      if (!lx.value || TREE_CODE (lx.value) != INTEGER_CST)
	{
	  error_at (lx.loc, "an array section of %<writes%> takes integers");
	  return false;
	}
      *out = fold_convert (ptrdiff_type_node, lx.value);
      lx.next ();
      return true;
    }
  if (lx.type == CPP_NAME)
    {
      tree d = lookup_name ? lookup_name (lx.value) : NULL_TREE;
      if (!d)
	{
	  error_at (lx.loc, "%qE undeclared in %<writes%> clause", lx.value);
	  return false;
	}
      if (TREE_CODE (d) == CONST_DECL && DECL_INITIAL (d))
	*out = fold_convert (ptrdiff_type_node, DECL_INITIAL (d));
      else if ((VAR_P (d) || TREE_CODE (d) == PARM_DECL)
	       && INTEGRAL_TYPE_P (TREE_TYPE (d)))
	{
	  TREE_USED (d) = 1;
	  DECL_READ_P (d) = 1;
	  *out = fold_convert (ptrdiff_type_node, d);
	}
      else
	{
	  error_at (lx.loc, "%qE in a %<writes%> bound is not an integer "
		    "variable or constant", lx.value);
	  return false;
	}
      lx.next ();
      return true;
    }
  if (lx.type == CPP_OPEN_PAREN)
    {
      lx.next ();
      if (!parse_expr (lx, out))
	return false;
      if (lx.type != CPP_CLOSE_PAREN)
	{
	  error_at (lx.loc, "expected %<)%> in %<writes%> clause");
	  return false;
	}
      lx.next ();
      return true;
    }
  if (lx.type == CPP_MINUS)
    {
      lx.next ();
      if (!parse_primary (lx, out))
	return false;
      *out = fold_build1 (NEGATE_EXPR, ptrdiff_type_node, *out);
      return true;
    }
  error_at (lx.loc, "expected an integer expression in %<writes%> clause");
  return false;
}

/* term: primary { (* | / | %) primary } */
static bool
parse_term (lexer &lx, tree *out)
{
  if (!parse_primary (lx, out))
    return false;
  while (lx.type == CPP_MULT || lx.type == CPP_DIV || lx.type == CPP_MOD)
    {
      enum tree_code code = lx.type == CPP_MULT ? MULT_EXPR
	: lx.type == CPP_DIV ? TRUNC_DIV_EXPR : TRUNC_MOD_EXPR;
      tree rhs;
      lx.next ();
      if (!parse_primary (lx, &rhs))
	return false;
      if (code != MULT_EXPR && integer_zerop (rhs))
	{
	  error_at (lx.loc, "division by zero in %<writes%> clause");
	  return false;
	}
      *out = fold_build2 (code, ptrdiff_type_node, *out, rhs);
    }
  return true;
}

/* expr: term { (+ | -) term } */
static bool
parse_expr (lexer &lx, tree *out)
{
  if (!parse_term (lx, out))
    return false;
  while (lx.type == CPP_PLUS || lx.type == CPP_MINUS)
    {
      enum tree_code code = lx.type == CPP_PLUS ? PLUS_EXPR : MINUS_EXPR;
      tree rhs;
      lx.next ();
      if (!parse_term (lx, &rhs))
	return false;
      *out = fold_build2 (code, ptrdiff_type_node, *out, rhs);
    }
  return true;
}

/* writes ( NAME [ expr : expr ] {, NAME [ expr : expr ]} ); lx is at the
 * token after "writes".  Appends BASE, LO, LEN per region to args. */
static bool
parse_writes (lexer &lx, vec<tree, va_gc> *&args, int *nregions)
{
  if (lx.type != CPP_OPEN_PAREN)
    {
      error_at (lx.loc, "expected %<(%> after %<writes%>");
      return false;
    }
  lx.next ();
  for (;;)
    {
      if (lx.type != CPP_NAME)
	{
	  error_at (lx.loc, "expected a pointer or array name in %<writes%> "
		    "clause");
	  return false;
	}
      tree d = lookup_name ? lookup_name (lx.value) : NULL_TREE;
      location_t dloc = lx.loc;
      if (!d)
	{
	  error_at (dloc, "%qE undeclared in %<writes%> clause", lx.value);
	  return false;
	}
      tree base;
      if ((VAR_P (d) || TREE_CODE (d) == PARM_DECL)
	  && POINTER_TYPE_P (TREE_TYPE (d)))
	base = d;
      else if ((VAR_P (d) || TREE_CODE (d) == PARM_DECL)
	       && TREE_CODE (TREE_TYPE (d)) == ARRAY_TYPE)
	{
	  tree elt = TREE_TYPE (TREE_TYPE (d));
	  TREE_ADDRESSABLE (d) = 1;
	  base = build_fold_addr_expr (build4 (ARRAY_REF, elt, d,
					       integer_zero_node, NULL_TREE,
					       NULL_TREE));
	}
      else
	{
	  error_at (dloc, "%qE in %<writes%> clause is not a pointer or an "
		    "array", lx.value);
	  return false;
	}
      TREE_USED (d) = 1;
      DECL_READ_P (d) = 1;
      lx.next ();
      if (lx.type != CPP_OPEN_SQUARE)
	{
	  error_at (lx.loc, "expected %<[%> after %qE in %<writes%> clause "
		    "(an array section: %<p[lo:len]%>)", DECL_NAME (d));
	  return false;
	}
      lx.next ();
      tree lo, len;
      if (!parse_expr (lx, &lo))
	return false;
      if (lx.type != CPP_COLON)
	{
	  error_at (lx.loc, "expected %<:%> in array section of %<writes%> "
		    "clause (%<p[lo:len]%>)");
	  return false;
	}
      lx.next ();
      if (!parse_expr (lx, &len))
	return false;
      if (lx.type != CPP_CLOSE_SQUARE)
	{
	  error_at (lx.loc, "expected %<]%> in array section of %<writes%> "
		    "clause");
	  return false;
	}
      lx.next ();
      vec_safe_push (args, base);
      vec_safe_push (args, lo);
      vec_safe_push (args, len);
      ++*nregions;
      if (lx.type == CPP_COMMA)
	{
	  lx.next ();
	  continue;
	}
      if (lx.type == CPP_CLOSE_PAREN)
	break;
      error_at (lx.loc, "expected %<,%> or %<)%> in %<writes%> clause");
      return false;
    }
  lx.next ();
  if (lx.type != CPP_EOF)
    {
      error_at (lx.loc, "unexpected text after the %<writes%> clause");
      return false;
    }
  return true;
}

static void
pragma_fork (lexer &lx, location_t loc)
{
  vec<tree, va_gc> *args = NULL;
  int nregions = 0;
  lx.next ();
  if (lx.type == CPP_NAME && strcmp (IDENTIFIER_POINTER (lx.value), "writes") == 0)
    {
      lx.next ();
      if (!parse_writes (lx, args, &nregions))
	{
	  /* Still a fork (so that a join after it is not reported too), but
	     without regions; the error stops the compilation anyway. */
	  vec_free (args);
	  args = NULL;
	  nregions = 0;
	}
    }
  else if (lx.type == CPP_NAME)
    error_at (lx.loc, "unknown clause %qE in %<#pragma parc fork%>; "
	      "expected %<writes(...)%>", lx.value);
  else if (lx.type != CPP_EOF)
    error_at (lx.loc, "expected %<writes(...)%> or the end of the line after "
	      "%<#pragma parc fork%>");
  skip_to_eol (lx);

  vec<tree, va_gc> *call_args = NULL;
  vec_safe_push (call_args, build_int_cst (integer_type_node,
						 parc_new_fork_site ()));
  vec_safe_push (call_args, build_int_cst (integer_type_node, nregions));
  if (args)
    for (tree t : *args)
      vec_safe_push (call_args, t);
  tree call = build_call_expr_loc_vec (loc, parc_marker_decl (true), call_args);
  SET_EXPR_LOCATION (call, loc);
  add_stmt (call);
  vec_free (args);
}

static void
pragma_join (lexer &lx, location_t loc)
{
  lx.next ();
  if (lx.type != CPP_EOF)
    {
      error_at (lx.loc, "%<#pragma parc join%> takes no arguments");
      skip_to_eol (lx);
    }
  tree call = build_call_expr_loc (loc, parc_marker_decl (false), 0);
  SET_EXPR_LOCATION (call, loc);
  add_stmt (call);
}

/* #pragma parc WORD ...: registered as the one pragma "parc", so that an
 * unknown WORD gets an error here instead of -Wunknown-pragmas. */
static void
handle_pragma_parc (cpp_reader *)
{
  lexer lx;
  lx.next ();
  location_t loc = lx.loc;
  if (lx.type != CPP_NAME)
    {
      error_at (loc, "expected %<fork%> or %<join%> after %<#pragma parc%>");
      skip_to_eol (lx);
      return;
    }
  const char *word = IDENTIFIER_POINTER (lx.value);
  bool fork = strcmp (word, "fork") == 0;
  if (!fork && strcmp (word, "join") != 0)
    {
      error_at (loc, "unknown %<#pragma parc %s%>; expected %<fork%> or "
		"%<join%>", word);
      skip_to_eol (lx);
      return;
    }
  if (!current_function_decl || !add_stmt)
    {
      error_at (loc, "%<#pragma parc %s%> at file scope; it belongs in a "
		"function body", word);
      skip_to_eol (lx);
      return;
    }
  if (fork)
    pragma_fork (lx, loc);
  else
    pragma_join (lx, loc);
}

static void
on_pragmas (void *, void *)
{
  if (c_register_pragma)
    c_register_pragma (NULL, "parc", handle_pragma_parc);
  /* The macro parc.h keys its marks on.  Here rather than at the start of
     the unit: this runs before the main file is preprocessed, -E included. */
  if (cpp_define && cpp_get_options && &parse_in && parse_in
      && !cpp_get_options (parse_in)->preprocessed) /* -save-temps' 2nd step */
    cpp_define (parse_in, "__PARC__=1");
}

/* ---- Fork statements (steps 2 and 3) --------------------------------------- */

/* A temporary of the function, declared in its outermost block. */
static tree
make_temp (tree fndecl, tree type, location_t loc)
{
  /* The body's block: DECL_SAVED_TREE itself, or the first statement of
     it (main gets its implicit "return 0;" after the block). */
  tree bind = DECL_SAVED_TREE (fndecl);
  if (bind && TREE_CODE (bind) == STATEMENT_LIST)
    {
      tree first = NULL_TREE;
      for (tree_stmt_iterator i = tsi_start (bind); !tsi_end_p (i); tsi_next (&i))
	if (TREE_CODE (tsi_stmt (i)) == BIND_EXPR)
	  {
	    first = tsi_stmt (i);
	    break;
	  }
      bind = first;
    }
  if (!bind || TREE_CODE (bind) != BIND_EXPR)
    return NULL_TREE;
  tree v = build_decl (loc, VAR_DECL, NULL_TREE, TYPE_MAIN_VARIANT (type));
  DECL_ARTIFICIAL (v) = 1;
  DECL_IGNORED_P (v) = 1;
  DECL_CONTEXT (v) = fndecl;
  TREE_USED (v) = 1;
  DECL_CHAIN (v) = BIND_EXPR_VARS (bind);
  BIND_EXPR_VARS (bind) = v;
  return v;
}

/* An argument that needs no temporary: GIMPLE evaluates it with no call. */
static bool
simple_arg (tree a)
{
  if (TREE_CONSTANT (a))
    return true;
  return (TREE_CODE (a) == PARM_DECL || VAR_P (a))
	 && !is_global_var (a) && !TREE_THIS_VOLATILE (a);
}

static const char shapes[] =
  "'lhs = f(args);', 'T x = f(args);' or 'f(args);'";

/* Checks the statement after the fork marker at IT and hoists what must be
 * evaluated in the parent before the marker.  Returns false after an error. */
static bool
fork_statement (tree fndecl, tree_stmt_iterator it)
{
  tree marker = tsi_stmt (it);
  location_t mloc = EXPR_LOCATION (marker);
  tree_stmt_iterator n = it;
  tsi_next (&n);
  while (!tsi_end_p (n) && TREE_CODE (tsi_stmt (n)) == DEBUG_BEGIN_STMT)
    tsi_next (&n);
  if (tsi_end_p (n))
    {
      error_at (mloc, "%<#pragma parc fork%> is not followed by a statement; "
		"it must precede %s", shapes);
      return false;
    }
  tree s = tsi_stmt (n);
  location_t sloc = EXPR_HAS_LOCATION (s) ? EXPR_LOCATION (s) : mloc;
  tree *lhsp = NULL, *rhsp = NULL;
  if (parc_generic_marker_kind (s))
    {
      error_at (mloc, "%<#pragma parc fork%> must precede a call statement "
		"(%s), not another %<#pragma parc%>", shapes);
      return false;
    }
  switch (TREE_CODE (s))
    {
    case COMPOUND_EXPR:
      /* a += f(x) comes as (SAVE_EXPR <f (x)>, a = SAVE_EXPR <f (x)> + a) */
      if (TREE_CODE (TREE_OPERAND (s, 1)) == MODIFY_EXPR)
	{
	  error_at (sloc, "a compound assignment cannot be forked; fork "
		    "%<t = f(args);%> and combine after the join");
	  return false;
	}
      error_at (sloc, "%<#pragma parc fork%> must precede a call statement "
		"(%s)", shapes);
      return false;
    case CALL_EXPR:
      rhsp = tsi_stmt_ptr (n);
      break;
    case MODIFY_EXPR:
      lhsp = &TREE_OPERAND (s, 0);
      rhsp = &TREE_OPERAND (s, 1);
      break;
    case DECL_EXPR:
      {
	tree d = DECL_EXPR_DECL (s);
	if (VAR_P (d) && !TREE_STATIC (d) && DECL_INITIAL (d))
	  {
	    rhsp = &DECL_INITIAL (d);
	    sloc = DECL_SOURCE_LOCATION (d);
	    break;
	  }
	error_at (EXPR_HAS_LOCATION (s) ? sloc : DECL_SOURCE_LOCATION (d),
		  "%<#pragma parc fork%> must precede a call statement (%s), "
		  "not a declaration without a call initializer", shapes);
	return false;
      }
    default:
      error_at (sloc, "%<#pragma parc fork%> must precede a call statement "
		"(%s)", shapes);
      return false;
    }

  tree rhs = *rhsp;
  if (rhs == error_mark_node)
    return false;
  if (lhsp)
    {
      tree lhs = *lhsp;
      if (TREE_CODE (lhs) == COMPONENT_REF
	  && DECL_BIT_FIELD (TREE_OPERAND (lhs, 1)))
	{
	  error_at (sloc, "the destination of a forked call cannot be a "
		    "bit-field");
	  return false;
	}
      if (VAR_P (lhs) && DECL_REGISTER (lhs))
	{
	  error_at (sloc, "the destination of a forked call cannot be a "
		    "%<register%> variable (the parent takes its address)");
	  return false;
	}
    }

  if (TREE_CODE (rhs) != CALL_EXPR)
    {
      tree inner = rhs;
      while (CONVERT_EXPR_P (inner) || TREE_CODE (inner) == NON_LVALUE_EXPR
	     || TREE_CODE (inner) == FLOAT_EXPR
	     || TREE_CODE (inner) == FIX_TRUNC_EXPR)
	inner = TREE_OPERAND (inner, 0);
      if (TREE_CODE (inner) == CALL_EXPR && parc_generic_marker_kind (inner) == 0)
	error_at (sloc, "the result of the forked call is converted from %qT to "
		  "%qT; fork a call whose type is the type of its destination "
		  "(no cast, no implicit conversion)",
		  TREE_TYPE (inner), TREE_TYPE (rhs));
      else if (lhsp && BINARY_CLASS_P (rhs)
	       && operand_equal_p (TREE_OPERAND (rhs, 0), *lhsp, 0))
	error_at (sloc, "a compound assignment cannot be forked; fork "
		  "%<t = f(args);%> and combine after the join");
      else
	error_at (sloc, "the forked statement must be exactly a call (%s), "
		  "not an expression containing one", shapes);
      return false;
    }
  tree callee = get_callee_fndecl (rhs);
  if (!callee)
    {
      error_at (sloc, "cannot fork a call through a function pointer: parc "
		"cannot check what it calls");
      return false;
    }

  /* Step 3: hoist.  The arguments, then the destination's address when
     computing it has side effects (a[i++] = f(x)). */
  location_t cloc = EXPR_HAS_LOCATION (rhs) ? EXPR_LOCATION (rhs) : sloc;
  for (int i = 0; i < call_expr_nargs (rhs); i++)
    {
      tree a = CALL_EXPR_ARG (rhs, i);
      if (a == error_mark_node)
	return false;
      if (simple_arg (a))
	continue;
      tree t = make_temp (fndecl, TREE_TYPE (a), cloc);
      if (!t)
	{
	  error_at (sloc, "parc cannot hoist the arguments of this fork; "
		    "assign them to variables first");
	  return false;
	}
      tree set = build2_loc (cloc, MODIFY_EXPR, TREE_TYPE (t), t, a);
      TREE_SIDE_EFFECTS (set) = 1;
      tsi_link_before (&it, set, TSI_SAME_STMT);
      CALL_EXPR_ARG (rhs, i) = t;
    }
  /* The destination's address, taken at the fork (a[i++] = f(x) computes
     it once, before the call): the lowering hands it to the thunk, and the
     destination lives in memory until the join (issue 5). */
  if (!lhsp && TREE_CODE (s) == DECL_EXPR)
    {
      /* T x = f(args);  becomes  T x; tmp = &x; marker; *tmp = f(args); */
      tree d = DECL_EXPR_DECL (s);
      DECL_INITIAL (d) = NULL_TREE;
      tree set = build2_loc (sloc, MODIFY_EXPR, TREE_TYPE (d), d, rhs);
      TREE_SIDE_EFFECTS (set) = 1;
      tsi_link_after (&n, set, TSI_SAME_STMT);
      /* the declaration moves before the marker (the caller's iterator
	 stays on the marker, whose next statement is now the call) */
      tsi_delink (&n);
      tsi_link_before (&it, s, TSI_SAME_STMT);
      lhsp = &TREE_OPERAND (set, 0);
    }
  if (lhsp)
    {
      tree lhs = *lhsp;
      tree addr = build_fold_addr_expr_loc (sloc, lhs);
      tree t = make_temp (fndecl, TREE_TYPE (addr), sloc);
      if (!t)
	{
	  error_at (sloc, "parc cannot hoist the destination of this fork; "
		    "compute its address into a variable first");
	  return false;
	}
      tree root = get_base_address (lhs);
      if (root && (VAR_P (root) || TREE_CODE (root) == PARM_DECL))
	TREE_ADDRESSABLE (root) = 1;
      tree set = build2_loc (sloc, MODIFY_EXPR, TREE_TYPE (t), t, addr);
      TREE_SIDE_EFFECTS (set) = 1;
      tsi_link_before (&it, set, TSI_SAME_STMT);
      *lhsp = build_simple_mem_ref_loc (sloc, t);
    }
  return true;
}

/* ---- Lifetime: objects a fork uses must outlive its join ------------------- */

/* The join of a fork is the next join marker in source order or, failing
 * that, the function's end (the implicit join at every return).  The fork's
 * lhs object and every local whose address is an argument of the forked call
 * must be declared in a block (BIND_EXPR) that contains that join, or, for an
 * implicit join, in the function's outermost block.  Source order stands for
 * run order: a break, goto or branch that leaves the block before the join
 * is not seen (docs/language.md, "lifetime").  Anything unexpected (a shape
 * fork_statement rejects, a variable in no block seen) skips the check. */

struct lt_event
{
  int kind;	/* 1 fork, 2 join (generic_marker) */
  tree stmt;	/* the fork marker, or the join marker */
  tree next;	/* the forked statement; NULL_TREE for a join */
  tree bind;	/* the innermost enclosing BIND_EXPR */
};

struct lt_state
{
  hash_map<tree, tree> *parent; /* BIND_EXPR -> enclosing BIND_EXPR */
  hash_map<tree, tree> *scope;  /* local VAR_DECL -> its BIND_EXPR */
  vec<lt_event> events;
  tree bind;			/* the current innermost BIND_EXPR */
  hash_set<tree> *seen;
};

static tree lt_walk (tree *tp, int *walk_subtrees, void *data);

static void
lt_stmt (tree *tp, lt_state *st)
{
  walk_tree (tp, lt_walk, st, st->seen);
}

static tree
lt_walk (tree *tp, int *walk_subtrees, void *data)
{
  lt_state *st = (lt_state *) data;
  tree t = *tp;
  if (!t)
    return NULL_TREE;
  switch (TREE_CODE (t))
    {
    case BIND_EXPR:
      {
	st->parent->put (t, st->bind);
	for (tree v = BIND_EXPR_VARS (t); v; v = DECL_CHAIN (v))
	  if (VAR_P (v))
	    st->scope->put (v, t);
	tree outer = st->bind;
	st->bind = t;
	lt_stmt (&BIND_EXPR_BODY (t), st);
	st->bind = outer;
	*walk_subtrees = 0;
	return NULL_TREE;
      }
    case STATEMENT_LIST:
      for (tree_stmt_iterator it = tsi_start (t); !tsi_end_p (it); tsi_next (&it))
	{
	  tree s = tsi_stmt (it);
	  if (parc_generic_marker_kind (s) == 1)
	    {
	      tree_stmt_iterator n = it;
	      tsi_next (&n);
	      while (!tsi_end_p (n) && TREE_CODE (tsi_stmt (n)) == DEBUG_BEGIN_STMT)
		tsi_next (&n);
	      lt_event e = { 1, s, tsi_end_p (n) ? NULL_TREE : tsi_stmt (n),
			     st->bind };
	      st->events.safe_push (e);
	    }
	  else
	    lt_stmt (tsi_stmt_ptr (it), st);
	}
      *walk_subtrees = 0;
      return NULL_TREE;
    default:
      if (parc_generic_marker_kind (t) == 2)
	{
	  lt_event e = { 2, t, NULL_TREE, st->bind };
	  st->events.safe_push (e);
	}
      else if (TYPE_P (t) || DECL_P (t))
	*walk_subtrees = 0;
      return NULL_TREE;
    }
}

/* The local object of FNDECL that an lvalue or an address designates, or
   NULL_TREE (a pointer dereference, a global, a parameter). */
static tree
lt_local (tree fndecl, tree t, bool address)
{
  for (int depth = 0; t && depth < 32; depth++)
    {
      STRIP_NOPS (t);
      if (address)
	{
	  if (TREE_CODE (t) == POINTER_PLUS_EXPR)
	    {
	      t = TREE_OPERAND (t, 0);
	      continue;
	    }
	  if (TREE_CODE (t) != ADDR_EXPR)
	    return NULL_TREE;
	  t = TREE_OPERAND (t, 0);
	  address = false;
	  continue;
	}
      if (handled_component_p (t))
	{
	  t = TREE_OPERAND (t, 0);
	  continue;
	}
      if (TREE_CODE (t) == COMPOUND_LITERAL_EXPR)
	t = COMPOUND_LITERAL_EXPR_DECL (t);
      if (t && VAR_P (t) && !is_global_var (t) && DECL_CONTEXT (t) == fndecl)
	return t;
      return NULL_TREE;
    }
  return NULL_TREE;
}

static bool
lt_encloses (lt_state *st, tree outer, tree inner)
{
  for (int depth = 0; inner && depth < 10000; depth++)
    {
      if (inner == outer)
	return true;
      tree *p = st->parent->get (inner);
      if (!p)
	return false;
      inner = *p;
    }
  return false;
}

static void
lt_check_object (lt_state *st, tree var, tree join, tree body,
		 location_t loc, const char *what)
{
  tree *b = st->scope->get (var);
  if (!b || !*b)
    return; /* not declared in a block we saw: skip */
  bool ok = join ? lt_encloses (st, *b, join) : *b == body;
  if (ok)
    return;
  auto_diagnostic_group d;
  if (join)
    error_at (loc, "%qD, %s this fork, may go out of scope before the join "
	      "of the fork", var, what);
  else
    error_at (loc, "%qD, %s this fork, may go out of scope before the "
	      "implicit join of the fork at the end of the function",
	      var, what);
  inform (DECL_SOURCE_LOCATION (var), "%qD is declared here, in a block "
	  "that ends before the join", var);
}

static void
check_lifetimes (tree fndecl)
{
  tree body = DECL_SAVED_TREE (fndecl);
  /* The outermost block, found as make_temp finds it. */
  if (body && TREE_CODE (body) == STATEMENT_LIST)
    {
      tree first = NULL_TREE;
      for (tree_stmt_iterator i = tsi_start (body); !tsi_end_p (i); tsi_next (&i))
	if (TREE_CODE (tsi_stmt (i)) == BIND_EXPR)
	  {
	    first = tsi_stmt (i);
	    break;
	  }
      body = first;
    }
  if (!body || TREE_CODE (body) != BIND_EXPR)
    return;
  hash_map<tree, tree> parent, scope;
  hash_set<tree> seen;
  lt_state st = { &parent, &scope, vNULL, NULL_TREE, &seen };
  lt_stmt (&DECL_SAVED_TREE (fndecl), &st);
  for (unsigned i = 0; i < st.events.length (); i++)
    {
      lt_event &f = st.events[i];
      if (f.kind != 1 || !f.next)
	continue; /* a join, or a fork with nothing after it */
      tree join = NULL_TREE;
      bool found = false;
      for (unsigned j = i + 1; j < st.events.length () && !found; j++)
	if (st.events[j].kind == 2)
	  {
	    found = true;
	    join = st.events[j].bind;
	  }
      if (found && !join)
	continue; /* a join outside every block: skip */
      tree s = f.next, lhs = NULL_TREE, call = NULL_TREE;
      location_t loc = EXPR_LOCATION (f.stmt);
      if (TREE_CODE (s) == CALL_EXPR)
	call = s;
      else if (TREE_CODE (s) == MODIFY_EXPR)
	{
	  lhs = TREE_OPERAND (s, 0);
	  call = TREE_OPERAND (s, 1);
	}
      else if (TREE_CODE (s) == DECL_EXPR && VAR_P (DECL_EXPR_DECL (s))
	       && !TREE_STATIC (DECL_EXPR_DECL (s)))
	{
	  lhs = DECL_EXPR_DECL (s);
	  call = DECL_INITIAL (lhs);
	  loc = DECL_SOURCE_LOCATION (lhs);
	}
      if (!call || TREE_CODE (call) != CALL_EXPR || parc_generic_marker_kind (call))
	continue; /* not a shape fork_statement accepts: it reports that */
      if (EXPR_HAS_LOCATION (call))
	loc = EXPR_LOCATION (call); /* the call, apart from a declaration */
      else if (TREE_CODE (s) != DECL_EXPR && EXPR_HAS_LOCATION (s))
	loc = EXPR_LOCATION (s);
      if (lhs)
	if (tree v = lt_local (fndecl, lhs, false))
	  lt_check_object (&st, v, join, body, loc, "the destination of");
      for (int a = 0; a < call_expr_nargs (call); a++)
	if (tree v = lt_local (fndecl, CALL_EXPR_ARG (call, a), true))
	  lt_check_object (&st, v, join, body, loc,
			   "whose address is passed to");
    }
  st.events.release ();
}

struct genericize_state
{
  tree fndecl;
  bool seen_fork;
  hash_set<tree> *in_lists; /* fork markers met as statements of a list */
};

/* Source order: joins with no fork before them. */
static tree
check_joins (tree *tp, int *, void *data)
{
  genericize_state *st = (genericize_state *) data;
  switch (parc_generic_marker_kind (*tp))
    {
    case 1:
      st->seen_fork = true;
      break;
    case 2:
      if (!st->seen_fork)
	warning_at (EXPR_LOCATION (*tp), 0, "%<#pragma parc join%> with "
		    "nothing forked before it in %qD", st->fndecl);
      break;
    }
  return NULL_TREE;
}

static tree
rewrite_forks (tree *tp, int *, void *data)
{
  genericize_state *st = (genericize_state *) data;
  if (parc_generic_marker_kind (*tp) == 1 && !st->in_lists->contains (*tp))
    {
      /* A marker that is no statement of a list: the only statement of its
	 block (the C front end then drops the list), so nothing follows. */
      error_at (EXPR_LOCATION (*tp), "%<#pragma parc fork%> is not followed "
		"by a statement; it must precede %s", shapes);
      return NULL_TREE;
    }
  if (TREE_CODE (*tp) != STATEMENT_LIST)
    return NULL_TREE;
  for (tree_stmt_iterator it = tsi_start (*tp); !tsi_end_p (it); tsi_next (&it))
    if (parc_generic_marker_kind (tsi_stmt (it)) == 1)
      {
	st->in_lists->add (tsi_stmt (it));
	fork_statement (st->fndecl, it);
      }
  return NULL_TREE;
}

static bool known_pure (tree fndecl);
static void genericize_new (tree fndecl);
static const parc_loop_hooks loop_hooks = { known_pure, genericize_new };

static void
on_pre_genericize (void *gcc_data, void *)
{
  tree fndecl = (tree) gcc_data;
  if (!parc_markers_used ())
    return; /* no parc pragma in this unit so far */
  if (!fndecl || TREE_CODE (fndecl) != FUNCTION_DECL
      || !DECL_SAVED_TREE (fndecl)
      || DECL_SAVED_TREE (fndecl) == error_mark_node)
    return;
  hash_set<tree> in_lists;
  genericize_state st = { fndecl, false, &in_lists };
  walk_tree_without_duplicates (&DECL_SAVED_TREE (fndecl), check_joins, &st);
  check_lifetimes (fndecl); /* before hoisting hides the arguments */
  parc_check_order (fndecl); /* gcc-order.cc; the same reason */
  if (!seen_error () && !parc_naive)
    parc_split_loops (fndecl, &loop_hooks); /* gcc-loops.cc: before hoisting, which
				  would share temporaries between iterations */
  walk_tree_without_duplicates (&DECL_SAVED_TREE (fndecl), rewrite_forks, &st);
  if (st.seen_fork)
    parc_lower_find_helpers ();
}

/* A function the plugin built (gcc-loops.cc's range functions) from code
   that was checked where it stood: only its forks are normalized, then it
   is genericized and finalized as the C front end does for its own. */
static void
genericize_new (tree fndecl)
{
  push_struct_function (fndecl);
  DECL_STRUCT_FUNCTION (fndecl)->function_start_locus
    = DECL_SOURCE_LOCATION (fndecl);
  DECL_STRUCT_FUNCTION (fndecl)->function_end_locus
    = DECL_SOURCE_LOCATION (fndecl);
  hash_set<tree> in_lists;
  genericize_state st = { fndecl, false, &in_lists };
  walk_tree_without_duplicates (&DECL_SAVED_TREE (fndecl), check_joins, &st);
  walk_tree_without_duplicates (&DECL_SAVED_TREE (fndecl), rewrite_forks, &st);
  if (st.seen_fork)
    parc_lower_find_helpers ();
  c_genericize (fndecl);
  pop_cfun ();
  /* no_collect: the caller holds trees in locals the collector cannot see */
  cgraph_node::finalize_function (fndecl, true);
}

/* ---- Facts from GIMPLE (step 4) -------------------------------------------- */

struct fork_site
{
  size_t fn, call;
  gcall *stmt;
  tree callee;
  unsigned first_root, nroots; /* in analysis::roots */
  bool split;			/* a half of a split loop */
};

struct analysis
{
  parc_graph g;
  hash_map<tree, unsigned> ids;   /* decl -> node index + 1 */
  auto_vec<tree> decls;           /* node index -> decl */
  auto_vec<fork_site> forks;
  auto_vec<tree> roots;           /* writes regions' base roots */
  bool failed;
  analysis () : failed (false) { parc_graph_init (&g); }
  ~analysis () { parc_graph_free (&g); }
};

static const char *
decl_name (tree d)
{
  if (d && DECL_P (d) && DECL_NAME (d))
    return IDENTIFIER_POINTER (DECL_NAME (d));
  return "<anonymous>";
}

/* The library table's entry for a callee (libtable.h): by the builtin's
 * code when GCC knows the function as a builtin (built_in_names holds the
 * enumerator, "BUILT_IN_MEMCPY_CHK", which becomes "__memcpy_chk"), then by
 * the declared name. */
static const parc_lib_entry *
lib_entry (tree decl)
{
  if (fndecl_built_in_p (decl, BUILT_IN_NORMAL))
    {
      const char *b = built_in_names[(int) DECL_FUNCTION_CODE (decl)];
      if (b && strncmp (b, "BUILT_IN_", 9) == 0)
	{
	  char key[128];
	  size_t n = 0;
	  const char *src = b + 9;
	  size_t len = strlen (src);
	  bool chk = len > 4 && strcmp (src + len - 4, "_CHK") == 0;
	  bool san = !strncmp (src, "ASAN_", 5) || !strncmp (src, "TSAN_", 5)
		     || !strncmp (src, "UBSAN_", 6) || !strncmp (src, "HWASAN_", 7)
		     || !strncmp (src, "SANITIZER_", 10);
	  if (chk || san)
	    {
	      key[n++] = '_';
	      key[n++] = '_';
	    }
	  for (; *src && n + 1 < sizeof key; src++)
	    key[n++] = TOLOWER (*src);
	  key[n] = 0;
	  if (const parc_lib_entry *e = parc_lib_lookup (key))
	    return e;
	}
    }
  return parc_lib_lookup (decl_name (decl));
}

static bool
known_pure (tree fndecl)
{
  if (decl_marks (fndecl) & PARC_MARK_PURE)
    return true;
  const parc_lib_entry *e = lib_entry (fndecl);
  return e && e->cls == PARC_LIB_PURE;
}

static size_t
node_for (analysis &an, tree decl)
{
  cgraph_node *cn = cgraph_node::get (decl);
  if (cn)
    {
      cn = cn->ultimate_alias_target ();
      if (cn && cn->decl)
	decl = cn->decl;
    }
  if (unsigned *slot = an.ids.get (decl))
    return *slot - 1;

  const parc_lib_entry *lib = lib_entry (decl);
  bool api = lib && strncmp (decl_name (decl), "parc_", 5) == 0;
  bool body = cn && cn->has_gimple_body_p () && !api;
  location_t loc = DECL_SOURCE_LOCATION (decl);
  size_t id = parc_graph_add (&an.g, decl_name (decl), loc, body, decl);
  if (id == (size_t) -1)
    {
      an.failed = true;
      return id;
    }
  an.ids.put (decl, id + 1);
  an.decls.safe_push (decl);
  parc_fn *f = &an.g.fns[id];
  f->marks = decl_marks (decl);
  size_t i = 0;
  for (tree p = DECL_ARGUMENTS (decl); p; p = DECL_CHAIN (p), i++)
    parc_fn_set_param (&an.g, id, i, decl_name (p));
  if (body)
    return id;

  /* Without a body: it returns if the library table or GCC says it computes
     or does something and comes back (not exit, abort, longjmp, unknown code,
     nor a trusted mark, which says nothing about ending). */
  int ecf = flags_from_decl_or_type (decl);
  an.g.fns[id].may_not_return
    = (ecf & ECF_NORETURN)
      || !((lib && lib->cls != PARC_LIB_NONE && lib->cls != PARC_LIB_SETJMP)
	   || (ecf & ECF_CONST));

  parc_effect e;
  memset (&e, 0, sizeof e);
  e.kind = PARC_EFF_LIBRARY;
  e.name = decl_name (decl);
  if (lib)
    {
      enum parc_level l = PARC_LEVEL_CONTAINED;
      if (lib->cls == PARC_LIB_PURE)
	l = PARC_LEVEL_PURE;
      else if (lib->cls == PARC_LIB_NONE || lib->cls == PARC_LIB_SETJMP)
	l = PARC_LEVEL_NONE;
      e.level = l;
      e.reason = lib->reason;
      uint64_t w = lib->writes_arg >= 0 ? (uint64_t) 1 << lib->writes_arg : 0;
      parc_fn_assume (&an.g, id, l, w, &e);
      /* CW entries (memcpy, memset, ...) are contained only for the write
	 through their argument. */
      if (lib->cls == PARC_LIB_CONTAINED && lib->writes_arg >= 0)
	parc_fn_assume_base (&an.g, id, PARC_LEVEL_PURE);
    }
  else if (f->marks & PARC_MARK_PURE)
    {
      e.level = PARC_LEVEL_PURE;
      parc_fn_assume (&an.g, id, PARC_LEVEL_PURE, 0, NULL);
      parc_mark_trusted (decl, f->marks); /* the link checks the trust */
    }
  else if (f->marks & PARC_MARK_CONTAINED)
    {
      parc_mark_trusted (decl, f->marks);
      /* Trusted; which pointer parameters it writes is unknown: all. */
      e.level = PARC_LEVEL_CONTAINED;
      e.reason = "is marked PARC_CONTAINED in another file, so it may write "
		 "through its pointer parameters";
      parc_fn_assume (&an.g, id, PARC_LEVEL_CONTAINED, ~(uint64_t) 0, &e);
    }
  else if (flags_from_decl_or_type (decl) & ECF_CONST)
    parc_fn_assume (&an.g, id, PARC_LEVEL_PURE, 0, NULL);
  else
    {
      e.kind = PARC_EFF_UNKNOWN_CODE;
      parc_fn_assume (&an.g, id, PARC_LEVEL_NONE, 0, &e);
    }
  return id;
}

/* ---- Where pointers come from ---- */

static int
param_index (tree parm)
{
  int i = 0;
  for (tree p = DECL_ARGUMENTS (current_function_decl); p; p = DECL_CHAIN (p), i++)
    if (p == parm)
      return i;
  return -1;
}

static parc_origin
origin_of_param (tree parm)
{
  parc_origin o = { PARC_ORIGIN_UNKNOWN, 0 };
  int i = param_index (parm);
  if (i >= 0 && i < 64)
    {
      o.kind = PARC_ORIGIN_PARAM;
      o.params = (uint64_t) 1 << i;
    }
  return o;
}

static parc_origin
join_origin (parc_origin a, parc_origin b)
{
  parc_origin o;
  o.kind = a.kind > b.kind ? a.kind : b.kind;
  o.params = a.params | b.params;
  return o;
}

static bool
is_alloc_call (gimple *g)
{
  tree fn = gimple_call_fndecl (g);
  if (!fn)
    return false;
  const parc_lib_entry *e = lib_entry (fn);
  return e && e->cls == PARC_LIB_ALLOC;
}

static parc_origin origin (tree t, hash_set<tree> &seen, int depth);

static parc_origin
origin_of_address (tree op, hash_set<tree> &seen, int depth)
{
  parc_origin local = { PARC_ORIGIN_LOCAL, 0 };
  tree base = get_base_address (op);
  if (!base)
    return local;
  if (TREE_CODE (base) == MEM_REF || TREE_CODE (base) == TARGET_MEM_REF)
    return origin (TREE_OPERAND (base, 0), seen, depth + 1);
  /* A local, a parameter's own slot, a literal; a global's address is an
     effect of its own (ADDR_OBJECT), recorded where it is taken. */
  return local;
}

static parc_origin
origin (tree t, hash_set<tree> &seen, int depth)
{
  parc_origin none = { PARC_ORIGIN_LOCAL, 0 };
  parc_origin unknown = { PARC_ORIGIN_UNKNOWN, 0 };
  parc_origin loaded = { PARC_ORIGIN_LOADED, 0 };
  if (!t || depth > 64)
    return unknown;
  STRIP_NOPS (t);
  switch (TREE_CODE (t))
    {
    case ADDR_EXPR:
      return origin_of_address (TREE_OPERAND (t, 0), seen, depth);
    case PARM_DECL:
      return origin_of_param (t);
    case INTEGER_CST:
      return integer_zerop (t) ? none : unknown;
    case SSA_NAME:
      break;
    default:
      return unknown;
    }
  if (seen.add (t))
    return none; /* a cycle through phis: neutral */
  if (SSA_NAME_IS_DEFAULT_DEF (t))
    {
      tree var = SSA_NAME_VAR (t);
      if (var && TREE_CODE (var) == PARM_DECL)
	return origin_of_param (var);
      return unknown;
    }
  gimple *def = SSA_NAME_DEF_STMT (t);
  if (!def)
    return unknown;
  switch (gimple_code (def))
    {
    case GIMPLE_PHI:
      {
	parc_origin o = none;
	for (unsigned i = 0; i < gimple_phi_num_args (def); i++)
	  o = join_origin (o, origin (gimple_phi_arg_def (def, i), seen, depth + 1));
	return o;
      }
    case GIMPLE_CALL:
      {
	if (is_alloc_call (def))
	  {
	    parc_origin own = { PARC_ORIGIN_OWN, 0 };
	    return own;
	  }
	tree fn = gimple_call_fndecl (def);
	if (fn && fndecl_built_in_p (fn, BUILT_IN_ASSUME_ALIGNED)
	    && gimple_call_num_args (def) > 0)
	  return origin (gimple_call_arg (def, 0), seen, depth + 1);
	return unknown;
      }
    case GIMPLE_ASSIGN:
      {
	enum tree_code code = gimple_assign_rhs_code (def);
	tree rhs1 = gimple_assign_rhs1 (def);
	if (gimple_assign_single_p (def))
	  {
	    if (TREE_CODE (rhs1) == SSA_NAME || TREE_CODE (rhs1) == ADDR_EXPR
		|| TREE_CODE (rhs1) == PARM_DECL
		|| TREE_CODE (rhs1) == INTEGER_CST)
	      return origin (rhs1, seen, depth + 1);
	    /* Any other single rhs is a load from memory. */
	    return loaded;
	  }
	if (CONVERT_EXPR_CODE_P (code) || code == POINTER_PLUS_EXPR
	    || code == PLUS_EXPR || code == MINUS_EXPR
	    || code == BIT_AND_EXPR)
	  return origin (rhs1, seen, depth + 1);
	if (code == COND_EXPR)
	  return join_origin (origin (gimple_assign_rhs2 (def), seen, depth + 1),
			      origin (gimple_assign_rhs3 (def), seen, depth + 1));
	return unknown;
      }
    default:
      return unknown;
    }
}

static parc_origin
origin_of (tree t)
{
  hash_set<tree> seen;
  return origin (t, seen, 0);
}

/* The object a pointer designates, for matching writes clauses with
 * arguments: a parameter's default definition, a local's decl, or the SSA
 * name where the pointer was made (a call's result). */
static tree
root_of (tree t, int depth = 0)
{
  if (!t || depth > 64)
    return t;
  STRIP_NOPS (t);
  if (TREE_CODE (t) == ADDR_EXPR)
    {
      tree base = get_base_address (TREE_OPERAND (t, 0));
      if (base && (TREE_CODE (base) == MEM_REF || TREE_CODE (base) == TARGET_MEM_REF))
	return root_of (TREE_OPERAND (base, 0), depth + 1);
      return base;
    }
  if (TREE_CODE (t) != SSA_NAME || SSA_NAME_IS_DEFAULT_DEF (t))
    return t;
  gimple *def = SSA_NAME_DEF_STMT (t);
  if (def && is_gimple_assign (def))
    {
      enum tree_code code = gimple_assign_rhs_code (def);
      tree rhs1 = gimple_assign_rhs1 (def);
      if ((gimple_assign_single_p (def)
	   && (TREE_CODE (rhs1) == SSA_NAME || TREE_CODE (rhs1) == ADDR_EXPR))
	  || CONVERT_EXPR_CODE_P (code) || code == POINTER_PLUS_EXPR)
	return root_of (rhs1, depth + 1);
    }
  return t;
}

/* The name to show for a root. */
static const char *
root_name (tree r)
{
  if (r && TREE_CODE (r) == SSA_NAME)
    r = SSA_NAME_VAR (r);
  if (r && DECL_P (r) && DECL_NAME (r))
    return IDENTIFIER_POINTER (DECL_NAME (r));
  return NULL;
}

/* ---- Effects of one statement ---- */

enum acc_kind { ACC_READ, ACC_WRITE, ACC_ADDR };

struct fn_walk
{
  analysis *an;
  size_t id;
  location_t loc;
};

static location_t
stmt_loc (gimple *g)
{
  location_t l = gimple_location (g);
  return l != UNKNOWN_LOCATION ? l : DECL_SOURCE_LOCATION (current_function_decl);
}

static void
add_effect (fn_walk &w, parc_effect &e)
{
  if (!parc_fn_add_effect (&w.an->g, w.id, &e))
    w.an->failed = true;
}

static bool
std_stream_decl (tree d)
{
  if (!d || !VAR_P (d) || !DECL_NAME (d) || !is_global_var (d))
    return false;
  const char *n = IDENTIFIER_POINTER (DECL_NAME (d));
  return !strcmp (n, "stdout") || !strcmp (n, "stderr") || !strcmp (n, "stdin");
}

static void
object_effect (fn_walk &w, tree d, acc_kind acc)
{
  if (!VAR_P (d) || !is_global_var (d))
    return;
  /* The compiler's own data, named for the assembler ("*.Lubsan_data4":
     -fsanitize=undefined's descriptors): no program state. */
  if (DECL_ARTIFICIAL (d) && DECL_NAME (d)
      && IDENTIFIER_POINTER (DECL_NAME (d))[0] == '*')
    return;
  if (TREE_THIS_VOLATILE (d))
    {
      parc_effect e;
      memset (&e, 0, sizeof e);
      e.kind = PARC_EFF_VOLATILE;
      e.loc = w.loc;
      add_effect (w, e);
      return;
    }
  /* Constant objects may be read by anyone at any time. */
  if (TREE_READONLY (d) && acc != ACC_WRITE)
    return;
  /* stdout and stderr are never reassigned by parc code; reading them is
     how fprintf(stderr, ...) names its stream. */
  if (acc == ACC_READ && std_stream_decl (d))
    return;
  parc_effect e;
  memset (&e, 0, sizeof e);
  e.kind = acc == ACC_READ ? PARC_EFF_READ_OBJECT
	 : acc == ACC_WRITE ? PARC_EFF_WRITE_OBJECT : PARC_EFF_ADDR_OBJECT;
  e.object = DECL_THREAD_LOCAL_P (d) ? PARC_OBJ_THREAD_LOCAL
	   : (DECL_CONTEXT (d) && TREE_CODE (DECL_CONTEXT (d)) == FUNCTION_DECL)
	     ? PARC_OBJ_STATIC_LOCAL : PARC_OBJ_GLOBAL;
  e.name = DECL_NAME (d) ? IDENTIFIER_POINTER (DECL_NAME (d))
	   : "(compound literal)";
  e.loc = w.loc;
  e.decl_loc = DECL_SOURCE_LOCATION (d);
  add_effect (w, e);
}

static void
visit (fn_walk &w, tree t, acc_kind acc)
{
  if (!t)
    return;
  if ((DECL_P (t) || REFERENCE_CLASS_P (t)) && TREE_THIS_VOLATILE (t)
      && !VAR_P (t))
    {
      parc_effect e;
      memset (&e, 0, sizeof e);
      e.kind = PARC_EFF_VOLATILE;
      e.loc = w.loc;
      add_effect (w, e);
    }
  switch (TREE_CODE (t))
    {
    case VAR_DECL:
      object_effect (w, t, acc);
      return;
    case SSA_NAME:
    case PARM_DECL:
    case RESULT_DECL:
    case FUNCTION_DECL:
    case LABEL_DECL:
    case CONST_DECL:
      return;
    case ADDR_EXPR:
      visit (w, TREE_OPERAND (t, 0), ACC_ADDR);
      return;
    case MEM_REF:
    case TARGET_MEM_REF:
      {
	tree p = TREE_OPERAND (t, 0);
	if (TREE_CODE (p) == ADDR_EXPR)
	  visit (w, TREE_OPERAND (p, 0), acc == ACC_ADDR ? ACC_ADDR : acc);
	else
	  visit (w, p, ACC_READ);
	if (TREE_CODE (t) == TARGET_MEM_REF)
	  {
	    visit (w, TMR_INDEX (t), ACC_READ);
	    visit (w, TMR_INDEX2 (t), ACC_READ);
	  }
	return;
      }
    case COMPONENT_REF:
    case REALPART_EXPR:
    case IMAGPART_EXPR:
    case VIEW_CONVERT_EXPR:
    case BIT_FIELD_REF:
      visit (w, TREE_OPERAND (t, 0), acc);
      return;
    case ARRAY_REF:
    case ARRAY_RANGE_REF:
      visit (w, TREE_OPERAND (t, 0), acc);
      visit (w, TREE_OPERAND (t, 1), ACC_READ);
      return;
    case CONSTRUCTOR:
      {
	unsigned i;
	tree v;
	FOR_EACH_CONSTRUCTOR_VALUE (CONSTRUCTOR_ELTS (t), i, v)
	  visit (w, v, ACC_READ);
	return;
      }
    default:
      break;
    }
  if (EXPR_P (t))
    for (int i = 0; i < TREE_OPERAND_LENGTH (t); i++)
      visit (w, TREE_OPERAND (t, i), ACC_READ);
}

/* A store to lhs: where the written memory is, if through a pointer. */
static void
store (fn_walk &w, tree lhs)
{
  tree base = get_base_address (lhs);
  if (!base || (TREE_CODE (base) != MEM_REF && TREE_CODE (base) != TARGET_MEM_REF))
    return;
  tree p = TREE_OPERAND (base, 0);
  if (TREE_CODE (p) == ADDR_EXPR)
    return; /* a decl: visit handled it */
  parc_origin o = origin_of (p);
  parc_effect e;
  memset (&e, 0, sizeof e);
  e.loc = w.loc;
  switch (o.kind)
    {
    case PARC_ORIGIN_NONE:
    case PARC_ORIGIN_LOCAL:
      return;
    case PARC_ORIGIN_OWN:
      e.kind = PARC_EFF_WRITE_OWN;
      break;
    case PARC_ORIGIN_PARAM:
      {
	e.kind = PARC_EFF_WRITE_PARAM;
	e.params = o.params;
	int i = 0;
	while (i < 63 && !(o.params & ((uint64_t) 1 << i)))
	  i++;
	int k = 0;
	for (tree parm = DECL_ARGUMENTS (current_function_decl); parm;
	     parm = DECL_CHAIN (parm), k++)
	  if (k == i)
	    e.name = decl_name (parm);
	break;
      }
    case PARC_ORIGIN_LOADED:
      e.kind = PARC_EFF_WRITE_LOADED;
      break;
    case PARC_ORIGIN_UNKNOWN:
      e.kind = PARC_EFF_WRITE_UNKNOWN;
      break;
    }
  add_effect (w, e);
}

static bool
stream_is_std (tree arg)
{
  if (!arg)
    return false;
  if (TREE_CODE (arg) == SSA_NAME && !SSA_NAME_IS_DEFAULT_DEF (arg))
    {
      gimple *def = SSA_NAME_DEF_STMT (arg);
      if (def && gimple_assign_single_p (def))
	arg = gimple_assign_rhs1 (def);
    }
  return std_stream_decl (arg);
}

static void
call_facts (fn_walk &w, gcall *call, bool forked, analysis &an)
{
  if (gimple_call_internal_p (call))
    return; /* GCC's own (UBSan checks, va_arg, builtin_expect): no effect */
  tree fn = gimple_call_fndecl (call);
  parc_effect e;
  memset (&e, 0, sizeof e);
  e.loc = w.loc;
  if (!fn)
    {
      e.kind = PARC_EFF_INDIRECT_CALL;
      add_effect (w, e);
      return;
    }
  size_t callee = node_for (an, fn);
  if (callee == (size_t) -1)
    return;
  const parc_lib_entry *lib = NULL;
  if (!an.g.fns[callee].has_body)
    lib = lib_entry (fn);

  unsigned nargs = gimple_call_num_args (call);
  auto_vec<parc_origin> args;
  for (unsigned i = 0; i < nargs; i++)
    {
      tree a = gimple_call_arg (call, i);
      parc_origin o = { PARC_ORIGIN_NONE, 0 };
      if (POINTER_TYPE_P (TREE_TYPE (a)))
	o = origin_of (a);
      args.safe_push (o);
    }

  if (lib && lib->cls == PARC_LIB_STREAM
      && !(lib->stream_arg >= 0 && (unsigned) lib->stream_arg < nargs
	   && stream_is_std (gimple_call_arg (call, lib->stream_arg))))
    {
      e.kind = PARC_EFF_STREAM;
      e.name = decl_name (fn);
      add_effect (w, e);
      if (forked)
	an.forks.last ().callee = fn; /* s.call stays -1: check_forks */
      return;
    }
  size_t ci = parc_fn_add_call (&an.g, w.id, callee, w.loc, args.address (),
				nargs, forked);
  if (ci == (size_t) -1)
    {
      an.failed = true;
      return;
    }
  if (forked)
    {
      fork_site &s = an.forks.last ();
      s.call = ci;
      s.callee = an.decls[callee];
    }

  /* A function the callee calls through an argument (qsort's comparator,
     parc_fork's thunk): a call edge of its own, whose pointer parameters
     point where the first argument points. */
  if (lib && lib->fnptr_arg >= 0 && (unsigned) lib->fnptr_arg < nargs)
    {
      tree a = gimple_call_arg (call, lib->fnptr_arg);
      STRIP_NOPS (a);
      if (TREE_CODE (a) == ADDR_EXPR
	  && TREE_CODE (TREE_OPERAND (a, 0)) == FUNCTION_DECL)
	{
	  tree target = TREE_OPERAND (a, 0);
	  size_t t = node_for (an, target);
	  if (t == (size_t) -1)
	    return;
	  auto_vec<parc_origin> targs;
	  for (tree p = DECL_ARGUMENTS (target); p; p = DECL_CHAIN (p))
	    {
	      parc_origin o = { PARC_ORIGIN_NONE, 0 };
	      if (POINTER_TYPE_P (TREE_TYPE (p)) && nargs > 0)
		o = args[0];
	      targs.safe_push (o);
	    }
	  if (parc_fn_add_call (&an.g, w.id, t, w.loc, targs.address (),
				targs.length (), 0) == (size_t) -1)
	    an.failed = true;
	}
      else
	{
	  e.kind = PARC_EFF_INDIRECT_CALL;
	  add_effect (w, e);
	}
    }
}


/* Collects one function's facts and removes its markers (step 5). */
static void
scan_function (analysis &an, cgraph_node *node)
{
  function *fun = DECL_STRUCT_FUNCTION (node->decl);
  if (!fun || !fun->cfg)
    return;
  push_cfun (fun);
  size_t id = an.failed ? (size_t) -1 : node_for (an, node->decl);
  fn_walk w = { &an, id, UNKNOWN_LOCATION };
  hash_set<gimple *> forked;
  auto_vec<gimple *> markers;
  basic_block bb;
  FOR_EACH_BB_FN (bb, fun)
    for (gimple_stmt_iterator gsi = gsi_start_bb (bb); !gsi_end_p (gsi);
	 gsi_next (&gsi))
      {
	gimple *g = gsi_stmt (gsi);
	bool fork_m = parc_gimple_marker_kind (g) == 1;
	if (fork_m || parc_gimple_marker_kind (g) == 2)
	  {
	    markers.safe_push (g);
	    if (!fork_m || id == (size_t) -1 || an.failed)
	      continue;
	    /* The forked call: the first call after the marker (step 4). */
	    gcall *fc = parc_forked_call (g);
	    if (!fc || !gimple_call_fndecl (fc))
	      continue;
	    fork_site s;
	    s.fn = id;
	    s.call = (size_t) -1;
	    s.stmt = fc;
	    s.callee = NULL_TREE;
	    s.first_root = an.roots.length ();
	    s.nroots = 0;
	    s.split = parc_is_split_site
	      ((int) tree_to_shwi (gimple_call_arg (g, 0)));
	    unsigned nr = gimple_call_num_args (g) > 1
	      ? tree_to_uhwi (gimple_call_arg (g, 1)) : 0;
	    for (unsigned r = 0; r < nr && 2 + 3 * r < gimple_call_num_args (g); r++)
	      {
		an.roots.safe_push (root_of (gimple_call_arg (g, 2 + 3 * r)));
		s.nroots++;
	      }
	    an.forks.safe_push (s);
	    forked.add (s.stmt);
	    continue;
	  }
	if (id == (size_t) -1 || an.failed || is_gimple_debug (g))
	  continue;
	w.loc = stmt_loc (g);
	switch (gimple_code (g))
	  {
	  case GIMPLE_ASM:
	    {
	      parc_effect e;
	      memset (&e, 0, sizeof e);
	      e.kind = PARC_EFF_ASM;
	      e.loc = w.loc;
	      add_effect (w, e);
	      break;
	    }
	  case GIMPLE_ASSIGN:
	    if (gimple_clobber_p (g))
	      break;
	    visit (w, gimple_assign_lhs (g), ACC_WRITE);
	    for (unsigned i = 1; i < gimple_num_ops (g); i++)
	      visit (w, gimple_op (g, i), ACC_READ);
	    store (w, gimple_assign_lhs (g));
	    break;
	  case GIMPLE_CALL:
	    {
	      gcall *call = as_a<gcall *> (g);
	      /* The grain of a split loop (gcc-loops.cc) is the lowering's
		 scheduling choice, like the forks: no result depends on it. */
	      if (tree fn = gimple_call_fndecl (call))
		if (DECL_NAME (fn)
		    && strcmp (IDENTIFIER_POINTER (DECL_NAME (fn)),
			       "parcint_lgrain") == 0)
		  break;
	      if (gimple_call_lhs (call))
		{
		  visit (w, gimple_call_lhs (call), ACC_WRITE);
		  store (w, gimple_call_lhs (call));
		}
	      for (unsigned i = 0; i < gimple_call_num_args (call); i++)
		visit (w, gimple_call_arg (call, i), ACC_READ);
	      if (!gimple_call_fndecl (call) && !gimple_call_internal_p (call))
		visit (w, gimple_call_fn (call), ACC_READ);
	      call_facts (w, call, forked.contains (g), an);
	      parc_steps_note_call (call);
	      break;
	    }
	  default:
	    for (unsigned i = 0; i < gimple_num_ops (g); i++)
	      visit (w, gimple_op (g, i), ACC_READ);
	    break;
	  }
      }

  /* Whether it surely returns (docs/deparallelization.md, "safe"): no loop,
     no call that does not return; its callees are the solver's business. */
  if (id != (size_t) -1 && !an.failed)
    {
      bool may_not_return = mark_dfs_back_edges (fun);
      FOR_EACH_BB_FN (bb, fun)
	for (gimple_stmt_iterator gsi = gsi_start_bb (bb); !gsi_end_p (gsi);
	     gsi_next (&gsi))
	  if (is_gimple_call (gsi_stmt (gsi))
	      && gimple_call_noreturn_p (gsi_stmt (gsi)))
	    may_not_return = true;
      an.g.fns[id].may_not_return = may_not_return;
    }
  pop_cfun ();
}

/* ---- Diagnostics ------------------------------------------------------------ */

static location_t
loc_or (unsigned long l, location_t fallback)
{
  return l != UNKNOWN_LOCATION ? (location_t) l : fallback;
}

/* Notes explaining why node fn is not pure/contained (at). */
static void
explain (analysis &an, size_t fn, enum parc_level at)
{
  parc_hop hops[16];
  size_t n = parc_graph_explain (&an.g, fn, at, hops, 16);
  if (n == 0)
    return;
  char sentence[1024];
  parc_graph_sentence (&an.g, hops, n, at, sentence, sizeof sentence);
  location_t first = loc_or (hops[0].loc, DECL_SOURCE_LOCATION (an.decls[fn]));
  if (!an.g.fns[hops[0].fn].has_body)
    first = UNKNOWN_LOCATION;
  if (first != UNKNOWN_LOCATION)
    inform (first, "%s", sentence);
  const parc_hop &last = hops[n - 1];
  const parc_fn &lf = an.g.fns[last.fn];
  if (n > 1 && lf.has_body && last.loc != UNKNOWN_LOCATION)
    {
      char tail[512];
      if (last.effect)
	parc_effect_describe (last.effect, tail, sizeof tail);
      else
	snprintf (tail, sizeof tail, "passes a pointer to '%s' that it writes "
		  "through", an.g.fns[last.callee].name);
      inform ((location_t) last.loc, "%qs %s here", lf.name, tail);
    }
  if (last.effect && last.effect->decl_loc != UNKNOWN_LOCATION
      && last.effect->name)
    inform ((location_t) last.effect->decl_loc, "%qs declared here",
	    last.effect->name);
}

static void
check_marks (analysis &an)
{
  for (size_t i = 0; i < an.g.n; i++)
    {
      const parc_fn &f = an.g.fns[i];
      if (!f.has_body || !f.marks)
	continue;
      bool pure = f.marks & PARC_MARK_PURE;
      enum parc_level want = pure ? PARC_LEVEL_PURE : PARC_LEVEL_CONTAINED;
      if (f.level <= want)
	continue;
      error_at (DECL_SOURCE_LOCATION (an.decls[i]),
		"%qD is marked %s but is not %s", an.decls[i],
		pure ? "PARC_PURE" : "PARC_CONTAINED",
		pure ? "pure" : "contained");
      explain (an, i, pure ? PARC_LEVEL_CONTAINED : PARC_LEVEL_NONE);
    }
}

static void
check_forks (analysis &an)
{
  for (const fork_site &s : an.forks)
    {
      if (!s.callee)
	continue;
      if (s.call == (size_t) -1)
	{
	  /* stdio on a stream parc cannot tell from stdout/stderr */
	  error_at (stmt_loc (s.stmt), "cannot fork a call to %qD on a stream "
		    "that is not stdout or stderr, which is not contained",
		    s.callee);
	  continue;
	}
      const parc_call &c = an.g.fns[s.fn].calls[s.call];
      const parc_fn &callee = an.g.fns[c.callee];
      location_t loc = loc_or (c.loc, DECL_SOURCE_LOCATION (an.decls[s.fn]));
      parc_reason why;
      enum parc_level l = parc_call_level (&an.g, &c, &why, NULL);
      if (l >= PARC_LEVEL_NONE)
	{
	  if (why.kind == PARC_WHY_ARG)
	    error_at (loc, "cannot fork this call: argument %d of %qD is %s, "
		      "and %qD writes through it", (int) why.arg + 1, s.callee,
		      c.args[why.arg].kind == PARC_ORIGIN_LOADED
		      ? "a pointer loaded from memory"
		      : "a pointer of unknown origin", s.callee);
	  else
	    {
	      error_at (loc, "cannot fork a call to %qD, which is not contained",
			s.callee);
	      explain (an, c.callee, PARC_LEVEL_NONE);
	    }
	  continue;
	}
      /* Writes through pointer arguments need a writes clause naming them. */
      for (size_t k = 0; k < c.nargs && k < 64 && !s.split; k++)
	{
	  if (!(callee.writes & ((uint64_t) 1 << k)))
	    continue;
	  enum parc_origin_kind ok = c.args[k].kind;
	  if (ok != PARC_ORIGIN_PARAM && ok != PARC_ORIGIN_LOCAL
	      && ok != PARC_ORIGIN_OWN)
	    continue;
	  tree root = root_of (gimple_call_arg (s.stmt, k));
	  bool named = false;
	  for (unsigned r = 0; r < s.nroots; r++)
	    if (an.roots[s.first_root + r] == root)
	      named = true;
	  if (named)
	    continue;
	  const char *rn = root_name (root);
	  if (rn)
	    error_at (loc, "%qD writes through argument %d (%qs), which no "
		      "%<writes%> clause of this fork names", s.callee,
		      (int) k + 1, rn);
	  else
	    error_at (loc, "%qD writes through argument %d, which no "
		      "%<writes%> clause of this fork names", s.callee,
		      (int) k + 1);
	}
    }
}

static void
report_verdicts (analysis &an)
{
  for (size_t i = 0; i < an.g.n; i++)
    {
      const parc_fn &f = an.g.fns[i];
      tree d = an.decls[i];
      if (!f.has_body)
	continue;
      expanded_location xl = expand_location (DECL_SOURCE_LOCATION (d));
      if (!xl.file || !main_input_filename
	  || strcmp (xl.file, main_input_filename) != 0)
	continue;
      if (f.level == PARC_LEVEL_PURE)
	{
	  inform (DECL_SOURCE_LOCATION (d), "%qs is pure", f.name);
	  continue;
	}
      /* The reason of the first level it is not, so "contained" comes
	 with why it is not pure, "not contained" with why not contained. */
      parc_hop hops[16];
      enum parc_level at = f.level;
      size_t n = parc_graph_explain (&an.g, i, at, hops, 16);
      char sentence[1024];
      parc_graph_sentence (&an.g, hops, n, at, sentence, sizeof sentence);
      inform (DECL_SOURCE_LOCATION (d), "%qs is %s (%s)", f.name,
	      parc_level_name (f.level), sentence);
    }
}

/* ---- The pass ----------------------------------------------------------------- */

const pass_data pass_data_parc_check = {
  SIMPLE_IPA_PASS, "parc_check", OPTGROUP_NONE, TV_NONE,
  PROP_gimple_any, 0, 0, 0, 0
};

class pass_parc_check : public simple_ipa_opt_pass
{
public:
  pass_parc_check (gcc::context *ctx)
    : simple_ipa_opt_pass (pass_data_parc_check, ctx) {}
  bool gate (function *) final override { return true; }
  unsigned int execute (function *) final override;
};

/* The analysis of the unit being checked, for the identities' hooks. */
static analysis *current_analysis;

/* The same for gcc-steps.cc's check, through these two. */
static analysis *steps_analysis;

static size_t
steps_node_of (tree decl)
{
  if (cgraph_node *cn = cgraph_node::get (decl))
    {
      cn = cn->ultimate_alias_target ();
      if (cn && cn->decl)
	decl = cn->decl;
    }
  unsigned *id = steps_analysis->ids.get (decl);
  return id ? *id - 1 : (size_t) -1;
}

static void
steps_explain (size_t fn)
{
  explain (*steps_analysis, fn, PARC_LEVEL_NONE);
}

static bool
analysis_node (tree fndecl, const parc_fn **out)
{
  analysis *an = current_analysis;
  if (!an || an->failed)
    return false;
  unsigned *id = an->ids.get (fndecl);
  if (!id)
    return false;
  *out = &an->g.fns[*id - 1];
  return true;
}

static bool
hook_pure (tree fndecl)
{
  const parc_fn *f;
  return analysis_node (fndecl, &f) && f->level == PARC_LEVEL_PURE;
}

static bool
hook_safe (tree fndecl)
{
  const parc_fn *f;
  return analysis_node (fndecl, &f) && f->safe;
}

static const parc_deparallel_hooks deparallel_hooks = { hook_pure, hook_safe };

unsigned int
pass_parc_check::execute (function *)
{
  analysis an;
  cgraph_node *node;
  auto_vec<cgraph_node *> nodes;
  FOR_EACH_FUNCTION_WITH_GIMPLE_BODY (node)
    nodes.safe_push (node);
  for (cgraph_node *n : nodes)
    scan_function (an, n);
  /* Without a marker or a mark in the unit there is nothing to check; the
     walk above still ran, so that markers never survive. */
  if (!an.failed)
    {
      parc_graph_solve (&an.g);
      check_marks (an);
      check_forks (an);
      steps_analysis = &an;
      parc_steps_check (&an.g, steps_node_of, steps_explain);
      steps_analysis = NULL;
      /* Marks that hold here become symbols that other files' trust needs
	 (gcc-marks-link.cc). */
      for (size_t i = 0; i < an.g.n; i++)
	if (an.g.fns[i].has_body && an.g.fns[i].marks)
	  parc_mark_defined (an.decls[i], an.g.fns[i].marks,
			     an.g.fns[i].level);
      if (parc_opt_verdicts)
	report_verdicts (an);
    }
  parc_emit_mark_symbols ();
  /* Step 5: deparallelize and lower what passed; after an error nothing is
     emitted, and the markers just go. */
  if (!seen_error () && !parc_naive && !an.failed)
    {
      current_analysis = &an;
      parc_deparallelize_unit (&deparallel_hooks);
      current_analysis = NULL;
    }
  parc_lower_unit (!seen_error ());
  return 0;
}

/* ---- Registration ---------------------------------------------------------- */

int
plugin_init (struct plugin_name_args *info, struct plugin_gcc_version *version)
{
  if (!plugin_default_version_check (version, &gcc_version))
    {
      error ("the parc plugin was built for GCC %s; rebuild it for this "
	     "compiler", gcc_version.basever);
      return 1;
    }
  for (int i = 0; i < info->argc; i++)
    {
      const char *key = info->argv[i].key;
      const char *value = info->argv[i].value;
      if (strcmp (key, "verdicts") == 0 && !value)
	parc_opt_verdicts = true;
      else if (strcmp (key, "naive") == 0 && !value)
	parc_naive = true;
      else if (strcmp (key, "report") == 0 && !value)
	parc_report = true;
      else if (strcmp (key, "heartbeat") == 0 && !value)
	parc_heartbeat = true;
      else if (strcmp (key, "no-heartbeat") == 0 && !value)
	parc_heartbeat = false;
      else if (strcmp (key, "check-writes") == 0 && value
	       && (strcmp (value, "yes") == 0 || strcmp (value, "no") == 0))
	parc_check_writes = strcmp (value, "yes") == 0;
      else
	{
	  error ("unknown argument %<-fplugin-arg-parc-%s%> (known: "
		 "%<verdicts%>, %<check-writes=yes|no%>, %<naive%>, %<report%>, "
		 "%<heartbeat%>, %<no-heartbeat%>)",
		 key);
	  return 1;
	}
    }
  const char *name = info->base_name;
  register_callback (name, PLUGIN_INFO, NULL, &parc_plugin_info);

  /* parc is C: in cc1plus, and in lto1 (no front end), the plugin does
     nothing yet; issue 5's lowering will work in lto1 too. */
  const char *lang = lang_hooks.name;  /* "GNU C17", "GNU C++17", "GNU GIMPLE" */
  if (!lang || strncmp (lang, "GNU C", 5) != 0 || lang[5] == '+')
    return 0;

  register_callback (name, PLUGIN_REGISTER_GGC_ROOTS, NULL,
		     (void *) parc_marker_roots);
  register_callback (name, PLUGIN_REGISTER_GGC_ROOTS, NULL,
		     (void *) parc_lower_roots);
  register_callback (name, PLUGIN_REGISTER_GGC_ROOTS, NULL,
		     (void *) parc_promote_roots);
  register_callback (name, PLUGIN_ATTRIBUTES, on_attributes, NULL);
  register_callback (name, PLUGIN_PRAGMAS, on_pragmas, NULL);
  register_callback (name, PLUGIN_PRE_GENERICIZE, on_pre_genericize, NULL);

  /* After the SSA-building passes: bodies are in SSA (so pointer origins are
     def-use chains) and call-graph edges are rebuilt, but nothing is inlined
     yet, so every call the user wrote is still a call with its location. */
  struct register_pass_info pass;
  pass.pass = new pass_parc_check (g);
  pass.reference_pass_name = "build_ssa_passes";
  pass.ref_pass_instance_number = 1;
  pass.pos_op = PASS_POS_INSERT_AFTER;
  register_callback (name, PLUGIN_PASS_MANAGER_SETUP, NULL, &pass);
  return 0;
}
