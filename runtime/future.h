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

#endif /* runtime_future_h */
