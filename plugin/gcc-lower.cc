/* gcc-lower.cc: lowers #pragma parc fork / join to the runtime's strict
 * fork/join ABI (include/parc.h), after the checks of gcc-glue.cc passed.
 *
 * Purpose: every fork becomes a frame in the parent's stack, filled in the
 * parent, and a call of parc.h's always-inline parcint_lfork, which is the
 * strict ABI's parc_fork plus a link into the function's chain of pending
 * frames; every join, and every return, becomes parcint_ljoin over that
 * chain.  The forked call itself moves into an outlined thunk that a thief
 * (or the join, when nobody stole the frame) runs.  No heap allocation and no
 * call into libparc on the fast path: the helpers inline to parc_fork's and
 * parc_pop's single compares.
 *
 * Where: inside the check pass (after build_ssa_passes, before the early
 * local passes).  Bodies are in SSA and the checks have seen the markers;
 * the early inliner, which runs next at every -O level, inlines the helpers
 * (always_inline) into the parents and the callees into the thunks.
 *
 * Before/after for one fork (the numbers are the steps in the code):
 *
 *     tmp_3 = &r;                            (the check left this shape:
 *     __parc_fork (7, 0);                     arguments and the destination's
 *     *tmp_3 = fib (n_2);                     address hoisted, gcc-glue.cc)
 *     ...
 *     __parc_join ();
 *
 *   becomes
 *     static void main.parc_fork.7 (parc_frame *f)      (1) the thunk
 *     { struct frame7 *s = f; *s->dest = fib (s->a0); }
 *
 *     parc_pending = 0;                      (2) at entry: the chain, and the
 *                                                slot counters of loops
 *     frame7.dest = tmp_3;                   (3) the frame: in the parent's
 *     frame7.a0 = n_2;                           stack, one per site, or from a
 *     parcint_lfork (&parc_pending,              bounded array for a site that
 *                    &frame7.head,               forks again before its join
 *                    main.parc_fork.7);          (4) the fork
 *     ...
 *     parcint_ljoin (&parc_pending);         (5) every join and every return
 *
 * Frames of a site that can run again before a join (a fork in a loop whose
 * join is after the loop) come from an array of such frames in the parent's
 * stack; when it is full the call runs inline, in order, in a spill frame
 * (parcint_lslot, parcint_lfork_slot), so stack use stays bounded.  Issue 5
 * will split counted loops divide-and-conquer instead (cilk_for).
 */
#include "gcc-compat.h"

#include "gimplify.h"
#include "gimplify-me.h"
#include "tree-into-ssa.h"
#include "tree-inline.h"
#include "tree-dfa.h"
#include "tree-cfg.h"
#include "tree-cfgcleanup.h"
#include "tree-pretty-print.h"
#include "dumpfile.h"

#include "gcc-lower.h"
#include "gcc-markers.h"
#include "gcc-seqsum.h"
#include "gcc-promote.h"
#include "gcc-options.h"

#include <stdio.h>

/* parc.h's helpers, found at PRE_GENERICIZE (lookup_name needs the C front
 * end, which lto1 lacks and which is gone by the check pass). */
static GTY (()) tree h_lfork;
static GTY (()) tree h_lslot;
static GTY (()) tree h_lfork_slot;
static GTY (()) tree h_ljoin;
static GTY (()) tree h_lwrites;
static GTY (()) tree h_lfork1;
static GTY (()) tree h_ljoin1;
static GTY (()) tree h_lfork_slot1;
static GTY (()) tree h_ljoin_slots;

const struct ggc_root_tab parc_lower_roots[] = {
  { &h_lfork, 1, sizeof (h_lfork), &gt_ggc_mx_tree_node, &gt_pch_nx_tree_node },
  { &h_lslot, 1, sizeof (h_lslot), &gt_ggc_mx_tree_node, &gt_pch_nx_tree_node },
  { &h_lfork_slot, 1, sizeof (h_lfork_slot), &gt_ggc_mx_tree_node,
    &gt_pch_nx_tree_node },
  { &h_ljoin, 1, sizeof (h_ljoin), &gt_ggc_mx_tree_node, &gt_pch_nx_tree_node },
  { &h_lwrites, 1, sizeof (h_lwrites), &gt_ggc_mx_tree_node,
    &gt_pch_nx_tree_node },
  { &h_lfork1, 1, sizeof (h_lfork1), &gt_ggc_mx_tree_node, &gt_pch_nx_tree_node },
  { &h_ljoin1, 1, sizeof (h_ljoin1), &gt_ggc_mx_tree_node, &gt_pch_nx_tree_node },
  { &h_lfork_slot1, 1, sizeof (h_lfork_slot1), &gt_ggc_mx_tree_node,
    &gt_pch_nx_tree_node },
  { &h_ljoin_slots, 1, sizeof (h_ljoin_slots), &gt_ggc_mx_tree_node,
    &gt_pch_nx_tree_node },
  LAST_GGC_ROOT_TAB
};

static tree *const helpers[] = { &h_lfork, &h_lslot, &h_lfork_slot, &h_ljoin,
				 &h_lwrites, &h_lfork1, &h_ljoin1, &h_lfork_slot1,
				 &h_ljoin_slots };
static const unsigned nhelpers = sizeof helpers / sizeof helpers[0];
static const char *const helper_names[] = {
  "parcint_lfork", "parcint_lslot", "parcint_lfork_slot", "parcint_ljoin",
  "parcint_lwrites", "parcint_lfork1", "parcint_ljoin1", "parcint_lfork_slot1",
  "parcint_ljoin_slots"
};



