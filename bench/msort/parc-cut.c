/* msort with the hand API of parc.h and the hand cut-off: serial below
 * MSORT_CUT (16,384) elements, as omp-cut and tbb do. */
#define MSORT_GRAIN MSORT_CUT
#include "parc-api.c"
