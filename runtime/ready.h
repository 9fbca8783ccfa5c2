/* ready.h: where scheduled processes wait for a worker.
 *
 * Each worker has
 *   - a private "next" slot: the process a step running on this worker just
 *     woke with a send. The worker runs it as soon as the current step's
 *     batch ends, so a message passed along a chain of processes stays on
 *     one worker and in its cache (seed 000: "minimize communication"). Only
 *     the worker touches it; a process that displaces it moves the previous
 *     one to the ready ring, where thieves see it;
 *   - a ready ring: a bounded FIFO that only its worker pushes to and that
 *     the worker and thieves pop from with a CAS on head (the shape of Go's
 *     per-P run queue);
 * and threads that are not workers, and full rings, use one shared list
 * under a mutex.
 *
 * A process is in at most one of these places at a time (process.c's
 * scheduling word decides who schedules it), so the link inside it serves
 * every list.
 */
#ifndef runtime_ready_h
#define runtime_ready_h

#include "worker.h"

struct parcint_ready_link {
    struct parcint_ready_link *next; /* the shared list's link */
};

/* Makes link runnable. From a step running on worker w (in_step), into w's
 * next slot; from other code on worker w, into w's ring; from a thread that
 * is not a worker (w NULL), into the shared list. Wakes a sleeping worker
 * when the process went anywhere but the next slot. */
void parcint_ready_push(parcint_worker *w, struct parcint_ready_link *link,
                        int in_step);

/* Puts link at the back of w's ring (or of the shared list when w is NULL):
 * a process that ran a whole batch and still has messages waits its turn. */
void parcint_ready_requeue(parcint_worker *w, struct parcint_ready_link *link);

/* The next process for w to run: its next slot (unless the slot has won
 * too often in a row: fairness for the ring), its ring, the shared list, then
 * one steal from another worker's ring. w may be NULL (a thread that is not
 * a worker helping at exit): the shared list and the rings only. */
struct parcint_ready_link *parcint_ready_take(parcint_worker *w);

/* Worker w's next slot, emptied, or NULL (w's own runner loop). */
struct parcint_ready_link *parcint_ready_take_next(parcint_worker *w);

/* Nonzero when some ring or the shared list holds a process; seq_cst loads
 * (the sleep protocol, pool.c). Next slots are not visible: their workers
 * are running and will run them. */
int parcint_ready_pending(void);

/* Nonzero when w might find a process to take (relaxed loads: a hint that
 * lets an idle round skip the runner loop, and its epoch bumps, when there
 * is nothing to run). w may be NULL. */
int parcint_ready_any(parcint_worker *w);

/* Brackets a worker's runner loop, so that the exit drain can tell a worker
 * that may still schedule processes from one that cannot: each call bumps
 * the worker's epoch, odd inside the loop. */
void parcint_ready_busy(parcint_worker *w, int busy);
/* Nonzero when no process is ready anywhere and no worker was in its runner
 * loop during the whole check (seq_cst; the exit drain). check() is read in
 * the middle, under the same guarantee (the count of parked processes). */
int parcint_ready_quiet(int (*check)(void));

#endif /* runtime_ready_h */
