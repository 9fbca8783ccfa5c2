/* fib with the hand API of parc.h and the hand cut-off: serial below
 * n = FIB_CUT (20), as the peers' programs (omp-cut, tbb) do. */
#define FIB_CUTOFF FIB_CUT
#include "parc-api.c"
