/* diag.c: misuse messages. */
#include "diag.h"

#include <parc.h>

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static void say(const char *call, const char *fmt, va_list ap)
{
    /* One fprintf per piece is fine: these are last words, not a hot path. */
    fprintf(stderr, "parc: %s: ", call);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
}

void parcint_misuse(const char *call, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    say(call, fmt, ap);
    va_end(ap);
    abort();
}

int parcint_complain(int err, const char *call, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    say(call, fmt, ap);
    va_end(ap);
    return err;
}

/* A fork's writes(...) region overlaps one of a pending fork of the same
 * function: two calls that may run at once would write the same bytes. */
void parcint_writes_overlap(const struct parc_lwrites *w, size_t i,
                            const struct parc_lwrites *o, size_t j)
{
    parcint_misuse("writes", "the fork at %s writes bytes [%#jx, %#jx) "
                   "(region %zu of its writes clause), which overlap bytes "
                   "[%#jx, %#jx) that the fork at %s (region %zu), still "
                   "pending, writes",
                   w->where, (uintmax_t)w->r[i].lo, (uintmax_t)w->r[i].hi,
                   i + 1, (uintmax_t)o->r[j].lo, (uintmax_t)o->r[j].hi,
                   o->where, j + 1);
}
