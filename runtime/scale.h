/* scale.h: PARC_SCALE=1, the work, span and parallelism of a run. */
#ifndef runtime_scale_h
#define runtime_scale_h

#include "worker.h"

/* Reads PARC_SCALE; in scale mode the runtime runs one worker and every fork
 * takes the slow paths below (its limit stays NULL). */
void parcint_scale_init(void);
int parcint_scale_enabled(void);
/* Worker 0 is ready: starts the clock. */
int parcint_scale_start(parcint_worker *w);
/* The fork and the pop of a frame, measured. pop runs the frame's call and
 * returns 0, as for a frame that ran elsewhere. */
void parcint_scale_fork(parcint_worker *w, parc_frame *f);
int parcint_scale_pop(parcint_worker *w, parc_frame *f);
/* At exit: prints work, span and parallelism on stderr. */
void parcint_scale_report(void);

#endif /* runtime_scale_h */
