/* uts in the parc language, compiled with the plugin as users get it. */
#include "parc-naive.c"
