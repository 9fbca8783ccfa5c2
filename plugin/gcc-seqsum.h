/* gcc-seqsum.h: in a sequential clone, a local array that only collects
 * results to be summed after a loop accumulates them as they come
 * (gcc-seqsum.cc, docs/deparallelization.md).  Needs gcc-compat.h. */
#ifndef plugin_gcc_seqsum_h
#define plugin_gcc_seqsum_h

/* On cfun (in SSA form, no marker left): rewrites each such array, writes
 * a line per rewrite into the dump, and returns whether it rewrote any;
 * the caller then renames the virtual operands (parc_update_function). */
bool parc_fuse_sums (void);

#endif /* plugin_gcc_seqsum_h */
