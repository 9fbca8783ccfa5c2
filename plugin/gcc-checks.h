/* gcc-checks.h: the checks that live beside gcc-glue.cc, one file each, so
 * that the glue only calls them (its includer must include gcc-compat.h).
 *
 *   gcc-order.cc        use before join and overlapping writes of pending
 *                       forks, on GENERIC in source order
 *   gcc-marks-link.cc   link-time enforcement of marks trusted across files
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

#endif /* plugin_gcc_checks_h */
