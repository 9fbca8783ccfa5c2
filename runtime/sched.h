/* sched.h: workers' threads, the idle loop, start and shutdown, and the slow
 * paths of the fork/join ABI (declared in parc.h). */
#ifndef runtime_sched_h
#define runtime_sched_h

#include "worker.h"

/* Called on a thread that is not a worker: starts the runtime with this thread
 * as worker 0 if it has not started, and returns that worker; returns NULL if
 * the runtime already runs with another thread as worker 0 (the caller then
 * runs its forks in place). */
parcint_worker *parcint_adopt(void);

#endif /* runtime_sched_h */
