/* effects.h: what one function does by itself, and what that makes it.
 *
 * Part of the plugin's analysis core: plain C over small structs, no compiler
 * header, so the GCC glue (gcc-glue.cc) and a later Clang glue both fill it.
 * A glue walks a function body and records one parc_effect per thing the
 * function does that matters to the contained/pure predicates (docs/language.md,
 * "The checks"); calls are not effects but edges of the call graph
 * (callgraph.h).  Locations are the glue's own (GCC: location_t), carried as
 * an opaque integer and handed back for diagnostics.
 */
#ifndef plugin_effects_h
#define plugin_effects_h

#include <stddef.h>

/* Ordered: a function's level is the maximum over its effects and calls. */
enum parc_level {
    PARC_LEVEL_PURE = 0,      /* result from the arguments and what they reach */
    PARC_LEVEL_CONTAINED = 1, /* may also print, allocate, write via parameters */
    PARC_LEVEL_NONE = 2       /* another call could observe it, or it them */
};

enum parc_effect_kind {
    PARC_EFF_READ_OBJECT,    /* reads a mutable global / static local / TLS */
    PARC_EFF_WRITE_OBJECT,   /* writes one */
    PARC_EFF_ADDR_OBJECT,    /* takes its address (then any use escapes us) */
    PARC_EFF_VOLATILE,       /* a volatile access */
    PARC_EFF_ASM,            /* inline asm */
    PARC_EFF_SETJMP,         /* setjmp, longjmp and their kin (name) */
    PARC_EFF_INDIRECT_CALL,  /* a call through a function pointer */
    PARC_EFF_STREAM,         /* stdio on a stream not known to be stdout/stderr (name) */
    PARC_EFF_WRITE_PARAM,    /* a store through a pointer parameter (name) */
    PARC_EFF_WRITE_OWN,      /* a store into memory the function allocated */
    PARC_EFF_WRITE_LOADED,   /* a store through a pointer loaded from memory */
    PARC_EFF_WRITE_UNKNOWN,  /* a store through a pointer of unknown origin */
    PARC_EFF_UNKNOWN_CODE,   /* (of a library node) no body, no table entry, no mark */
    PARC_EFF_LIBRARY         /* (of a library node) the table's class and reason */
};

/* Which kind of object a READ/WRITE/ADDR_OBJECT effect names. */
enum parc_object_kind {
    PARC_OBJ_GLOBAL,
    PARC_OBJ_STATIC_LOCAL,
    PARC_OBJ_THREAD_LOCAL
};

struct parc_effect {
    enum parc_effect_kind kind;
    enum parc_object_kind object;
    enum parc_level level;    /* only for PARC_EFF_LIBRARY: the table's class */
    const char *name;         /* object, parameter or function named; may be NULL */
    const char *reason;       /* PARC_EFF_LIBRARY: the table's reason */
    unsigned long long params; /* PARC_EFF_WRITE_PARAM: bit i = parameter i */
    unsigned long loc;        /* where the function does it */
    unsigned long decl_loc;   /* where the named object is declared, or 0 */
};

/* The level one effect forces on the function that has it. */
enum parc_level parc_effect_level(const struct parc_effect *e);

/* "writes global 'log_level'": what the effect is, as the tail of a sentence
 * whose subject is the function (no leading capital, no full stop).  Returns
 * buf, always NUL-terminated. */
char *parc_effect_describe(const struct parc_effect *e, char *buf, size_t size);

/* "pure", "contained", "not contained". */
const char *parc_level_name(enum parc_level level);

/* The level of a set of effects alone (calls aside); *worst, when not NULL,
 * gets the index of the first effect of that level, or (size_t)-1. */
enum parc_level parc_effects_verdict(const struct parc_effect *effects,
                                     size_t n, size_t *worst);

#endif /* plugin_effects_h */
