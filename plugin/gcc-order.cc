/* gcc-order.cc: what a pending fork writes, and when the parent may touch it.
 *
 * Two rules of docs/language.md ("use before join", "overlapping writes"),
 * checked on a function's GENERIC at PLUGIN_PRE_GENERICIZE, before
 * gcc-glue.cc hoists the fork arguments, in source order as the lifetime
 * check is:
 *
 *   (1) the body is walked once, in source order, into events: forks (with
 *       what each writes: its destination and its writes regions), joins,
 *       accesses of variables (whole, one array element, one field, or an
 *       element through a pointer variable) and assignments of variables;
 *       each event remembers the if/else arms and switch cases it lies in;
 *   (2) a fork is pending from its statement to the next join in source
 *       order (or the end of the function);
 *   (3) an access, by the parent, of what a pending fork writes is an error
 *       (use before join), and so is a later fork, pending together with
 *       it, that writes the same memory (overlap); both only where the
 *       plugin can prove it: the same variable, and element indices whose
 *       difference is a constant (integer variables in them not assigned in
 *       between, not address-taken).
 *
 * Events in different arms of one if/else or in different cases of one
 * switch lie on no common path and are never compared.  Anything not
 * understood (an index that is not affine, a pointer of unknown origin) is
 * simply not reported: the run-time check of issue 5 covers overlaps the
 * plugin cannot decide.
 */
#include "gcc-compat.h"
#include "gcc-checks.h"
#include "gcc-markers.h"

#include <string.h>
#include <limits.h>

