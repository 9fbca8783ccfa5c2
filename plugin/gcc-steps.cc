/* gcc-steps.cc: the step of a contained process (docs/processes.md, "The
 * plugin's check of contained steps").
 *
 * A process spawned PARC_PROC_CONTAINED runs its step on a worker, to
 * completion, with no stack of its own: the step must be contained (the
 * call graph's verdict, callgraph.h) and must reach no send, no wait for a
 * future and nothing that blocks (steps.h).  The runtime refuses a
 * contained step's send with EPERM; with the plugin the program does not
 * compile.
 *
 *     static void *bad(void *st, void *m) {
 *         parc_proc_send(&other, m, NULL);         // (3) a note here
 *         return NULL;
 *     }
 *     parc_proc_spawn(&p, bad, &s, NULL);         // (1)(2) the error here
 *
 * (1) parc_steps_note_call, called by gcc-glue.cc's walk for every call
 *     while the caller's body is current, records each call of
 *     parc_proc_spawn with its step (the function whose address is the
 *     second argument) and its kind, read from the fourth: NULL is
 *     contained; the address of a local options struct is contained when
 *     some store to its kind field (or a store of the whole struct without
 *     one) may give it PARC_PROC_CONTAINED, actor when every one gives
 *     PARC_PROC_ACTOR; a constant global's kind comes from its
 *     initializer.  Any other options (a pointer parameter, a kind not a
 *     constant, a local whose address is taken for something else than a
 *     spawn, a global that is mutable or defined in another file) leave
 *     the kind unknown: such a spawn is not checked, and the run-time
 *     EPERM remains.
 * (2) parc_steps_check, after the graph is solved, checks each spawn whose
 *     kind may be contained: the step must be a function named at the
 *     spawn and defined in this unit, must reach no banned call (a chain
 *     of notes leads to it), and must be contained (gcc-glue.cc's
 *     explanation follows).
 * (3) Every error is at the spawn; the notes are at the calls, and at the
 *     step's definition.
 */
#include "gcc-compat.h"

#include <string.h>

extern "C" {
#include "callgraph.h"
#include "steps.h"
}

#include "gcc-checks.h"

