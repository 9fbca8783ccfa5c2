/* Definitions for mark_link_*.c (not a test: outside the folder's glob):
   step and sq with the marks their callers trust, both holding. */
#include <parc.h>
PARC_CONTAINED int step(int *p, int n)
{
    for (int i = 0; i < n; i++)
        p[i] = i;
    return n;
}
PARC_PURE int sq(int v) { return v * v; }
