/* gcc-lower.h: between the checks (gcc-glue.cc) and the lowering
 * (gcc-lower.cc) of #pragma parc fork / join.  Needs gcc-compat.h first. */
#ifndef plugin_gcc_lower_h
#define plugin_gcc_lower_h

/* At PLUGIN_PRE_GENERICIZE of a function that forks: finds parc.h's lowering
 * helpers (parcint_lfork, ...) and keeps them alive until the lowering has
 * called them.  Without parc.h the lowering reports an error at the fork. */
void parc_lower_find_helpers (void);

/* In the check pass, once per unit: lowers every function's markers to calls
 * of parc.h's helpers and outlined thunks, or, when LOWER is false (errors
 * were reported), removes them. */
void parc_lower_unit (bool lower);


/* The GC roots of the lowering's trees (PLUGIN_REGISTER_GGC_ROOTS). */
extern const struct ggc_root_tab parc_lower_roots[];

#endif /* plugin_gcc_lower_h */