void
parc_lower_find_helpers (void)
{
  if (h_lfork)
    return;
  tree found[sizeof helpers / sizeof helpers[0]];
  for (unsigned i = 0; i < nhelpers; i++)
    {
      tree d = lookup_name ? lookup_name (get_identifier (helper_names[i]))
			   : NULL_TREE;
      if (!d || TREE_CODE (d) != FUNCTION_DECL || !DECL_INITIAL (d))
	return; /* no parc.h (yet): reported if the unit is otherwise fine */
      found[i] = d;
    }
  /* Unused static functions are reclaimed before the IPA passes; these get
     their calls only in the check pass, which releases them again. */
  for (unsigned i = 0; i < nhelpers; i++)
    {
      *helpers[i] = found[i];
      cgraph_node::get_create (found[i])->force_output = 1;
    }
}

/* The type of parameter N of helper FN.  From the PARM_DECL, not from the
   function type: free_lang_data (which runs before the check pass) points
   the function type's pointers at incomplete copies of the structs. */
static tree
param_type (tree fn, unsigned n)
{
  tree a = DECL_ARGUMENTS (fn);
  while (n--)
    a = DECL_CHAIN (a);
  return TREE_TYPE (a);
}

/* ---- Sequential clones --------------------------------------------------- */


/* Forking function -> its sequential clone (forks are plain calls into
   clones, a poll at each former fork site); NULL under -fplugin-arg-parc-naive
   or before the unit's clones exist. */
static hash_map<tree, tree> *seq_clones;

static tree
seq_of (tree fndecl)
{
  tree *p = fndecl && seq_clones ? seq_clones->get (fndecl) : NULL;
  return p ? *p : NULL_TREE;
}

static bool
has_fork_markers (function *fun)
{
  basic_block bb;
  FOR_EACH_BB_FN (bb, fun)
    for (gimple_stmt_iterator gsi = gsi_start_bb (bb); !gsi_end_p (gsi);
	 gsi_next (&gsi))
      if (parc_gimple_marker_kind (gsi_stmt (gsi)) == 1)
	return true;
  return false;
}

/* CALL, in a clone, calls a range function (soon its clone, which ignores
   its grain): the grain becomes "all" too, and its computation, a call of
   parc.h's parcint_lgrain (which reads the worker count: a library call)
   and a conversion, goes into DEAD when nothing else uses it. */
static void
drop_grain (gcall *call, vec<gimple *> &dead)
{
  if (gimple_call_num_args (call) < 3)
    return;
  tree g = gimple_call_arg (call, 2);
  gimple_call_set_arg (call, 2, build_all_ones_cst (TREE_TYPE (g)));
  update_stmt (call);
  if (TREE_CODE (g) != SSA_NAME || !has_zero_uses (g))
    return;
  gimple *conv = SSA_NAME_DEF_STMT (g);
  if (!is_gimple_assign (conv)
      || !CONVERT_EXPR_CODE_P (gimple_assign_rhs_code (conv))
      || TREE_CODE (gimple_assign_rhs1 (conv)) != SSA_NAME
      || !has_single_use (gimple_assign_rhs1 (conv)))
    return;
  gimple *lg = SSA_NAME_DEF_STMT (gimple_assign_rhs1 (conv));
  tree fn = is_gimple_call (lg) ? gimple_call_fndecl (lg) : NULL_TREE;
  if (!fn || !DECL_NAME (fn)
      || strcmp (IDENTIFIER_POINTER (DECL_NAME (fn)), "parcint_lgrain"))
    return;
  dead.safe_push (conv);
  dead.safe_push (lg);
}

/* Whether G calls parc.h's parc_sequential. */
static bool
is_sequential_query (gimple *g)
{
  tree fn = is_gimple_call (g) ? gimple_call_fndecl (g) : NULL_TREE;
  return fn && DECL_NAME (fn) && gimple_call_num_args (g) == 0
	 && !strcmp (IDENTIFIER_POINTER (DECL_NAME (fn)), "parc_sequential");
}

/* Replaces the call G of parc_sequential by VALUE: 1 in a sequential clone,
   0 elsewhere (the parallel versions; a function with no clone may call
   what forks through a pointer or in another unit, so it is not known to
   run sequentially).  GCC then drops the branch the program does not
   take. */
static void
fold_sequential_query (gimple *g, int value)
{
  if (tree lhs = gimple_call_lhs (g))
    {
      gimple_call_set_lhs (g, NULL_TREE);
      gimple_stmt_iterator gsi = gsi_for_stmt (g);
      gsi_insert_before (&gsi, gimple_build_assign
			 (lhs, build_int_cst (TREE_TYPE (lhs), value)),
			 GSI_SAME_STMT);
    }
  parc_remove_stmt (g);
}

/* The calls of parc_sequential in the current function, each by VALUE.
   Returns whether there was one. */
static bool
fold_sequential_queries (int value)
{
  auto_vec<gimple *> calls;
  basic_block bb;
  FOR_EACH_BB_FN (bb, cfun)
    for (gimple_stmt_iterator gsi = gsi_start_bb (bb); !gsi_end_p (gsi);
	 gsi_next (&gsi))
      if (is_sequential_query (gsi_stmt (gsi)))
	calls.safe_push (gsi_stmt (gsi));
  for (gimple *g : calls)
    fold_sequential_query (g, value);
  return !calls.is_empty ();
}

/* The clone's body: markers out, calls to forking functions into their
   clones.  No poll: a poll's slow call keeps GCC from optimizing the clone
   as it does the serial program (fib: 2.3 times slower with one); thieves
   take the published frames of the parallel versions instead (parc.h,
   lazy forks). */
