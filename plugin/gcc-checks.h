/* gcc-checks.h: the checks that live beside gcc-glue.cc, one file each, so
 * that the glue only calls them (its includer must include gcc-compat.h).
 *
 *   gcc-order.cc        use before join and overlapping writes of pending
 *                       forks, on GENERIC in source order
 *   gcc-marks-link.cc   link-time enforcement of marks trusted across files
 *   gcc-steps.cc        the step of a contained process: contained, and
 *                       reaching no send, wait or blocking call
 */
#ifndef plugin_gcc_checks_h
#define plugin_gcc_checks_h

/* At PLUGIN_PRE_GENERICIZE, before the fork arguments are hoisted: reports
 * what a pending fork writes being used before its join, and two pending
 * forks writing the same memory, where source order proves it. */
void parc_check_order (tree fndecl);

/* The analysis relied on the mark of DECL, which has no body here. */
void parc_mark_trusted (tree decl, unsigned marks);
/* DECL, defined here with MARKS (PARC_MARK_*), has level LEVEL. */
void parc_mark_defined (tree decl, unsigned marks, int level);
/* Emits the symbols of the marks defined and the references to the marks
 * trusted; once per unit, from the check pass, when no error was seen. */
void parc_emit_mark_symbols (void);

/* From the walk of a body (cfun current): records CALL when it spawns a
 * process (parc_proc_spawn), with its step and kind. */
void parc_steps_note_call (gcall *call);
struct parc_graph;
/* After solving: checks the step of every spawn recorded whose kind may be
 * contained; node_of gives a decl's node ((size_t)-1 if none), explain adds
 * the notes of why a node is not contained. Forgets the spawns. */
void parc_steps_check (const struct parc_graph *g, size_t (*node_of) (tree),
		       void (*explain) (size_t fn));

#endif /* plugin_gcc_checks_h */