namespace {

/* ---- Affine integer forms: c + sum k_i * v_i over integer variables ---- */

const int max_terms = 6;

struct affine
{
  bool ok;
  HOST_WIDE_INT c;
  int n;
  tree var[max_terms];
  HOST_WIDE_INT k[max_terms];
};

affine
aff_fail ()
{
  affine a;
  memset (&a, 0, sizeof a);
  return a;
}

affine
aff_const (HOST_WIDE_INT c)
{
  affine a = aff_fail ();
  a.ok = true;
  a.c = c;
  return a;
}

/* Coefficients stay small: beyond this, overflow is possible and the form
   proves nothing. */
const HOST_WIDE_INT aff_limit = (HOST_WIDE_INT) 1 << 40;

bool
aff_small (HOST_WIDE_INT v)
{
  return v > -aff_limit && v < aff_limit;
}

/* a + s * b */
affine
aff_add (affine a, const affine &b, HOST_WIDE_INT s)
{
  if (!a.ok || !b.ok || !aff_small (s))
    return aff_fail ();
  a.c += s * b.c;
  if (!aff_small (a.c))
    return aff_fail ();
  for (int i = 0; i < b.n; i++)
    {
      HOST_WIDE_INT k = s * b.k[i];
      int j = 0;
      while (j < a.n && a.var[j] != b.var[i])
	j++;
      if (j == a.n)
	{
	  if (a.n == max_terms)
	    return aff_fail ();
	  a.var[a.n] = b.var[i];
	  a.k[a.n++] = 0;
	}
      a.k[j] += k;
      if (!aff_small (a.k[j]))
	return aff_fail ();
      if (a.k[j] == 0)
	{
	  a.var[j] = a.var[a.n - 1];
	  a.k[j] = a.k[a.n - 1];
	  a.n--;
	}
    }
  return a;
}

affine
aff_of (tree t, int depth = 0)
{
  if (!t || depth > 32)
    return aff_fail ();
  while ((CONVERT_EXPR_P (t) || TREE_CODE (t) == NON_LVALUE_EXPR)
	 && INTEGRAL_TYPE_P (TREE_TYPE (TREE_OPERAND (t, 0))))
    t = TREE_OPERAND (t, 0);
  if (!INTEGRAL_TYPE_P (TREE_TYPE (t)))
    return aff_fail ();
  switch (TREE_CODE (t))
    {
    case INTEGER_CST:
      {
	HOST_WIDE_INT v = wi::to_wide (t).to_shwi ();
	return aff_small (v) ? aff_const (v) : aff_fail ();
      }
    case VAR_DECL:
    case PARM_DECL:
      {
	affine a = aff_const (0);
	a.n = 1;
	a.var[0] = t;
	a.k[0] = 1;
	return a;
      }
    case PLUS_EXPR:
    case MINUS_EXPR:
      return aff_add (aff_of (TREE_OPERAND (t, 0), depth + 1),
		      aff_of (TREE_OPERAND (t, 1), depth + 1),
		      TREE_CODE (t) == PLUS_EXPR ? 1 : -1);
    case NEGATE_EXPR:
      return aff_add (aff_const (0), aff_of (TREE_OPERAND (t, 0), depth + 1),
		      -1);
    case MULT_EXPR:
      {
	affine l = aff_of (TREE_OPERAND (t, 0), depth + 1);
	affine r = aff_of (TREE_OPERAND (t, 1), depth + 1);
	if (l.ok && l.n == 0)
	  return aff_add (aff_const (0), r, l.c);
	if (r.ok && r.n == 0)
	  return aff_add (aff_const (0), l, r.c);
	return aff_fail ();
      }
    default:
      return aff_fail ();
    }
}

/* a / d when every part divides exactly (a byte offset into elements). */
affine
aff_div (affine a, HOST_WIDE_INT d)
{
  if (!a.ok || d <= 0 || a.c % d)
    return aff_fail ();
  a.c /= d;
  for (int i = 0; i < a.n; i++)
    {
      if (a.k[i] % d)
	return aff_fail ();
      a.k[i] /= d;
    }
  return a;
}

/* ---- Events (step 1) ---- */

enum acc_kind
{
  ACC_WHOLE,	/* the variable itself: read, written, its address, an array
		   used whole (decayed) */
  ACC_ELEM,	/* one element of an array variable: idx */
  ACC_PART,	/* a field (or deeper) of a variable: ref */
  ACC_MEM,	/* element idx through pointer variable decl */
  ACC_RANGE	/* (footprints only) writes region decl[lo:len] */
};

enum ev_kind { EV_ACCESS, EV_ASSIGN, EV_JOIN };

struct event
{
  ev_kind kind;
  int pos;
  unsigned path, npath;	/* into walker::paths */
  tree decl;
  acc_kind acc;
  affine idx;
  tree ref;
  location_t loc;
  int owner;		/* the fork whose statement holds the access, or -1 */
  bool own_dest;	/* the destination of fork owner */
};

struct foot
{
  acc_kind kind;
  tree decl;
  affine lo, len;	/* ACC_ELEM and ACC_MEM: lo is the index, len 1 */
  tree ref;
};

struct fork_rec
{
  int pos, join_pos;
  unsigned path, npath;
  location_t loc;
  unsigned first_foot, nfeet;
};

struct arm { int id, arm; bool sw; };

struct walker
{
  tree fndecl;
  vec<event> ev;
  vec<fork_rec> forks;
  vec<foot> feet;
  vec<arm> paths;	/* snapshots of cur, flat */
  vec<arm> cur;
  hash_set<tree> *seen;
  int pos, next_id, owner;
};

void
snapshot (walker &w, unsigned *start, unsigned *n)
{
  *start = w.paths.length ();
  *n = w.cur.length ();
  for (const arm &a : w.cur)
    w.paths.safe_push (a);
}

bool
tracked (walker &w, tree d)
{
  return d && (VAR_P (d) || TREE_CODE (d) == PARM_DECL)
	 && (is_global_var (d) || DECL_CONTEXT (d) == w.fndecl);
}

void
push_event (walker &w, ev_kind kind, tree decl, location_t loc)
{
  event e;
  memset (&e, 0, sizeof e);
  e.kind = kind;
  e.pos = ++w.pos;
  e.decl = decl;
  e.loc = loc;
  e.owner = w.owner;
  snapshot (w, &e.path, &e.npath);
  w.ev.safe_push (e);
}

void expr (walker &w, tree t, location_t loc);

/* What a reference designates: fills decl, kind, idx, ref.  Returns false
   for anything else (a call's result, a pointer expression not based on a
   variable).  SUBS gets the subexpressions read on the way (indices, the
   pointer). */
bool
classify (walker &w, tree t, foot *f, vec<tree> *subs)
{
  memset (f, 0, sizeof *f);
  tree outer = t;
  tree elem_idx = NULL_TREE;
  bool part = false;
  while (handled_component_p (t))
    {
      if (TREE_CODE (t) == ARRAY_REF || TREE_CODE (t) == ARRAY_RANGE_REF)
	{
	  subs->safe_push (TREE_OPERAND (t, 1));
	  if (tracked (w, TREE_OPERAND (t, 0)))
	    elem_idx = TREE_OPERAND (t, 1);
	}
      else if (TREE_CODE (t) == COMPONENT_REF && tracked (w, TREE_OPERAND (t, 0)))
	part = true;
      t = TREE_OPERAND (t, 0);
    }
  if (tracked (w, t))
    {
      f->decl = t;
      if (t == outer)
	f->kind = ACC_WHOLE;
      else if (elem_idx)
	{
	  f->kind = ACC_ELEM;
	  f->lo = TREE_SIDE_EFFECTS (elem_idx) ? aff_fail () : aff_of (elem_idx);
	  f->len = aff_const (1);
	}
      else
	{
	  f->kind = part ? ACC_PART : ACC_WHOLE;
	  f->ref = outer;
	}
      return true;
    }
  if (TREE_CODE (t) != INDIRECT_REF && TREE_CODE (t) != MEM_REF)
    {
      if (!DECL_P (t)) /* a variable not tracked reads nothing */
	subs->safe_push (t);
      return false;
    }
  tree p = TREE_OPERAND (t, 0);
  subs->safe_push (p);
  STRIP_NOPS (p);
  affine off = aff_const (0);
  if (TREE_CODE (p) == POINTER_PLUS_EXPR)
    {
      off = aff_of (TREE_OPERAND (p, 1));
      p = TREE_OPERAND (p, 0);
      STRIP_NOPS (p);
    }
  if (TREE_CODE (t) == MEM_REF)
    off = aff_add (off, aff_of (TREE_OPERAND (t, 1)), 1);
  if (!tracked (w, p) || !POINTER_TYPE_P (TREE_TYPE (p)))
    return false;
  tree sz = TYPE_SIZE_UNIT (TREE_TYPE (TREE_TYPE (p)));
  f->kind = ACC_MEM;
  f->decl = p;
  if (t != outer)
    f->ref = outer; /* a field of the element only */
  f->lo = sz && tree_fits_shwi_p (sz) ? aff_div (off, tree_to_shwi (sz))
				     : aff_fail ();
  f->len = aff_const (1);
  return true;
}

/* A reference to memory: an access event for what it designates, then the
   subexpressions it reads. */
void
ref (walker &w, tree t, location_t loc, bool own_dest)
{
  foot f;
  auto_vec<tree, 4> subs;
  if (classify (w, t, &f, &subs))
    {
      push_event (w, EV_ACCESS, f.decl, loc);
      event &e = w.ev.last ();
      e.acc = f.kind;
      e.idx = f.lo;
      e.ref = f.ref;
      e.own_dest = own_dest;
    }
  for (tree s : subs)
    expr (w, s, loc);
}

void
assign (walker &w, tree lhs, location_t loc)
{
  while (handled_component_p (lhs))
    lhs = TREE_OPERAND (lhs, 0);
  if (tracked (w, lhs))
    push_event (w, EV_ASSIGN, lhs, loc);
}

void
stmt_list (walker &w, tree list, location_t loc);

void
expr (walker &w, tree t, location_t loc)
{
  if (!t || t == error_mark_node)
    return;
  if (EXPR_P (t) && EXPR_HAS_LOCATION (t))
    loc = EXPR_LOCATION (t);
  switch (TREE_CODE (t))
    {
    case VAR_DECL:
    case PARM_DECL:
    case COMPONENT_REF:
    case ARRAY_REF:
    case ARRAY_RANGE_REF:
    case BIT_FIELD_REF:
    case REALPART_EXPR:
    case IMAGPART_EXPR:
    case VIEW_CONVERT_EXPR:
    case INDIRECT_REF:
    case MEM_REF:
      ref (w, t, loc, false);
      return;
    case ADDR_EXPR:
      if (TREE_CODE (TREE_OPERAND (t, 0)) != FUNCTION_DECL
	  && TREE_CODE (TREE_OPERAND (t, 0)) != LABEL_DECL)
	ref (w, TREE_OPERAND (t, 0), loc, false);
      return;
    case MODIFY_EXPR:
    case INIT_EXPR:
      expr (w, TREE_OPERAND (t, 1), loc);
      ref (w, TREE_OPERAND (t, 0), loc, false);
      assign (w, TREE_OPERAND (t, 0), loc);
      return;
    case PREINCREMENT_EXPR:
    case PREDECREMENT_EXPR:
    case POSTINCREMENT_EXPR:
    case POSTDECREMENT_EXPR:
      ref (w, TREE_OPERAND (t, 0), loc, false);
      assign (w, TREE_OPERAND (t, 0), loc);
      return;
    case DECL_EXPR:
      {
	tree d = DECL_EXPR_DECL (t);
	if (VAR_P (d) && !TREE_STATIC (d))
	  {
	    expr (w, DECL_INITIAL (d), loc);
	    push_event (w, EV_ASSIGN, d, loc);
	  }
	return;
      }
    case BIND_EXPR:
      expr (w, BIND_EXPR_BODY (t), loc);
      return;
    case STATEMENT_LIST:
      stmt_list (w, t, loc);
      return;
    case COND_EXPR:
      {
	expr (w, TREE_OPERAND (t, 0), loc);
	arm a = { ++w.next_id, 1, false };
	w.cur.safe_push (a);
	expr (w, TREE_OPERAND (t, 1), loc);
	w.cur.last ().arm = 2;
	expr (w, TREE_OPERAND (t, 2), loc);
	w.cur.pop ();
	return;
      }
    case SWITCH_EXPR:
    case SWITCH_STMT: /* the C front end's, until c_genericize */
      {
	bool stmt = TREE_CODE (t) == SWITCH_STMT;
	expr (w, stmt ? SWITCH_STMT_COND (t) : SWITCH_COND (t), loc);
	arm a = { ++w.next_id, 0, true };
	w.cur.safe_push (a);
	expr (w, stmt ? SWITCH_STMT_BODY (t) : SWITCH_BODY (t), loc);
	w.cur.pop ();
	return;
      }
    case CASE_LABEL_EXPR:
      /* Cases of one switch are arms: fall-through is not followed. */
      for (unsigned i = w.cur.length (); i-- > 0;)
	if (w.cur[i].sw)
	  {
	    w.cur[i].arm++;
	    break;
	  }
      return;
    case SAVE_EXPR:
      if (!w.seen->add (t))
	expr (w, TREE_OPERAND (t, 0), loc);
      return;
    case TARGET_EXPR:
      expr (w, TARGET_EXPR_INITIAL (t), loc);
      return;
    case CALL_EXPR:
      if (parc_generic_marker_kind (t) == 2)
	{
	  push_event (w, EV_JOIN, NULL_TREE, loc);
	  return;
	}
      if (parc_generic_marker_kind (t) == 1)
	return; /* not a statement of a list: fork_statement reports it */
      expr (w, CALL_EXPR_FN (t), loc);
      for (int i = 0; i < call_expr_nargs (t); i++)
	expr (w, CALL_EXPR_ARG (t, i), loc);
      return;
    case CONSTRUCTOR:
      {
	unsigned i;
	tree v;
	FOR_EACH_CONSTRUCTOR_VALUE (CONSTRUCTOR_ELTS (t), i, v)
	  expr (w, v, loc);
	return;
      }
    default:
      if (EXPR_P (t))
	for (int i = 0; i < TREE_OPERAND_LENGTH (t); i++)
	  expr (w, TREE_OPERAND (t, i), loc);
      return;
    }
}

/* The variable a writes-region base designates: p, or a for &a[0]. */
tree
region_base (walker &w, tree b)
{
  STRIP_NOPS (b);
  if (TREE_CODE (b) == ADDR_EXPR)
    {
      b = TREE_OPERAND (b, 0);
      if (TREE_CODE (b) == ARRAY_REF)
	b = TREE_OPERAND (b, 0);
    }
  return tracked (w, b) ? b : NULL_TREE;
}

/* A fork marker followed by statement S.  Returns false when S has no shape
   fork_statement accepts (it reports that); S is then walked as usual. */
bool
fork_stmt (walker &w, tree marker, tree s, location_t loc)
{
  tree lhs = NULL_TREE, call = NULL_TREE;
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
    }
  if (!call || TREE_CODE (call) != CALL_EXPR || parc_generic_marker_kind (call) == 1
      || parc_generic_marker_kind (call) == 2 || !get_callee_fndecl (call))
    return false;
  if (EXPR_HAS_LOCATION (call))
    loc = EXPR_LOCATION (call);