static void
finish_clone (cgraph_node *c, tree original)
{
  function *fun = DECL_STRUCT_FUNCTION (c->decl);
  push_cfun (fun);
  /* A range function's clone runs its whole range as one loop: a grain of
     "all" makes the split branch dead (the sequential run has nothing to
     split for, and halving would only add calls). */
  if (parc_is_range_function (original))
    {
      tree grain = DECL_CHAIN (DECL_CHAIN (DECL_ARGUMENTS (c->decl)));
      if (grain)
	if (tree def = ssa_default_def (fun, grain))
	  replace_uses_by (def, build_all_ones_cst (TREE_TYPE (def)));
    }
  auto_vec<gimple *> markers, dead;
  basic_block bb;
  FOR_EACH_BB_FN (bb, fun)
    for (gimple_stmt_iterator gsi = gsi_start_bb (bb); !gsi_end_p (gsi);
	 gsi_next (&gsi))
      {
	gimple *g = gsi_stmt (gsi);
	if (parc_gimple_marker_kind (g))
	  markers.safe_push (g);
	else if (is_gimple_call (g))
	  if (tree clone = seq_of (gimple_call_fndecl (g)))
	    {
	      if (parc_is_range_function (gimple_call_fndecl (g)))
		drop_grain (as_a<gcall *> (g), dead);
	      gimple_call_set_fndecl (as_a<gcall *> (g), clone);
	      update_stmt (g);
	    }
      }
  for (gimple *m : markers)
    parc_remove_stmt (m);
  fold_sequential_queries (1);
  for (gimple *d : dead)
    parc_remove_stmt (d);
  parc_update_function ();
  /* The split branch is dead: drop it, with its calls, so that the array
     parameter's one use is the leaf loop's store (gcc-seqsum.cc). */
  if (parc_is_range_function (original) && cleanup_tree_cfg ())
    parc_update_function ();
  if (parc_fuse_sums ())
    parc_update_function ();
  if (dump_file)
    {
      fprintf (dump_file, "\n;; parc: sequential clone %s\n",
	       IDENTIFIER_POINTER (DECL_NAME (c->decl)));
      dump_function_to_file (c->decl, dump_file, dump_flags);
    }
  pop_cfun ();
}

static void
make_clones (vec<cgraph_node *> &nodes)
{
  auto_vec<cgraph_node *> forking, clones;
  auto_vec<tree> originals;
  /* The functions that fork, and those that call one (a function whose loop
     was split calls its range function): a clone must reach only clones. */
  hash_set<cgraph_node *> in;
  for (cgraph_node *n : nodes)
    {
      function *fun = DECL_STRUCT_FUNCTION (n->decl);
      if (fun && fun->cfg && has_fork_markers (fun))
	in.add (n);
    }
  for (bool changed = true; changed;)
    {
      changed = false;
      for (cgraph_node *n : nodes)
	if (!in.contains (n))
	  for (cgraph_edge *e = n->callees; e; e = e->next_callee)
	    if (in.contains (e->callee->ultimate_alias_target ()))
	      {
		in.add (n);
		changed = true;
		break;
	      }
    }
  for (cgraph_node *n : nodes)
    if (in.contains (n) && tree_versionable_function_p (n->decl)
	&& !MAIN_NAME_P (DECL_NAME (n->decl)))
      forking.safe_push (n);
  if (forking.is_empty ())
    return;
  seq_clones = new hash_map<tree, tree>;
  for (cgraph_node *n : forking)
    if (cgraph_node *c = n->create_version_clone_with_body
	  (vNULL, NULL, NULL, NULL, NULL, "parc_seq"))
      {
	seq_clones->put (n->decl, c->decl);
	clones.safe_push (c);
	originals.safe_push (n->decl);
      }
  for (unsigned i = 0; i < clones.length (); i++)
    {
      if (parc_is_range_function (originals[i]))
	parc_promote_alias (clones[i]->decl, originals[i]);
      finish_clone (clones[i], originals[i]);
    }
  /* Sums whose results a split loop stores: the range functions' clones
     must be finished first (their proof reads their bodies). */
  hash_set<tree> ranges;
  for (unsigned i = 0; i < clones.length (); i++)
    if (parc_is_range_function (originals[i]))
      ranges.add (clones[i]->decl);
  if (ranges.is_empty ())
    return;
  for (cgraph_node *c : clones)
    {
      push_cfun (DECL_STRUCT_FUNCTION (c->decl));
      if (parc_fuse_range_sums (ranges))
	{
	  parc_update_function ();
	  if (dump_file)
	    {
	      fprintf (dump_file, "\n;; parc: sequential clone %s, its sum "
		       "fused\n", IDENTIFIER_POINTER (DECL_NAME (c->decl)));
	      dump_function_to_file (c->decl, dump_file, dump_flags);
	    }
	}
      pop_cfun ();
    }
  /* Loop records last: the fused copies were made from the range clones
     as they were, and got their own (gcc-seqsum.cc). */
  for (unsigned i = 0; i < clones.length (); i++)
    if (parc_is_range_function (originals[i]))
      {
	push_cfun (DECL_STRUCT_FUNCTION (clones[i]->decl));
	if (parc_promote_clone (originals[i], NULL_TREE, NULL_TREE))
	  {
	    parc_update_function ();
	    if (dump_file)
	      {
		fprintf (dump_file, "\n;; parc: sequential clone %s, with "
			 "its loop record\n",
			 IDENTIFIER_POINTER (DECL_NAME (clones[i]->decl)));
		dump_function_to_file (clones[i]->decl, dump_file, dump_flags);
	      }
	  }
	pop_cfun ();
      }
}

/* ---- One function -------------------------------------------------------- */

