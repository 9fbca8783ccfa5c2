/* future.h: futures (their API is in parc.h).
 *
 * The scheduler does not call into futures: future.c registers its queue
 * with the idle workers as a work source, and its drain as an exit hook
 * (hooks.h), from a constructor, so that a program that never makes a future
 * pays nothing for them and the scheduler depends on the hooks alone.
 */
#ifndef runtime_future_h
#define runtime_future_h

#include "worker.h"

/* ---- For process functions (process.c) ----
 * A reply is a future that no call computes: it is created PROMISED and a
 * process step fulfils it. Joins, drops, copies and readiness work on it as
 * on any future. */
struct parcint_promise; /* a struct future, seen from outside */

/* Makes *out a handle to a new PROMISED future; returns the promise, which
 * holds a reference until parcint_promise_fulfill (NULL: out of memory). */
struct parcint_promise *parcint_promise_new(parc_future *out);
/* Stores value, makes the future DONE, wakes its joiners, runs its waits, and
 * drops the promise's reference. Once per promise. */
void parcint_promise_fulfill(struct parcint_promise *p, void *value);
/* The same for obj, the start of a parc_alloc_atomic or parc_alloc_layout
 * object of a process's heap: the future keeps a copy of obj and of every
 * parc object its pointer fields reach (one malloc'd block, layout.h), so
 * the process may collect or free its heap at once, and each join returns a
 * copy of that graph in the joiner's heap. Returns 0, or ENOMEM, or EINVAL
 * when the graph holds an object from parc_alloc (*bad), which cannot be
 * copied; the value is NULL then. */
int parcint_promise_fulfill_copy(struct parcint_promise *p, const void *obj,
                                 const void **bad);

/* Nonzero when h is a live handle (no message when it is not). */
int parcint_future_live(const parc_future *h);

/* A callback to run once a future is DONE (a process whose next message is
 * that future). */
struct parcint_fwait {
    struct parcint_fwait *next;
    void (*fn)(struct parcint_fwait *);
};
/* Registers w on h's future unless it is DONE already. Returns 1 when
 * registered (w->fn runs later, on the thread that completes the future),
 * 0 when the future is DONE (nothing registered), EINVAL for a bad handle.
 * A lazy future is upgraded: something must compute it. */
int parcint_future_wait_async(const parc_future *h, struct parcint_fwait *w);

#endif /* runtime_future_h */