  int self = w.forks.length ();
  fork_rec f;
  memset (&f, 0, sizeof f);
  f.loc = loc;
  f.join_pos = INT_MAX;
  f.first_foot = w.feet.length ();

  /* What the parent evaluates before the fork: the bounds of the writes
     regions, the arguments, the destination's indices. */
  int outer = w.owner;
  w.owner = self;
  int nargs = call_expr_nargs (marker);
  int nregions = nargs > 1 && tree_fits_shwi_p (CALL_EXPR_ARG (marker, 1))
		 ? tree_to_shwi (CALL_EXPR_ARG (marker, 1)) : 0;
  for (int r = 0; r < nregions && 4 + 3 * r < nargs; r++)
    {
      tree lo = CALL_EXPR_ARG (marker, 3 + 3 * r);
      tree len = CALL_EXPR_ARG (marker, 4 + 3 * r);
      expr (w, lo, loc);
      expr (w, len, loc);
      foot ft;
      memset (&ft, 0, sizeof ft);
      ft.kind = ACC_RANGE;
      ft.decl = region_base (w, CALL_EXPR_ARG (marker, 2 + 3 * r));
      ft.lo = aff_of (lo);
      ft.len = aff_of (len);
      if (ft.decl)
	w.feet.safe_push (ft);
    }
  for (int i = 0; i < call_expr_nargs (call); i++)
    expr (w, CALL_EXPR_ARG (call, i), loc);
  if (lhs && TREE_CODE (s) == MODIFY_EXPR)
    {
      foot ft;
      auto_vec<tree, 4> subs;
      if (classify (w, lhs, &ft, &subs))
	w.feet.safe_push (ft);
      ref (w, lhs, loc, true);
    }
  else if (lhs)
    {
      foot ft;
      memset (&ft, 0, sizeof ft);
      ft.kind = ACC_WHOLE;
      ft.decl = lhs;
      w.feet.safe_push (ft);
    }
  w.owner = outer;

