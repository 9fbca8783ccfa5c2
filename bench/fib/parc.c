/* The parc language program of parc-naive.c, compiled with the plugin as
 * users get it: identities, loop splitting, sequential clones
 * (docs/deparallelization.md). No hand cut-off beyond parc-api's. */
#include "parc-naive.c"
