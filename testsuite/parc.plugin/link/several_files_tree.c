/* The second file of run_several_files.c: a recursive function that forks,
   compiled with the plugin on its own. */
#include <parc.h>

PARC_PURE long tree_sum(int depth, long key)
{
    if (depth == 0)
        return key % 1009;
    long a, b;
#pragma parc fork
    a = tree_sum(depth - 1, key * 3 + 1);
    b = tree_sum(depth - 1, key * 5 + 2);
#pragma parc join
    return (a + b) % 1000003;
}
