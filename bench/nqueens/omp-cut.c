/* nqueens with OpenMP tasks and the hand cut-off: tasks only in the first
 * NQ_CUT (3) rows, serial below. */
#define NQ_FORK_ROWS NQ_CUT
#include "omp-task.c"
