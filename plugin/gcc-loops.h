/* gcc-loops.h: counted loops of forks split divide and conquer
 * (gcc-loops.cc, docs/lowering.md).  Needs gcc-compat.h first. */
#ifndef plugin_gcc_loops_h
#define plugin_gcc_loops_h

/* What the splitter needs from the glue, passed in so that it depends on
 * nothing above it: whether a function is known pure before the analysis
 * (marked PARC_PURE, or pure in the library table), and the glue's steps for
 * a function the plugin built (normalize its forks, genericize, finalize). */
struct parc_loop_hooks
{
  bool (*known_pure) (tree fndecl);
  void (*genericize_new) (tree fndecl);
};

/* At PLUGIN_PRE_GENERICIZE of FNDECL, before its forks are normalized:
 * splits each counted loop of forks joined right after it into a range
 * function. */
void parc_split_loops (tree fndecl, const struct parc_loop_hooks *hooks);

#endif /* plugin_gcc_loops_h */
