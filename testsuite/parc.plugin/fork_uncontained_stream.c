/* Area:	library table: streams
   Purpose:	Check that stdio on a stream that is not stdout or stderr is not
		contained, and on stderr is.
   Limitations:	none.  */

/* { dg-do compile } */
#include <stdio.h>
static int to_file(FILE *f, int x) { fprintf(f, "%d\n", x); return x; } /* { dg-message "it calls 'fprintf' on a stream that is not stdout or stderr" } */
static int to_err(int x) { fprintf(stderr, "%d\n", x); return x; }
int g(FILE *f, int x)
{
    int r, s;
#pragma parc fork
    r = to_file(f, x); /* { dg-error "cannot fork a call to 'to_file'" } */
#pragma parc fork
    s = to_err(x); /* { dg-bogus "cannot fork" } */
#pragma parc join
    return r + s;
}
