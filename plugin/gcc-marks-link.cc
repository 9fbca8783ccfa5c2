/* gcc-marks-link.cc: a mark trusted in one file holds because the defining
 * file checked it, and the link proves that the defining file did.
 *
 * A PARC_PURE or PARC_CONTAINED mark on a declaration whose body is in
 * another file is trusted by the analysis (gcc-glue.cc, node_for).  So that
 * the trust is earned:
 *
 *   (1) a file that defines an external function with a mark that holds
 *       emits a global, read-only data symbol per mark that holds:
 *           __parc_contained_mark_of_F   (PARC_CONTAINED or PARC_PURE)
 *           __parc_pure_mark_of_F        (PARC_PURE)
 *       F is the function's assembler name; a pure definition emits both,
 *       since pure implies contained;
 *   (2) a file whose analysis relied on the mark of an external declaration
 *       (a call of it from a function of the file) emits a local, kept
 *       pointer to that symbol: __parc_needs_contained_mark_of_F;
 *   (3) when the definition has no such mark, does not satisfy it, or was
 *       not compiled with the plugin, the link stops with
 *           undefined reference to `__parc_contained_mark_of_F'
 *       which names the function and the mark.
 *
 * Both are ordinary variables in the symbol table (varpool), not asm: with
 * -flto they are streamed like any other, so lto1, which loads the plugin
 * but does nothing in it, links them as it links the program.  Static
 * functions need nothing: their body is in the file that calls them.
 * Limits: a shared library may be linked with undefined symbols unless
 * -Wl,-z,defs is given; a definition compiled without the plugin cannot
 * satisfy a mark (define the symbol by hand to vouch for it).
 */
#include "gcc-compat.h"
#include "gcc-checks.h"

extern "C" {
#include "callgraph.h"
}

#include <string.h>

/* Filled and emptied within one run of the check pass: no collection runs
   in between, and every decl is held by the call graph anyway. */
static vec<tree> trusted_pure, trusted_contained;
static vec<tree> defined_pure, defined_contained;

void
parc_mark_trusted (tree decl, unsigned marks)
{
  if (!TREE_PUBLIC (decl))
    return; /* static: used but never defined, GCC says so */
  if (marks & PARC_MARK_PURE)
    trusted_pure.safe_push (decl);
  else if (marks & PARC_MARK_CONTAINED)
    trusted_contained.safe_push (decl);
}

void
parc_mark_defined (tree decl, unsigned marks, int level)
{
  /* DECL_EXTERNAL: a C99 inline definition, whose external definition is
     in another file. */
  if (!TREE_PUBLIC (decl) || DECL_EXTERNAL (decl))
    return;
  if ((marks & PARC_MARK_PURE) && level <= PARC_LEVEL_PURE)
    defined_pure.safe_push (decl);
  if (marks && level <= PARC_LEVEL_CONTAINED)
    defined_contained.safe_push (decl);
}

static tree
mark_name (const char *prefix, bool pure, tree fn)
{
  const char *f = IDENTIFIER_POINTER (DECL_ASSEMBLER_NAME (fn));
  if (*f == '*') /* asm ("name"): verbatim */
    f++;
  char *s = concat (prefix, pure ? "pure" : "contained", "_mark_of_", f, NULL);
  tree id = get_identifier (s);
  free (s);
  return id;
}

/* Step 1. */
static void
define_mark (tree fn, bool pure)
{
  tree id = mark_name ("__parc_", pure, fn);
  tree v = build_decl (DECL_SOURCE_LOCATION (fn), VAR_DECL, id,
		       char_type_node);
  TREE_STATIC (v) = 1;
  TREE_PUBLIC (v) = 1;
  TREE_READONLY (v) = 1;
  TREE_USED (v) = 1;
  DECL_ARTIFICIAL (v) = 1;
  DECL_IGNORED_P (v) = 1;
  /* Nothing in this file refers to it: keep it anyway ("used"). */
  DECL_PRESERVE_P (v) = 1;
  DECL_INITIAL (v) = build_int_cst (char_type_node, 1);
  SET_DECL_ASSEMBLER_NAME (v, id);
  varpool_node::finalize_decl (v);
}

/* Step 2. */
static void
need_mark (tree fn, bool pure)
{
  location_t loc = DECL_SOURCE_LOCATION (fn);
  tree id = mark_name ("__parc_", pure, fn);
  tree ext = build_decl (loc, VAR_DECL, id, char_type_node);
  DECL_EXTERNAL (ext) = 1;
  TREE_PUBLIC (ext) = 1;
  TREE_READONLY (ext) = 1;
  TREE_ADDRESSABLE (ext) = 1;
  DECL_ARTIFICIAL (ext) = 1;
  DECL_IGNORED_P (ext) = 1;
  SET_DECL_ASSEMBLER_NAME (ext, id);

  tree rid = mark_name ("__parc_needs_", pure, fn);
  tree r = build_decl (loc, VAR_DECL, rid, ptr_type_node);
  TREE_STATIC (r) = 1;
  TREE_READONLY (r) = 1;
  TREE_USED (r) = 1;
  DECL_ARTIFICIAL (r) = 1;
  DECL_IGNORED_P (r) = 1;
  DECL_PRESERVE_P (r) = 1;
  DECL_INITIAL (r) = fold_convert (ptr_type_node, build_fold_addr_expr (ext));
  SET_DECL_ASSEMBLER_NAME (r, rid);
  varpool_node::finalize_decl (r);
}

void
parc_emit_mark_symbols (void)
{
  if (!seen_error ())
    {
      for (tree d : defined_pure)
	define_mark (d, true);
      for (tree d : defined_contained)
	define_mark (d, false);
      for (tree d : trusted_pure)
	need_mark (d, true);
      for (tree d : trusted_contained)
	need_mark (d, false);
    }
  trusted_pure.release ();
  trusted_contained.release ();
  defined_pure.release ();
  defined_contained.release ();
}