  f.nfeet = w.feet.length () - f.first_foot;
  f.pos = ++w.pos;
  snapshot (w, &f.path, &f.npath);
  w.forks.safe_push (f);
  /* The destination changes at some moment until the join. */
  if (lhs)
    assign (w, lhs, loc);
  return true;
}

void
stmt_list (walker &w, tree list, location_t loc)
{
  for (tree_stmt_iterator it = tsi_start (list); !tsi_end_p (it); tsi_next (&it))
    {
      tree s = tsi_stmt (it);
      if (parc_generic_marker_kind (s) != 1)
	{
	  expr (w, s, loc);
	  continue;
	}
      tree_stmt_iterator n = it;
      tsi_next (&n);
      while (!tsi_end_p (n) && TREE_CODE (tsi_stmt (n)) == DEBUG_BEGIN_STMT)
	tsi_next (&n);
      if (tsi_end_p (n))
	return;
      location_t mloc = EXPR_HAS_LOCATION (s) ? EXPR_LOCATION (s) : loc;
      if (fork_stmt (w, s, tsi_stmt (n), mloc))
	it = n;
    }
}

/* ---- Comparing (step 3) ---- */

bool
exclusive (walker &w, unsigned p1, unsigned n1, unsigned p2, unsigned n2)
{
  for (unsigned i = 0; i < n1; i++)
    for (unsigned j = 0; j < n2; j++)
      if (w.paths[p1 + i].id == w.paths[p2 + j].id
	  && w.paths[p1 + i].arm != w.paths[p2 + j].arm)
	return true;
  return false;
}