namespace {

enum spawn_kind { KIND_CONTAINED, KIND_ACTOR, KIND_UNKNOWN };

struct spawn_site
{
  location_t loc;
  tree caller;
  tree step;       /* FUNCTION_DECL, or NULL_TREE when not named */
  spawn_kind kind;
};

vec<spawn_site> sites;

/* The value of an SSA name defined by a plain copy of an invariant (the
   address of a function or of a variable), else t itself. */
tree
through_copies (tree t)
{
  for (int depth = 0; depth < 8 && t && TREE_CODE (t) == SSA_NAME; depth++)
    {
      gimple *def = SSA_NAME_DEF_STMT (t);
      if (!def || !is_gimple_assign (def)
	  || !gimple_assign_single_p (def))
	break;
      t = gimple_assign_rhs1 (def);
    }
  STRIP_NOPS (t);
  return t;
}

bool
is_kind_field (tree field)
{
  return field && TREE_CODE (field) == FIELD_DECL && DECL_NAME (field)
	 && strcmp (IDENTIFIER_POINTER (DECL_NAME (field)), "kind") == 0;
}

/* Adds a kind value to what a spawn may get: contained, actor, or unknown
   (anything but those two constants). */
void
merge_value (tree v, bool *contained, bool *actor, bool *unknown,
	     int depth = 0)
{
  v = through_copies (v);
  /* kind = c ? PARC_PROC_ACTOR : PARC_PROC_CONTAINED: each constant. */
  if (v && TREE_CODE (v) == SSA_NAME && depth < 4)
    if (gphi *phi = dyn_cast<gphi *> (SSA_NAME_DEF_STMT (v)))
      {
	for (unsigned i = 0; i < gimple_phi_num_args (phi); i++)
	  merge_value (gimple_phi_arg_def (phi, i), contained, actor, unknown,
		       depth + 1);
	return;
      }
  if (v && TREE_CODE (v) == INTEGER_CST && tree_fits_uhwi_p (v))
    {
      unsigned HOST_WIDE_INT k = tree_to_uhwi (v);
      if (k == 0)
	{
	  *contained = true;
	  return;
	}
      if (k == 1)
	{
	  *actor = true;
	  return;
	}
    }
  *unknown = true;
}

/* The kind field's value in a CONSTRUCTOR (zero when it names none: the
   rest of an initialized struct is zero). */
tree
ctor_kind (tree ctor)
{
  unsigned HOST_WIDE_INT i;
  tree field, value;
  FOR_EACH_CONSTRUCTOR_ELT (CONSTRUCTOR_ELTS (ctor), i, field, value)
    if (is_kind_field (field))
      return value;
  return integer_zero_node;
}

spawn_kind
verdict (bool contained, bool actor, bool unknown)
{
  if (contained)
    return KIND_CONTAINED; /* on some path: checked */
  if (unknown || !actor)
    return KIND_UNKNOWN;
  return KIND_ACTOR;
}

/* The kind a local options struct may have at the spawn: every store to it
   in the function counts (a store on some path is enough to check), except
   a store of the whole struct that a store to its kind field follows in the
   same block: C's initializer {.kind = ...} is a zeroing of the struct,
   then its fields. */
tree
find_address (tree *tp, int *walk_subtrees, void *data)
{
  if (TREE_CODE (*tp) == ADDR_EXPR && TREE_OPERAND (*tp, 0) == (tree) data)
    return *tp;
  if (TYPE_P (*tp))
    *walk_subtrees = 0;
  return NULL_TREE;
}

bool
is_spawn (gimple *g)
{
  tree fn = is_gimple_call (g) ? gimple_call_fndecl (g) : NULL_TREE;
  return fn && DECL_NAME (fn)
	 && strcmp (IDENTIFIER_POINTER (DECL_NAME (fn)), "parc_proc_spawn") == 0;
}

spawn_kind
local_kind (tree var)
{
  bool contained = false, actor = false, unknown = false;
  basic_block bb;
  FOR_EACH_BB_FN (bb, cfun)
    {
      tree whole = NULL_TREE; /* a whole store not yet overridden */
      for (gimple_stmt_iterator gsi = gsi_start_bb (bb); !gsi_end_p (gsi);
	   gsi_next (&gsi))
	{
	  gimple *g = gsi_stmt (gsi);
	  /* Its address taken other than for a spawn (a pointer that
	     stores through it, memset, an init function): stores parc does
	     not follow. */
	  if (!is_spawn (g) && !is_gimple_debug (g))
	    for (unsigned i = 0; i < gimple_num_ops (g); i++)
	      if (gimple_op (g, i)
		  && walk_tree (gimple_op_ptr (g, i), find_address, var, NULL))
		return KIND_UNKNOWN;
	  if (!is_gimple_assign (g) || gimple_clobber_p (g))
	    continue;
	  tree lhs = gimple_assign_lhs (g);
	  if (lhs == var)
	    {
	      if (whole)
		merge_value (whole, &contained, &actor, &unknown);
	      tree rhs = gimple_assign_rhs1 (g);
	      /* A copy of another struct: its kind is not known. */
	      whole = TREE_CODE (rhs) == CONSTRUCTOR ? ctor_kind (rhs)
						     : error_mark_node;
	    }
	  else if (TREE_CODE (lhs) == COMPONENT_REF
		   && TREE_OPERAND (lhs, 0) == var
		   && is_kind_field (TREE_OPERAND (lhs, 1)))
	    {
	      whole = NULL_TREE;
	      merge_value (gimple_assign_rhs1 (g), &contained, &actor,
			   &unknown);
	    }
	}
      if (whole)
	merge_value (whole, &contained, &actor, &unknown);
    }
  return verdict (contained, actor, unknown);
}

spawn_kind
kind_of (tree opts)
{
  opts = through_copies (opts);
  if (integer_zerop (opts))
    return KIND_CONTAINED;
  if (TREE_CODE (opts) != ADDR_EXPR)
    return KIND_UNKNOWN;
  tree var = TREE_OPERAND (opts, 0);
  if (!VAR_P (var))
    return KIND_UNKNOWN;
  if (!is_global_var (var))
    return local_kind (var);
  if (!TREE_READONLY (var) || DECL_EXTERNAL (var))
    return KIND_UNKNOWN; /* mutable, or initialized in another file */
  tree init = DECL_INITIAL (var);
  if (!init)
    return KIND_CONTAINED; /* zero */
  if (TREE_CODE (init) != CONSTRUCTOR)
    return KIND_UNKNOWN;
  bool contained = false, actor = false, unknown = false;
  merge_value (ctor_kind (init), &contained, &actor, &unknown);
  return verdict (contained, actor, unknown);
}

const char *
ban_what (enum parc_step_ban b)
{
  switch (b)
    {
    case PARC_BAN_SEND:
      return "sends to a process";
    case PARC_BAN_WAIT:
      return "waits for a future";
    default:
      return "may block its worker";
    }
}

} // namespace

