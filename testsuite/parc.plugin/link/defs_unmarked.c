/* Definitions for mark_link_*.c (not a test: outside the folder's glob):
   step without a mark, and sq marked only PARC_CONTAINED. */
#include <parc.h>
int step(int *p, int n)
{
    for (int i = 0; i < n; i++)
        p[i] = i;
    return n;
}
PARC_CONTAINED int sq(int v) { return v * v; }