/* V holds the same value at positions from and to: a local or parameter of
   the function whose address is never taken, not assigned in between. */
bool
stable (walker &w, tree v, int from, int to)
{
  if (!v || is_global_var (v) || TREE_ADDRESSABLE (v)
      || DECL_CONTEXT (v) != w.fndecl)
    return false;
  for (const event &e : w.ev)
    if (e.kind == EV_ASSIGN && e.decl == v && e.pos > from && e.pos < to)
      return false;
  return true;
}

/* b - a as a constant, when the variables in both are stable between. */
bool
const_diff (walker &w, const affine &a, const affine &b, int from, int to,
	    HOST_WIDE_INT *d)
{
  affine x = aff_add (b, a, -1);
  if (!x.ok || x.n)
    return false;
  for (int i = 0; i < a.n; i++)
    if (!stable (w, a.var[i], from, to))
      return false;
  for (int i = 0; i < b.n; i++)
    if (!stable (w, b.var[i], from, to))
      return false;
  *d = x.c;
  return true;
}

/* A length known or assumed not to be empty: a constant > 0, or any other
   expression (a region whose length may be zero is assumed to write its
   first element). */
bool
nonempty (const affine &len)
{
  return !len.ok || len.n || len.c > 0;
}

/* [lo1:len1] and [lo2:len2] provably overlap. */
bool
ranges_overlap (walker &w, const affine &lo1, const affine &len1,
		const affine &lo2, const affine &len2, int from, int to)
{
  HOST_WIDE_INT d;
  if (!nonempty (len1) || !nonempty (len2)
      || !const_diff (w, lo1, lo2, from, to, &d))
    return false;
  if (d == 0)
    return true;
  if (d > 0)
    return len1.ok && len1.n == 0 && d < len1.c;
  return len2.ok && len2.n == 0 && -d < len2.c;
}

