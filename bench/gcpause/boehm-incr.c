/* gcpause on libgc in its generational, incremental mode (boehm.c). */
#define GP_IMPL "boehm-incr"
#define GP_BOEHM_INCREMENTAL 1
#include "boehm.c"
