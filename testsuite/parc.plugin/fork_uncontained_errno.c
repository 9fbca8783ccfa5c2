/* Area:	library table: errno
   Purpose:	Check that using errno (thread-local, unspecified after a join) makes
		a function not contained.
   Limitations:	none.  */

/* { dg-do compile } */
#include <errno.h>
static int err(int x) { errno = x; return 0; } /* { dg-message "'err' is not contained: it (calls '__errno_location', which uses errno|writes through a pointer that is not derived from a parameter)" } */
int g(int x)
{
    int r;
#pragma parc fork
    r = err(x); /* { dg-error "cannot fork a call to 'err'" } */
#pragma parc join
    return r;
}
