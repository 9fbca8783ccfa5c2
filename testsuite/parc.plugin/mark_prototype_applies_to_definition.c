/* Area:	PARC_PURE on a declaration
   Purpose:	Check that a mark on a prototype is checked on the definition, and
		that a marked extern declaration with no body is trusted.
   Limitations:	none.  */

/* { dg-do compile } */
#include <parc.h>
int g_count; /* { dg-message "'g_count' declared here" } */
PARC_PURE int f(int x);
int f(int x) /* { dg-error "'f' is marked PARC_PURE but is not pure" } */
{
    return x + g_count; /* { dg-message "reads global 'g_count'" } */
}
PARC_CONTAINED extern int elsewhere(int *p, int n);
int h(int *a, int n)
{
    int r;
#pragma parc fork writes(a[0:n])
    r = elsewhere(a, n); /* { dg-bogus "cannot fork" } */
#pragma parc join
    return r;
}
