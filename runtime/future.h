/* future.h: the scheduler's side of futures (the API is in parc.h). */
#ifndef runtime_future_h
#define runtime_future_h

#include "worker.h"

/* Runs one queued future on w if there is one; nonzero if it did. */
int parcint_future_run_one(parcint_worker *w);

/* Nonzero when a future waits in the queue. seq_cst: the sleep protocol. */
int parcint_future_pending(void);

/* Runs every queued future (at exit, so that dropped futures still run). */
void parcint_future_drain(parcint_worker *w);

#endif /* runtime_future_h */
