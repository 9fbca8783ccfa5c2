/* deque.h: the split work-stealing deque under parc_fork and parc_pop.
 *
 * The owner's fast paths are the static inline functions in include/parc.h; this
 * header is the slow side: publishing work, stealing, and joining a frame that
 * was stolen. See deque.c for the algorithm and docs/runtime.md for why it was
 * chosen.
 */
#ifndef runtime_deque_h
#define runtime_deque_h

#include "worker.h"

/* parc_frame.state, once the frame leaves its owner's hands. */
enum {
    PARCINT_FRAME_TAKEN = 1u << 0,  /* a thief claimed it; thief id above bit 2 */
    PARCINT_FRAME_DONE = 1u << 1,   /* finished; results are in the frame */
    PARCINT_FRAME_INLINE = 1u << 2, /* ran at its fork (no worker, deque full) */
};
#define PARCINT_FRAME_THIEF_SHIFT 3

typedef enum {
    PARCINT_STEAL_TAKEN, /* *out holds a frame the caller must run */
    PARCINT_STEAL_BUSY,  /* lost a race with another thief or the owner */
    PARCINT_STEAL_EMPTY, /* nothing public; the victim was asked to share */
} parcint_steal_result;

/* Sets up w's deque with room for capacity frames. Returns 0 or ENOMEM. */
int parcint_deque_init(parcint_worker *w, size_t capacity);
void parcint_deque_fini(parcint_worker *w);

/* One steal attempt by thief on victim. */
parcint_steal_result parcint_steal(parcint_worker *thief, parcint_worker *victim,
                                   parc_frame **out);

/* Runs a frame taken by parcint_steal and marks it done for its owner. */
void parcint_run_stolen(parcint_worker *w, parc_frame *f);

/* Nonzero when victim has public frames. mo is the order of the load of ts:
 * relaxed for a hint, seq_cst in the sleep protocol (sched.c). */
int parcint_deque_has_public(parcint_worker *victim, memory_order mo);

/* Asks w to publish work at its next fork or poll. */
void parcint_request_share(parcint_worker *w);

#endif /* runtime_deque_h */