struct lower_state
{
  tree pending;		/* struct parc_lframe *parc_pending */
  tree wpending;	/* struct parc_lwrites *: pending forks' regions */
  auto_vec<tree> counters; /* slot counters of sites in loops */
  /* No site forks twice before a join: flags instead of the chain. */
  bool once;
  /* The only fork is in a loop: its frame array is the pending list. */
  bool slots;
  tree slots_arr, slots_used, slots_size, slots_thunk;
  tree likely;		/* chain mode: the thunk of the first site in a loop */
  struct site { tree flag, head, thunk; };
  auto_vec<site> sites;	/* in an order every path respects */
};

/* Whether the fork marker M can run again before a join: some path from M
   back to M meets no join marker. */
static bool
site_repeats (gimple *m)
{
  gimple_stmt_iterator gsi = gsi_for_stmt (m);
  for (gsi_next (&gsi); !gsi_end_p (gsi); gsi_next (&gsi))
    if (parc_gimple_marker_kind (gsi_stmt (gsi)) == 2)
      return false;
  auto_bitmap seen;
  auto_vec<basic_block> work;
  edge e;
  edge_iterator ei;
  FOR_EACH_EDGE (e, ei, gimple_bb (m)->succs)
    work.safe_push (e->dest);
  while (!work.is_empty ())
    {
      basic_block b = work.pop ();
      if (!bitmap_set_bit (seen, b->index))
	continue;
      bool stop = false;
      for (gimple_stmt_iterator i = gsi_start_bb (b); !gsi_end_p (i);
	   gsi_next (&i))
	{
	  gimple *g = gsi_stmt (i);
	  if (g == m)
	    return true;
	  if (parc_gimple_marker_kind (g) == 2)
	    {
	      stop = true;
	      break;
	    }
	}
      if (!stop)
	FOR_EACH_EDGE (e, ei, b->succs)
	  work.safe_push (e->dest);
    }
  return false;
}

/* A fork site's frame: a parc_lframe, then the destination's address and
   the arguments, laid out by hand and kept in a char array, so that no new
   aggregate type reaches the middle end (a RECORD_TYPE built after
   free_lang_data breaks -flto -g).  Members are read and written as MEM_REFs
   of their own type. */
struct frame_slot
{
  tree type;
  unsigned HOST_WIDE_INT off;
};

struct site_frame
{
  unsigned HOST_WIDE_INT size, align; /* bytes */
  bool has_dest;
  frame_slot dest;	/* T *, when the call has a destination */
  unsigned nregions;	/* writes regions checked at run time, or 0 */
  unsigned HOST_WIDE_INT woff; /* their struct parc_lwrites */
  auto_vec<frame_slot> args;
};

static frame_slot
place (site_frame &fr, tree type)
{
  unsigned HOST_WIDE_INT al = TYPE_ALIGN_UNIT (type);
  frame_slot sl = { type, (fr.size + al - 1) & ~(al - 1) };
  fr.size = sl.off + tree_to_uhwi (TYPE_SIZE_UNIT (type));
  if (al > fr.align)
    fr.align = al;
  return sl;
}

static unsigned HOST_WIDE_INT
place_bytes (site_frame &fr, unsigned HOST_WIDE_INT size,
	     unsigned HOST_WIDE_INT al)
{
  unsigned HOST_WIDE_INT off = (fr.size + al - 1) & ~(al - 1);
  fr.size = off + size;
  if (al > fr.align)
    fr.align = al;
  return off;
}

static tree lwrites_type (void) { return TREE_TYPE (param_type (h_lwrites, 1)); }

static tree
field_named (tree type, const char *name)
{
  for (tree f = TYPE_FIELDS (type); f; f = DECL_CHAIN (f))
    if (DECL_NAME (f) && strcmp (IDENTIFIER_POINTER (DECL_NAME (f)), name) == 0)
      return f;
  gcc_unreachable ();
}

/* Member NAME of the struct TYPE that lies at byte OFF of the frame. */
static frame_slot
struct_member (tree type, const char *name, unsigned HOST_WIDE_INT off)
{
  tree f = field_named (type, name);
  frame_slot sl = { TREE_TYPE (f), off + tree_to_uhwi (byte_position (f)) };
  return sl;
}

static void
build_frame (site_frame &fr, gcall *call, tree lhs, unsigned nregions)
{
  tree lframe = TREE_TYPE (param_type (h_lfork, 1));
  fr.size = 0;
  fr.align = 1;
  place (fr, lframe);
  fr.has_dest = lhs != NULL_TREE;
  if (lhs)
    fr.dest = place (fr, build_pointer_type (TREE_TYPE (lhs)));
  for (unsigned i = 0; i < gimple_call_num_args (call); i++)
    fr.args.safe_push (place (fr, TYPE_MAIN_VARIANT
				(TREE_TYPE (gimple_call_arg (call, i)))));
  fr.nregions = nregions;
  if (nregions)
    {
      tree wt = lwrites_type ();
      tree rt = TREE_TYPE (TREE_TYPE (field_named (wt, "r")));
      fr.woff = place_bytes (fr, tree_to_uhwi (TYPE_SIZE_UNIT (wt))
			     + nregions * tree_to_uhwi (TYPE_SIZE_UNIT (rt)),
			     TYPE_ALIGN_UNIT (wt));
    }
  fr.size = (fr.size + fr.align - 1) & ~(fr.align - 1);
}

/* The member SL of the frame at address BASE. */
static tree
member (tree base, const frame_slot &sl)
{
  return build2 (MEM_REF, sl.type, base,
		 build_int_cst (build_pointer_type (sl.type), sl.off));
}

/* Frame storage: NFRAMES frames in a char array with the frame's alignment. */
static tree
frame_storage (site_frame &fr, unsigned nframes, const char *name)
{
  tree v = create_tmp_var (build_array_type_nelts (char_type_node,
						   fr.size * nframes), name);
  TREE_ADDRESSABLE (v) = 1;
  SET_DECL_ALIGN (v, fr.align * BITS_PER_UNIT);
  DECL_USER_ALIGN (v) = 1;
  return v;
}

