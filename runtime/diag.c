/* diag.c: misuse messages. */
#include "diag.h"

#include <stdarg.h>
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
