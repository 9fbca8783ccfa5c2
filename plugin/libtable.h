/* libtable.h: what parc knows about library functions it has no body for.
 *
 * Part of the plugin's analysis core (plain C).  The key is a function's
 * canonical name: for a function GCC knows as a builtin, the glue passes the
 * builtin's own name without "__builtin_" (GCC's built_in_names[code]), so
 * the entry applies whether the source wrote memcpy or __builtin_memcpy,
 * whether _FORTIFY_SOURCE made it __memcpy_chk, or GCC turned printf into
 * puts; for other functions (qsort, getenv, ...) the key is the declared
 * name.  docs/language.md lists the classes and the reasons.
 */
#ifndef plugin_libtable_h
#define plugin_libtable_h

enum parc_lib_class {
    PARC_LIB_PURE,      /* result from the arguments only */
    PARC_LIB_CONTAINED, /* prints to stdout/stderr, allocates, halts, ... */
    PARC_LIB_ALLOC,     /* contained; its result is memory the caller owns */
    PARC_LIB_STREAM,    /* contained when its stream is stdout or stderr */
    PARC_LIB_SETJMP,    /* setjmp/longjmp: not contained */
    PARC_LIB_NONE       /* hidden state another call can observe */
};

struct parc_lib_entry {
    const char *name;
    enum parc_lib_class cls;
    int writes_arg;      /* the argument it writes through, or -1 */
    int stream_arg;      /* PARC_LIB_STREAM: the FILE * argument */
    int fnptr_arg;       /* an argument it calls (qsort's comparator), or -1 */
    const char *reason;  /* tail of "'x' ...": "prints to standard output" */
};

/* The entry for a canonical name, or NULL (also for NULL). */
const struct parc_lib_entry *parc_lib_lookup(const char *name);

#endif /* plugin_libtable_h */