/* Step 1: static void PARENT.parc_fork.SITE (parc_frame *f), which makes the
   forked call from the frame's copy of its arguments. */
static tree
build_thunk (site_frame &fr, gcall *call, int site, location_t loc,
	     tree callee = NULL_TREE, const char *kind = "parc_fork")
{
  tree fntype = TREE_TYPE (param_type (h_lfork, 2));
  char name[256];
  snprintf (name, sizeof name, "%s.%s.%d",
	    IDENTIFIER_POINTER (DECL_NAME (current_function_decl)), kind, site);
  tree fn = build_decl (loc, FUNCTION_DECL, get_identifier (name), fntype);
  TREE_STATIC (fn) = 1;
  TREE_USED (fn) = 1;
  DECL_ARTIFICIAL (fn) = 1;
  DECL_IGNORED_P (fn) = 1;
  DECL_EXTERNAL (fn) = 0;
  TREE_PUBLIC (fn) = 0;
  DECL_CONTEXT (fn) = DECL_CONTEXT (current_function_decl);
  /* Inlined wherever it is called directly (a join that pops its own frame,
     a spill frame), so that such a join calls the callee itself, as hand
     code would; thieves still call the out-of-line copy through the frame.
     Not always_inline: -fno-inline would make that an error. */
  DECL_DECLARED_INLINE_P (fn) = 1;
  DECL_DISREGARD_INLINE_LIMITS (fn) = 1;
  tree res = build_decl (loc, RESULT_DECL, NULL_TREE, void_type_node);
  DECL_ARTIFICIAL (res) = 1;
  DECL_IGNORED_P (res) = 1;
  DECL_CONTEXT (res) = fn;
  DECL_RESULT (fn) = res;
  tree ptype = TREE_VALUE (TYPE_ARG_TYPES (fntype));
  tree parm = build_decl (loc, PARM_DECL, get_identifier ("frame"), ptype);
  DECL_ARG_TYPE (parm) = ptype;
  DECL_ARTIFICIAL (parm) = 1;
  DECL_CONTEXT (parm) = fn;
  DECL_ARGUMENTS (fn) = parm;

  unsigned n = gimple_call_num_args (call);
  auto_vec<tree> argv (n);
  for (unsigned i = 0; i < n; i++)
    argv.quick_push (member (parm, fr.args[i]));
  /* CALLEE: the sequential clone of the forked function (a seq thunk). */
  tree callfn = callee ? build_fold_addr_expr (callee)
		       : unshare_expr (gimple_call_fn (call));
  tree fntype_called = gimple_call_fntype (call);
  tree body = build_call_array_loc (loc, TREE_TYPE (fntype_called), callfn, n,
				    argv.address ());
  if (fr.has_dest)
    {
      tree dest = build_simple_mem_ref (member (parm, fr.dest));
      body = build2_loc (loc, MODIFY_EXPR, TREE_TYPE (dest), dest, body);
    }
  tree block = make_node (BLOCK);
  BLOCK_SUPERCONTEXT (block) = fn;
  DECL_INITIAL (fn) = block;
  DECL_SAVED_TREE (fn) = build3 (BIND_EXPR, void_type_node, NULL_TREE, body,
				 block);
  gimplify_function_tree (fn);
  cgraph_node::add_new_function (fn, false);
  if (dump_file)
    {
      fprintf (dump_file, "\n;; parc: thunk of fork site %d\n", site);
      dump_function_to_file (fn, dump_file, dump_flags);
    }
  return fn;
}

static gcall *
insert_call (gimple_stmt_iterator *gsi, tree fn, location_t loc,
	     vec<tree> &args)
{
  gcall *c = gimple_build_call_vec (build_fold_addr_expr (fn), args);
  gimple_set_location (c, loc);
  gsi_insert_before (gsi, c, GSI_SAME_STMT);
  return c;
}

static void
insert_assign (gimple_stmt_iterator *gsi, tree lhs, tree rhs)
{
  gsi_insert_before (gsi, gimple_build_assign (lhs, rhs), GSI_SAME_STMT);
}

/* The run-time check of the fork's writes regions (marker M's arguments:
   BASE, LO, LEN element counts per region) against the pending forks'. */