void
parc_steps_note_call (gcall *call)
{
  tree fn = gimple_call_fndecl (call);
  if (!fn || !DECL_NAME (fn)
      || strcmp (IDENTIFIER_POINTER (DECL_NAME (fn)), "parc_proc_spawn") != 0
      || gimple_call_num_args (call) != 4)
    return;
  spawn_site s;
  s.loc = gimple_location (call);
  if (s.loc == UNKNOWN_LOCATION)
    s.loc = DECL_SOURCE_LOCATION (current_function_decl);
  s.caller = current_function_decl;
  s.kind = kind_of (gimple_call_arg (call, 3));
  tree step = through_copies (gimple_call_arg (call, 1));
  s.step = NULL_TREE;
  if (TREE_CODE (step) == ADDR_EXPR
      && TREE_CODE (TREE_OPERAND (step, 0)) == FUNCTION_DECL)
    s.step = TREE_OPERAND (step, 0);
  sites.safe_push (s);
}

void
parc_steps_check (const struct parc_graph *g, size_t (*node_of) (tree),
		  void (*explain) (size_t fn))
{
  for (const spawn_site &s : sites)
    {
      if (s.kind != KIND_CONTAINED)
	continue;
      if (!s.step)
	{
	  error_at (s.loc, "the step of a contained process must be a "
		    "function named here, so that parc can check that it "
		    "neither sends nor waits; name it, or spawn the process "
		    "%<PARC_PROC_ACTOR%>");
	  continue;
	}
      size_t id = node_of (s.step);
      if (id == (size_t) -1 || !g->fns[id].has_body)
	{
	  error_at (s.loc, "the step %qD of a contained process is not "
		    "defined in this file, so parc cannot check it; define "
		    "it here, or spawn the process %<PARC_PROC_ACTOR%>",
		    s.step);
	  inform (DECL_SOURCE_LOCATION (s.step), "%qD is declared here",
		  s.step);
	  continue;
	}
      parc_step_hop hops[16];
      enum parc_step_ban ban;
      size_t n = parc_step_find_ban (g, id, hops, 16, &ban);
      if (n > 0)
	{
	  const parc_call &last = g->fns[hops[n - 1].fn].calls[hops[n - 1].call];
	  const char *why = NULL;
	  parc_step_banned (g->fns[last.callee].name, &why);
	  error_at (s.loc, "the step %qD of a contained process %s: it "
		    "calls %qs, which %s", s.step, ban_what (ban),
		    g->fns[last.callee].name, why);
	  for (size_t i = 0; i < n; i++)
	    {
	      const parc_fn &caller = g->fns[hops[i].fn];
	      const parc_call &c = caller.calls[hops[i].call];
	      location_t at = (location_t) c.loc;
	      if (at == UNKNOWN_LOCATION)
		at = DECL_SOURCE_LOCATION (s.step);
	      if (i + 1 < n)
		inform (at, "%qs calls %qs here", caller.name,
			g->fns[c.callee].name);
	      else
		inform (at, "%qs calls %qs here, which %s", caller.name,
			g->fns[c.callee].name, why);
	    }
	  inform (DECL_SOURCE_LOCATION (s.step), "a contained step may "
		  "neither send nor wait; spawn the process %<PARC_PROC_ACTOR%> "
		  "to let it send");
	  continue;
	}
      if (g->fns[id].level >= PARC_LEVEL_NONE)
	{
	  error_at (s.loc, "the step %qD of a contained process is not "
		    "contained", s.step);
	  explain (id);
	}
    }
  sites.release ();
}
