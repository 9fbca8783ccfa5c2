/* pool.h: the table of workers, and how idle workers sleep and are woken.
 *
 * The layer under the deque, the hooks, the futures and the scheduler: each
 * of them finds workers and wakes sleepers through this file, and only the
 * scheduler (sched.c) fills the table and puts workers to sleep.
 */
#ifndef runtime_pool_h
#define runtime_pool_h

#include "worker.h"

/* Nonzero once the runtime runs (the table is filled). */
int parcint_started(void);

/* The number of workers, and worker id; valid once started. */
unsigned parcint_nworkers(void);
parcint_worker *parcint_worker_by_id(unsigned id);

/* Publishes the table of n workers (the runtime is started from here on). */
void parcint_pool_open(parcint_worker **table, unsigned n);

/* Nonzero once the runtime stops (at exit); parcint_pool_stop sets it and
 * wakes every sleeper. */
int parcint_stopping(void);
void parcint_pool_stop(void);

/* The number of workers asleep or about to sleep (a hint). */
unsigned parcint_sleeping(void);

/* Wakes one sleeping worker if any sleeps. Called after work was published
 * with a seq_cst operation (the other half of the sleep protocol). */
void parcint_wake_sleepers(void);

/* Wakes w if it sleeps, after a poll request was made to it. */
void parcint_wake_for_poll(parcint_worker *w);

/* Puts w to sleep until woken, unless work_visible(w) (which must read what
 * it looks at with seq_cst loads) finds work, a poll was requested of w, or
 * the runtime stops. Returns nonzero if it slept. */
int parcint_sleep(parcint_worker *w, int (*work_visible)(parcint_worker *));

#endif /* runtime_pool_h */