static void
check_writes (lower_state &st, site_frame &fr, gimple *m, tree base,
	      tree head_addr, tree spill, gimple_stmt_iterator *gsi)
{
  tree wt = lwrites_type ();
  tree ft = TREE_TYPE (field_named (wt, "r"));
  tree rt = TREE_TYPE (ft);
  unsigned HOST_WIDE_INT rsize = tree_to_uhwi (TYPE_SIZE_UNIT (rt));
  unsigned HOST_WIDE_INT r0 = fr.woff + tree_to_uhwi (byte_position
						       (field_named (wt, "r")));
  expanded_location xl = expand_location (gimple_location (m));
  char where[512];
  snprintf (where, sizeof where, "%s:%d", xl.file ? xl.file : "?", xl.line);
  insert_assign (gsi, member (base, struct_member (wt, "where", fr.woff)),
		 build_string_literal (strlen (where) + 1, where));
  frame_slot n = struct_member (wt, "n", fr.woff);
  insert_assign (gsi, member (base, n), build_int_cst (n.type, fr.nregions));
  for (unsigned k = 0; k < fr.nregions; k++)
    {
      tree b = gimple_call_arg (m, 2 + 3 * k);
      tree lo = gimple_call_arg (m, 3 + 3 * k);
      tree len = gimple_call_arg (m, 4 + 3 * k);
      tree elt = TREE_TYPE (TREE_TYPE (b));
      tree esz = COMPLETE_TYPE_P (elt) && !VOID_TYPE_P (elt)
	? fold_convert (sizetype, TYPE_SIZE_UNIT (elt)) : size_one_node;
      tree lo_addr = fold_build_pointer_plus
	(b, fold_build2 (MULT_EXPR, sizetype, fold_convert (sizetype, lo), esz));
      tree hi_addr = fold_build_pointer_plus
	(lo_addr, fold_build2 (MULT_EXPR, sizetype, fold_convert (sizetype, len),
			       esz));
      frame_slot slo = struct_member (rt, "lo", r0 + k * rsize);
      frame_slot shi = struct_member (rt, "hi", r0 + k * rsize);
      tree vlo = force_gimple_operand_gsi (gsi, fold_convert (slo.type, lo_addr),
					   true, NULL_TREE, true, GSI_SAME_STMT);
      insert_assign (gsi, member (base, slo), vlo);
      tree vhi = force_gimple_operand_gsi (gsi, fold_convert (shi.type, hi_addr),
					   true, NULL_TREE, true, GSI_SAME_STMT);
      insert_assign (gsi, member (base, shi), vhi);
    }
  tree wptr = param_type (h_lwrites, 1);
  tree w = force_gimple_operand_gsi
    (gsi, fold_convert (wptr, fold_build_pointer_plus_hwi (base, fr.woff)),
     true, NULL_TREE, true, GSI_SAME_STMT);
  auto_vec<tree> a;
  a.safe_push (build_fold_addr_expr (st.wpending));
  a.safe_push (w);
  a.safe_push (head_addr);
  a.safe_push (spill ? spill : build_int_cst (param_type (h_lwrites, 3), 0));
  insert_call (gsi, h_lwrites, gimple_location (m), a);
}

/* A thunk as an argument of type TYPE (parc_thunk), or a null one. */
static tree
thunk_arg (tree thunk, tree type)
{
  return thunk ? build_fold_addr_expr_with_type (thunk, type)
	       : build_int_cst (type, 0);
}

/* Lowers the fork marker M and its call CALL: steps 1, 3 and 4. */
static void
lower_fork (lower_state &st, gimple *m, gcall *call, bool repeats)
{
  int site = (int) tree_to_shwi (gimple_call_arg (m, 0));
  location_t loc = gimple_location (m);
  tree lhs;
  gimple *store;
  if (!parc_fork_destination (call, &lhs, &store))
    {
      /* gcc-glue.cc makes every destination memory; if that ever fails,
	 the fork stays the plain call it stands for. */
      sorry_at (loc, "parc could not lower this fork; it runs as a call");
      parc_remove_stmt (m);
      return;
    }
  site_frame fr;
  unsigned nregions = gimple_call_num_args (m) > 1 && parc_check_writes
    ? tree_to_uhwi (gimple_call_arg (m, 1)) : 0;
  build_frame (fr, call, lhs, nregions);
  /* The locus only: the call's location also names a scope (BLOCK) of the
     parent, which the thunk must not refer to. */
  tree thunk = build_thunk (fr, call, site,
			    LOCATION_LOCUS (gimple_location (call)));
  /* The seq thunk: the same call through the callee's sequential clone, run
     at once when this worker already has surplus frames (parcint_lsurplus);
     a callee that does not fork is its own clone. */
  tree seq = NULL_TREE;
  if (seq_clones)
    {
      tree clone = seq_of (gimple_call_fndecl (call));
      seq = clone ? build_thunk (fr, call, site,
				 LOCATION_LOCUS (gimple_location (call)), clone,
				 "parc_seq_fork")
		  : thunk;
    }
  tree lframe_ptr = param_type (h_lfork, 1);
  gimple_stmt_iterator gsi = gsi_for_stmt (call);

  /* (The halves of a split loop were reported with the loop.) */
  if (parc_report && !parc_is_split_site (site))
    {
      if (repeats)
	inform (loc, "fork of %qD: parallel, frames from a bounded array "
		"(it may fork again before its join)", gimple_call_fndecl (call));
      else
	inform (loc, "fork of %qD: parallel, its frame in this function's "
		"stack", gimple_call_fndecl (call));
    }

  /* Step 3: the frame. */
  tree base, head_addr, spill = NULL_TREE;
  if (repeats)
    {
      /* Enough frames for a loop over a board row or a node's children
	 to fork them all; more only grows the stack (each recursion level
	 of a forking function pays for it). */
      unsigned cap = 1024 / fr.size;
      cap = cap < 4 ? 4 : cap > 32 ? 32 : cap;
      tree arr = frame_storage (fr, cap, "parc_frames");
      tree used = create_tmp_var (unsigned_type_node, "parc_used");
      TREE_ADDRESSABLE (used) = 1;
      spill = build_fold_addr_expr_with_type
	(frame_storage (fr, 1, "parc_spill"), lframe_ptr);
      st.counters.safe_push (used);
      if (st.slots)
	{
	  st.slots_arr = build_fold_addr_expr_with_type (arr, param_type
							 (h_ljoin_slots, 0));
	  st.slots_used = build_fold_addr_expr (used);
	  st.slots_size = build_int_cst (size_type_node, fr.size);
	  st.slots_thunk = build_fold_addr_expr (thunk);
	}
      auto_vec<tree> a;
      a.safe_push (build_fold_addr_expr_with_type (arr, param_type (h_lslot, 0)));
      a.safe_push (build_fold_addr_expr_with_type (used, param_type (h_lslot, 1)));
      a.safe_push (build_int_cst (unsigned_type_node, cap));
      a.safe_push (build_int_cst (size_type_node, fr.size));
      a.safe_push (spill);
      gcall *slot = insert_call (&gsi, h_lslot, loc, a);
      head_addr = make_ssa_name (lframe_ptr, slot);
      gimple_call_set_lhs (slot, head_addr);
      base = head_addr;
    }
  else
    head_addr = base = build_fold_addr_expr_with_type
      (frame_storage (fr, 1, "parc_frame"), lframe_ptr);
  if (fr.has_dest)
    {
      tree addr = TREE_CODE (lhs) == MEM_REF && integer_zerop (TREE_OPERAND (lhs, 1))
	? TREE_OPERAND (lhs, 0) : build_fold_addr_expr (lhs);
      addr = force_gimple_operand_gsi (&gsi, fold_convert (fr.dest.type, addr),
				       true, NULL_TREE, true, GSI_SAME_STMT);
      insert_assign (&gsi, member (base, fr.dest), addr);
    }
  for (unsigned i = 0; i < gimple_call_num_args (call); i++)
    insert_assign (&gsi, member (base, fr.args[i]), gimple_call_arg (call, i));

  if (fr.nregions)
    check_writes (st, fr, m, base, head_addr, spill, &gsi);

  /* Step 4: the fork, by the join shape of the function. */
  auto_vec<tree> a;
  tree helper;
  if (st.once)
    {
      tree flag = create_tmp_var (unsigned_char_type_node, "parc_forked");
      TREE_ADDRESSABLE (flag) = 1;
      lower_state::site site_rec = { flag, head_addr,
				     build_fold_addr_expr (thunk) };
      st.sites.safe_push (site_rec);
      helper = h_lfork1;
      a.safe_push (build_fold_addr_expr (flag));
      a.safe_push (head_addr);
      a.safe_push (build_fold_addr_expr (thunk));
    }
  else if (st.slots)
    {
      helper = h_lfork_slot1;
      a.safe_push (head_addr);
      a.safe_push (build_fold_addr_expr (thunk));
      a.safe_push (spill);
    }
  else
    {
      if (repeats && !st.likely)
	st.likely = build_fold_addr_expr (thunk);
      helper = spill ? h_lfork_slot : h_lfork;
      a.safe_push (build_fold_addr_expr (st.pending));
      a.safe_push (head_addr);
      a.safe_push (build_fold_addr_expr (thunk));
      if (spill)
	a.safe_push (spill);
    }
  /* The seq thunk is every helper's last parameter. */
  a.safe_push (thunk_arg (seq, param_type (helper, a.length ())));
  insert_call (&gsi, helper, loc, a);
  if (store)
    parc_remove_stmt (store);
  parc_remove_stmt (call);
  parc_remove_stmt (m);
}

