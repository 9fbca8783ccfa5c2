/* msort with OpenMP tasks and the hand cut-off: serial below MSORT_CUT
 * (16,384) elements. */
#define MSORT_GRAIN MSORT_CUT
#include "omp-task.c"