bool
is_array (tree d)
{
  return TREE_CODE (TREE_TYPE (d)) == ARRAY_TYPE;
}

/* Whether reference REF mentions no variable other than ROOT (so that two
   equal references designate the same memory at different times). */
tree
other_var (tree *tp, int *walk_subtrees, void *data)
{
  if (TYPE_P (*tp))
    *walk_subtrees = 0;
  else if ((VAR_P (*tp) || TREE_CODE (*tp) == PARM_DECL) && *tp != (tree) data)
    return *tp;
  return NULL_TREE;
}

bool
same_part (tree a, tree b, tree root)
{
  return a && b && operand_equal_p (a, b, 0)
	 && !walk_tree_without_duplicates (&a, other_var, root);
}

/* Footprints F (of a fork at FROM) and G (of an access or a fork at TO)
   provably designate common memory. */
bool
meets (walker &w, const foot &f, const foot &g, int from, int to)
{
  if (f.decl != g.decl)
    return false;
  /* A pointer variable itself versus what it points to: nothing shared. */
  bool fp = f.kind == ACC_MEM || (f.kind == ACC_RANGE && !is_array (f.decl));
  bool gp = g.kind == ACC_MEM || (g.kind == ACC_RANGE && !is_array (g.decl));
  if (fp != gp)
    return false;
  /* A whole variable meets everything of it, and an array used whole meets
     every region of it. */
  if (f.kind == ACC_WHOLE || g.kind == ACC_WHOLE)
    return true;
  if (f.kind == ACC_PART || g.kind == ACC_PART)
    return f.kind == g.kind && same_part (f.ref, g.ref, f.decl);
  /* Two fields of elements through one pointer: the same field only. */
  if (f.kind == ACC_MEM && g.kind == ACC_MEM && (f.ref || g.ref)
      && !same_part (f.ref, g.ref, f.decl))
    return false;
  /* Elements and ranges: of an array variable (ELEM, RANGE on an array) or
     through a pointer variable (MEM, RANGE on a pointer) that keeps its
     value in between. */
  bool fa = f.kind == ACC_ELEM || (f.kind == ACC_RANGE && is_array (f.decl));
  bool ga = g.kind == ACC_ELEM || (g.kind == ACC_RANGE && is_array (g.decl));
  if (fa != ga)
    return false;
  if (!fa && !stable (w, f.decl, from, to))
    return false;
  return ranges_overlap (w, f.lo, f.len, g.lo, g.len, from, to);
}

void
report_use (walker &w, const fork_rec &fr, const foot &f, const event &a)
{
  location_t loc = a.loc != UNKNOWN_LOCATION ? a.loc
					     : DECL_SOURCE_LOCATION (w.fndecl);
  auto_diagnostic_group d;
  if (f.kind == ACC_RANGE && a.acc == ACC_WHOLE)
    error_at (loc, "%qD is used whole before the join of a fork that writes "
	      "part of it (its %<writes%> clause)", f.decl);
  else if (f.kind == ACC_RANGE)
    error_at (loc, "an element of %qD that a pending fork writes (its "
	      "%<writes%> clause) is used before the join", f.decl);
  else if (f.kind == ACC_ELEM)
    error_at (loc, "an element of %qD that a pending fork writes (its "
	      "destination) is used before the join", f.decl);
  else if (f.kind == ACC_MEM)
    error_at (loc, "the destination of a pending fork, through %qD, is used "
	      "before the join", f.decl);
  else
    error_at (loc, "%qD is used before the join of the fork that writes it",
	      f.decl);
  inform (fr.loc, "forked here");
}

