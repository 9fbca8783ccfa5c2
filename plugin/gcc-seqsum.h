/* gcc-seqsum.h: in a sequential clone, a local array that only collects
 * results to be summed after a loop accumulates them as they come
 * (gcc-seqsum.cc, docs/deparallelization.md).  Needs gcc-compat.h. */
#ifndef plugin_gcc_seqsum_h
#define plugin_gcc_seqsum_h

/* On cfun (in SSA form, no marker left): rewrites each such array, writes
 * a line per rewrite into the dump, and returns whether it rewrote any;
 * the caller then renames the virtual operands (parc_update_function). */
bool parc_fuse_sums (void);

/* On cfun, a sequential clone: the same for an array whose results are
 * stored by one call of a range function's clone (RANGES: those clones),
 * through a copy of that clone made here, which the call then calls.
 * The caller renames as above. */
bool parc_fuse_range_sums (hash_set<tree> &ranges);

#endif /* plugin_gcc_seqsum_h */