/* Step 5: parcint_ljoin (&parc_pending) before G, and the slot counters of
   loops start again. */
static void
insert_join (lower_state &st, gimple *g, location_t loc)
{
  gimple_stmt_iterator gsi = gsi_for_stmt (g);
  if (st.once)
    for (unsigned i = st.sites.length (); i-- > 0;)
      {
	auto_vec<tree> a;
	a.safe_push (build_fold_addr_expr (st.sites[i].flag));
	a.safe_push (st.sites[i].head);
	a.safe_push (st.sites[i].thunk);
	insert_call (&gsi, h_ljoin1, loc, a);
      }
  else if (st.slots)
    {
      auto_vec<tree> a;
      a.safe_push (st.slots_arr);
      a.safe_push (st.slots_used);
      a.safe_push (st.slots_size);
      a.safe_push (st.slots_thunk);
      insert_call (&gsi, h_ljoin_slots, loc, a);
    }
  else
    {
      auto_vec<tree> a;
      a.safe_push (build_fold_addr_expr (st.pending));
      a.safe_push (st.likely ? st.likely
		   : build_int_cst (param_type (h_ljoin, 1), 0));
      insert_call (&gsi, h_ljoin, loc, a);
    }
  insert_assign (&gsi, st.wpending, build_int_cst (TREE_TYPE (st.wpending), 0));
  if (!st.slots) /* (parcint_ljoin_slots empties its array itself) */
    for (tree c : st.counters)
      insert_assign (&gsi, c, build_int_cst (unsigned_type_node, 0));
}