void
report_overlap (const fork_rec &fr, const fork_rec &gr, const foot &f,
		const foot &g)
{
  auto_diagnostic_group d;
  if (f.kind == ACC_RANGE && g.kind == ACC_RANGE)
    error_at (gr.loc, "the %<writes%> regions of this fork and of an earlier "
	      "fork that is still pending overlap in %qD", f.decl);
  else if (f.kind == ACC_RANGE || g.kind == ACC_RANGE)
    error_at (gr.loc, "this fork and an earlier fork that is still pending "
	      "both write an element of %qD (a destination inside a "
	      "%<writes%> region)", f.decl);
  else if (f.kind == ACC_MEM)
    error_at (gr.loc, "this fork and an earlier fork that is still pending "
	      "both write the same memory through %qD", f.decl);
  else
    error_at (gr.loc, "this fork and an earlier fork that is still pending "
	      "both write %qD", f.decl);
  inform (fr.loc, "forked here");
}

/* An access by a later fork's arguments to an array that fork names in a
   writes region of its own: the overlap of the regions decides. */
bool
own_region (walker &w, int owner, tree decl)
{
  if (owner < 0)
    return false;
  const fork_rec &g = w.forks[owner];
  for (unsigned k = 0; k < g.nfeet; k++)
    if (w.feet[g.first_foot + k].kind == ACC_RANGE
	&& w.feet[g.first_foot + k].decl == decl)
      return true;
  return false;
}

void
check (walker &w)
{
  /* Step 2: the join of each fork. */
  for (fork_rec &f : w.forks)
    for (const event &e : w.ev)
      if (e.kind == EV_JOIN && e.pos > f.pos)
	{
	  f.join_pos = e.pos;
	  break;
	}

  for (unsigned fi = 0; fi < w.forks.length (); fi++)
    {
      const fork_rec &fr = w.forks[fi];
      auto_vec<bool, 8> done;
      done.safe_grow_cleared (fr.nfeet);
      for (const event &a : w.ev)
	{
	  if (a.kind != EV_ACCESS || a.pos <= fr.pos || a.pos >= fr.join_pos
	      || a.owner == (int) fi || a.own_dest
	      || exclusive (w, fr.path, fr.npath, a.path, a.npath))
	    continue;
	  foot g;
	  memset (&g, 0, sizeof g);
	  g.kind = a.acc;
	  g.decl = a.decl;
	  g.lo = a.idx;
	  g.len = aff_const (1);
	  g.ref = a.ref;
	  for (unsigned k = 0; k < fr.nfeet; k++)
	    {
	      const foot &f = w.feet[fr.first_foot + k];
	      if (done[k] || !meets (w, f, g, fr.pos, a.pos))
		continue;
	      if (f.kind == ACC_RANGE && own_region (w, a.owner, f.decl))
		continue;
	      done[k] = true;
	      report_use (w, fr, f, a);
	    }
	}
      for (unsigned gi = fi + 1; gi < w.forks.length (); gi++)
	{
	  const fork_rec &gr = w.forks[gi];
	  if (gr.pos >= fr.join_pos
	      || exclusive (w, fr.path, fr.npath, gr.path, gr.npath))
	    continue;
	  bool found = false;
	  for (unsigned k = 0; k < fr.nfeet && !found; k++)
	    for (unsigned m = 0; m < gr.nfeet && !found; m++)
	      {
		const foot &f = w.feet[fr.first_foot + k];
		const foot &g = w.feet[gr.first_foot + m];
		/* A destination and a region on a pointer variable: the
		   variable versus what it points to, no overlap. */
		if (meets (w, f, g, fr.pos, gr.pos))
		  {
		    found = true;
		    report_overlap (fr, gr, f, g);
		  }
	      }
	}
    }
}

} // namespace

void
parc_check_order (tree fndecl)
{
  if (!fndecl || !DECL_SAVED_TREE (fndecl)
      || DECL_SAVED_TREE (fndecl) == error_mark_node)
    return;
  hash_set<tree> seen;
  walker w;
  w.fndecl = fndecl;
  w.ev = vNULL;
  w.forks = vNULL;
  w.feet = vNULL;
  w.paths = vNULL;
  w.cur = vNULL;
  w.seen = &seen;
  w.pos = 0;
  w.next_id = 0;
  w.owner = -1;
  expr (w, DECL_SAVED_TREE (fndecl), DECL_SOURCE_LOCATION (fndecl));
  if (w.forks.length ())
    check (w);
  w.ev.release ();
  w.forks.release ();
  w.feet.release ();
  w.paths.release ();
  w.cur.release ();
}
