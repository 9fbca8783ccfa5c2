/* sched.h: workers, their threads, the idle loop, sleeping and waking. */
#ifndef runtime_sched_h
#define runtime_sched_h

#include "worker.h"

/* Nonzero once the runtime runs (workers exist). */
int parcint_started(void);

/* The number of workers; valid once started. */
unsigned parcint_nworkers(void);

/* Worker by index; id < parcint_nworkers(). */
parcint_worker *parcint_worker_by_id(unsigned id);

/* Called on a thread that is not a worker: starts the runtime with this thread
 * as worker 0 if it has not started, and returns that worker; returns NULL if
 * the runtime already runs with another thread as worker 0 (the caller then
 * runs its forks in place). */
parcint_worker *parcint_adopt(void);

/* Wakes one sleeping worker if any sleeps. Called after work was published
 * with a seq_cst operation (the other half of the sleep protocol). */
void parcint_wake_sleepers(void);

/* The number of workers asleep or about to sleep (a hint). */
unsigned parcint_sleeping(void);

/* Wakes w if it sleeps, after a poll request was made to it. */
void parcint_wake_for_poll(parcint_worker *w);

#endif /* runtime_sched_h */
