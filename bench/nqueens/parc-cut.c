/* nqueens with the hand API of parc.h and the hand cut-off: a fork per column
 * only in the first NQ_CUT (3) rows, serial below, as omp-cut and tbb do. */
#define NQ_FORK_ROWS NQ_CUT
#include "parc-api.c"
