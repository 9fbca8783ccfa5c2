/* gcc-options.h: the plugin's arguments (-fplugin-arg-parc-KEY[=VALUE]),
 * parsed by plugin_init (gcc-glue.cc), read by the files that act on them.
 * The lowest layer, with gcc-markers.h. */
#ifndef plugin_gcc_options_h
#define plugin_gcc_options_h

/* verdicts: a note at each function of the main file with its level. */
extern bool parc_opt_verdicts;
/* check-writes=yes|no: the run-time check of writes regions (default yes). */
extern bool parc_check_writes;
/* naive: every fork lowered as written (no loop split, no identities). */
extern bool parc_naive;
/* report: a note at each fork saying what became of it. */
extern bool parc_report;
/* heartbeat (no-heartbeat): loop records, polls and promotion in the
   sequential clones of range functions (gcc-promote.cc); default on:
   docs/deparallelization.md has what they cost and gain. */
extern bool parc_heartbeat;

#endif /* plugin_gcc_options_h */
