/* gcc-deparallel.h: the identities that turn forks into calls or nothing
 * (gcc-deparallel.cc, docs/deparallelization.md).  Needs gcc-compat.h. */
#ifndef plugin_gcc_deparallel_h
#define plugin_gcc_deparallel_h

/* What the identities need from the analysis (the glue's), passed in so that
 * this file depends on nothing above it: whether a function is pure, and
 * whether it surely returns (safe). */
struct parc_deparallel_hooks
{
  bool (*pure) (tree fndecl);
  bool (*safe) (tree fndecl);
};

/* In the check pass, after the checks passed and before the lowering. */
void parc_deparallelize_unit (const struct parc_deparallel_hooks *hooks);

#endif /* plugin_gcc_deparallel_h */