static void
lower_function (cgraph_node *node, bool lower)
{
  function *fun = DECL_STRUCT_FUNCTION (node->decl);
  if (!fun || !fun->cfg)
    return;
  push_cfun (fun);
  auto_vec<gimple *> forks, joins, returns;
  basic_block bb;
  FOR_EACH_BB_FN (bb, fun)
    for (gimple_stmt_iterator gsi = gsi_start_bb (bb); !gsi_end_p (gsi);
	 gsi_next (&gsi))
      {
	gimple *g = gsi_stmt (gsi);
	switch (parc_gimple_marker_kind (g))
	  {
	  case 1: forks.safe_push (g); break;
	  case 2: joins.safe_push (g); break;
	  default:
	    if (gimple_code (g) == GIMPLE_RETURN)
	      returns.safe_push (g);
	  }
      }
  if (forks.is_empty () && joins.is_empty ())
    {
      pop_cfun ();
      return;
    }
  if (lower && !forks.is_empty () && !h_lfork)
    error_at (gimple_location (forks[0]), "%<#pragma parc fork%> needs "
	      "%<#include <parc.h>%> before the function that forks (it "
	      "defines what a fork is lowered to)");
  if (!lower || forks.is_empty () || !h_lfork)
    {
      /* Errors (nothing will be emitted), or joins with nothing to join. */
      for (gimple *g : forks)
	parc_remove_stmt (g);
      for (gimple *g : joins)
	parc_remove_stmt (g);
      pop_cfun ();
      return;
    }

  lower_state st;
  st.wpending = create_tmp_var (TREE_TYPE (param_type (h_lwrites, 0)),
				"parc_wpending");
  TREE_ADDRESSABLE (st.wpending) = 1;
  auto_vec<gcall *> calls;
  auto_vec<bool> repeats;
  st.once = true;
  st.likely = NULL_TREE;
  for (gimple *m : forks)
    {
      calls.safe_push (parc_forked_call (m));
      repeats.safe_push (site_repeats (m));
      st.once &= !repeats.last ();
    }
  st.slots = forks.length () == 1 && repeats[0] && calls[0];
  /* Only the chain shape needs the chain. */
  st.pending = NULL_TREE;
  if (!st.once && !st.slots)
    {
      st.pending = create_tmp_var (param_type (h_lfork, 1), "parc_pending");
      TREE_ADDRESSABLE (st.pending) = 1;
    }
  /* With no site in a cycle, the reverse postorder of the blocks (and the
     order in a block) is an order in which every path meets the forks. */
  if (st.once)
    {
      int *rpo = XNEWVEC (int, n_basic_blocks_for_fn (fun));
      int n = pre_and_rev_post_order_compute (NULL, rpo, false);
      auto_vec<int> rank (last_basic_block_for_fn (fun));
      rank.quick_grow_cleared (last_basic_block_for_fn (fun));
      for (int i = 0; i < n; i++)
	rank[rpo[i]] = i;
      XDELETEVEC (rpo);
      auto_vec<unsigned> order;
      for (unsigned i = 0; i < forks.length (); i++)
	order.safe_push (i);
      /* forks[] is in block-index order, statements in order: sort the
	 indices by block rank, stably. */
      for (unsigned i = 1; i < order.length (); i++)
	for (unsigned j = i; j > 0
	     && rank[gimple_bb (forks[order[j - 1]])->index]
		> rank[gimple_bb (forks[order[j]])->index]; j--)
	  std::swap (order[j - 1], order[j]);
      for (unsigned i : order)
	if (calls[i])
	  lower_fork (st, forks[i], calls[i], false);
	else
	  parc_remove_stmt (forks[i]);
    }
  else
    for (unsigned i = 0; i < forks.length (); i++)
      if (calls[i])
	lower_fork (st, forks[i], calls[i], repeats[i]);
      else
	parc_remove_stmt (forks[i]); /* the check reported it */
  for (gimple *j : joins)
    {
      insert_join (st, j, gimple_location (j));
      parc_remove_stmt (j);
    }
  for (gimple *r : returns)
    {
      /* Before the clobbers that end the function's scopes: a pending
	 fork may still write a local. */
      gimple *at = r;
      gimple_stmt_iterator gsi = gsi_for_stmt (r);
      for (gsi_prev (&gsi); !gsi_end_p (gsi); gsi_prev (&gsi))
	{
	  gimple *g = gsi_stmt (gsi);
	  /* Scope ends: clobbers, and -fsanitize=address's poisoning marks. */
	  if (gimple_clobber_p (g)
	      || (is_gimple_call (g) && gimple_call_internal_p (g)
		  && gimple_call_internal_fn (g) == IFN_ASAN_MARK))
	    at = g;
	  else if (!is_gimple_debug (g))
	    break;
	}
      insert_join (st, at, gimple_location (r));
    }

  /* Step 2: an empty chain and empty slot arrays at entry. */
  gimple_seq init = NULL;
  if (st.pending)
    gimple_seq_add_stmt (&init, gimple_build_assign (st.pending,
						     null_pointer_node));
  for (auto &site_rec : st.sites)
    gimple_seq_add_stmt (&init, gimple_build_assign
			 (site_rec.flag, build_int_cst (unsigned_char_type_node,
							0)));
  gimple_seq_add_stmt (&init, gimple_build_assign
		       (st.wpending, build_int_cst (TREE_TYPE (st.wpending), 0)));
  for (tree c : st.counters)
    gimple_seq_add_stmt (&init, gimple_build_assign
			 (c, build_int_cst (unsigned_type_node, 0)));
  gsi_insert_seq_on_edge_immediate
    (single_succ_edge (ENTRY_BLOCK_PTR_FOR_FN (fun)), init);

  parc_update_function ();
  if (dump_file)
    {
      /* -fdump-ipa-all: the function as lowered, for tests and users. */
      fprintf (dump_file, "\n;; parc: lowered %s (%u forks, %u joins)\n",
	       IDENTIFIER_POINTER (DECL_NAME (node->decl)), forks.length (),
	       joins.length ());
      dump_function_to_file (node->decl, dump_file, dump_flags);
    }
  pop_cfun ();
}

void
parc_lower_unit (bool lower)
{
  cgraph_node *node;
  auto_vec<cgraph_node *> nodes;
  FOR_EACH_FUNCTION_WITH_GIMPLE_BODY (node)
    nodes.safe_push (node);
  if (lower && !parc_naive && h_lfork)
    make_clones (nodes);
  /* After the clones were made from them: everything else may fork, or run
     beside forks (parc.h's parc_sequential). */
  for (cgraph_node *n : nodes)
    {
      function *fun = DECL_STRUCT_FUNCTION (n->decl);
      if (!fun || !fun->cfg)
	continue;
      push_cfun (fun);
      if (fold_sequential_queries (0))
	parc_update_function ();
      pop_cfun ();
    }
  for (cgraph_node *n : nodes)
    lower_function (n, lower);
  delete seq_clones;
  seq_clones = NULL;
  /* The helpers are now called where needed (and inlined next); unused
     ones may go. */
  for (tree *h : helpers)
    if (*h)
      if (cgraph_node *n = cgraph_node::get (*h))
	n->force_output = 0;
  parc_promote_release ();
}
