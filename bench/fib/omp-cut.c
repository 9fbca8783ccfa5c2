/* fib with OpenMP tasks and the hand cut-off: serial below n = FIB_CUT (20). */
#define FIB_CUTOFF FIB_CUT
#include "omp-task.c"
