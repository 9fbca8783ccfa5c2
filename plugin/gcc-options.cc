/* gcc-options.cc: the plugin's arguments (gcc-options.h); the defaults. */
#include "gcc-options.h"

bool parc_opt_verdicts = false;
bool parc_check_writes = true;
bool parc_naive = false;
bool parc_report = false;
bool parc_heartbeat = true;
