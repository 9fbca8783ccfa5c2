/* gcc-overlap.h: the third group of identities (docs/deparallelization.md):
 * joins moved down and forks moved up over statements that cannot observe
 * them, so that more work overlaps the forked calls (gcc-overlap.cc).
 * Needs gcc-compat.h and gcc-deparallel.h first. */
#ifndef plugin_gcc_overlap_h
#define plugin_gcc_overlap_h

/* In cfun (in SSA form, markers still in place, after identities 1 and 2):
 * hoists each fork above the independent statements before it, then sinks
 * each join below the independent statements after it, within their basic
 * blocks.  Reports each move (-fplugin-arg-parc-report, the dump).  Returns
 * whether it moved anything; the caller then updates the virtual operands
 * (parc_update_function). */
bool parc_overlap_function (const struct parc_deparallel_hooks *hooks);

#endif /* plugin_gcc_overlap_h */
