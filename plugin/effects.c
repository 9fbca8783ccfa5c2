/* effects.c: the level each kind of effect forces, and how to say it.
 * The rules, with their reasons, are in docs/language.md ("The checks"). */
#include "effects.h"

#include <stdio.h>

static const char *object_word(enum parc_object_kind k)
{
    switch (k) {
    case PARC_OBJ_STATIC_LOCAL: return "static local";
    case PARC_OBJ_THREAD_LOCAL: return "thread-local";
    case PARC_OBJ_GLOBAL: break;
    }
    return "global";
}

enum parc_level parc_effect_level(const struct parc_effect *e)
{
    switch (e->kind) {
    case PARC_EFF_WRITE_PARAM:
    case PARC_EFF_WRITE_OWN:
        return PARC_LEVEL_CONTAINED;
    case PARC_EFF_LIBRARY:
        return e->level;
    case PARC_EFF_READ_OBJECT:
    case PARC_EFF_WRITE_OBJECT:
    case PARC_EFF_ADDR_OBJECT:
    case PARC_EFF_VOLATILE:
    case PARC_EFF_ASM:
    case PARC_EFF_SETJMP:
    case PARC_EFF_INDIRECT_CALL:
    case PARC_EFF_STREAM:
    case PARC_EFF_WRITE_LOADED:
    case PARC_EFF_WRITE_UNKNOWN:
    case PARC_EFF_UNKNOWN_CODE:
        break;
    }
    return PARC_LEVEL_NONE;
}

char *parc_effect_describe(const struct parc_effect *e, char *buf, size_t size)
{
    const char *n = e->name ? e->name : "?";
    switch (e->kind) {
    case PARC_EFF_READ_OBJECT:
        snprintf(buf, size, "reads %s '%s'", object_word(e->object), n);
        break;
    case PARC_EFF_WRITE_OBJECT:
        snprintf(buf, size, "writes %s '%s'", object_word(e->object), n);
        break;
    case PARC_EFF_ADDR_OBJECT:
        snprintf(buf, size, "takes the address of %s '%s'",
                 object_word(e->object), n);
        break;
    case PARC_EFF_VOLATILE:
        snprintf(buf, size, "accesses volatile memory");
        break;
    case PARC_EFF_ASM:
        snprintf(buf, size, "contains inline assembly");
        break;
    case PARC_EFF_SETJMP:
        snprintf(buf, size, "calls '%s' (non-local jumps)", n);
        break;
    case PARC_EFF_INDIRECT_CALL:
        snprintf(buf, size, "calls through a function pointer");
        break;
    case PARC_EFF_STREAM:
        snprintf(buf, size,
                 "calls '%s' on a stream that is not stdout or stderr", n);
        break;
    case PARC_EFF_WRITE_PARAM:
        snprintf(buf, size, "writes through its parameter '%s'", n);
        break;
    case PARC_EFF_WRITE_OWN:
        snprintf(buf, size, "writes memory it allocated");
        break;
    case PARC_EFF_WRITE_LOADED:
        snprintf(buf, size, "writes through a pointer loaded from memory");
        break;
    case PARC_EFF_WRITE_UNKNOWN:
        snprintf(buf, size,
                 "writes through a pointer that is not derived from a parameter, "
                 "a local or its own allocation");
        break;
    case PARC_EFF_UNKNOWN_CODE:
        snprintf(buf, size,
                 "is defined in another file and has no parc mark");
        break;
    case PARC_EFF_LIBRARY:
        snprintf(buf, size, "%s", e->reason ? e->reason : "is a library function");
        break;
    }
    return buf;
}

const char *parc_level_name(enum parc_level level)
{
    switch (level) {
    case PARC_LEVEL_PURE: return "pure";
    case PARC_LEVEL_CONTAINED: return "contained";
    case PARC_LEVEL_NONE: break;
    }
    return "not contained";
}

enum parc_level parc_effects_verdict(const struct parc_effect *effects,
                                     size_t n, size_t *worst)
{
    enum parc_level level = PARC_LEVEL_PURE;
    size_t at = (size_t)-1;
    for (size_t i = 0; i < n; i++) {
        enum parc_level l = parc_effect_level(&effects[i]);
        if (l > level) {
            level = l;
            at = i;
        }
    }
    if (worst)
        *worst = level == PARC_LEVEL_PURE ? (size_t)-1 : at;
    return level;
}
