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

/* A slot's mark (parcint_worker.marks), once its frame is public. */
enum {
    PARCINT_MARK_TAKEN = 1u << 0, /* a thief claimed it; thief id above bit 1 */
    PARCINT_MARK_DONE = 1u << 1,  /* finished; results are in the frame */
};
#define PARCINT_MARK_THIEF_SHIFT 2

/* Set in a slot's pointer while the slot is public (frames are aligned), so
 * that parc_pop's single compare fails for it. */
#define PARCINT_SLOT_PUBLIC ((uintptr_t)1)

/* A frame taken by a thief, with the mark it must set when done. */
typedef struct {
    parc_frame *frame;
    _Atomic uintptr_t *mark;
    void **heap; /* where the frame's task heap waits for the owner's join */
} parcint_stolen;

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
                                   parcint_stolen *out);

/* Set by request.c when PARC_STEAL=request (at load time, before any
 * worker starts): for w waiting in its join for the frame whose mark is
 * mark, taken on thief's request, takes the frame back if it still waits,
 * unstarted, in thief's inbox; returns nonzero if it did. NULL in the CAS
 * mode. A pointer, so that the deque does not depend on the request mode
 * built on it. */
extern int (*parcint_deque_reclaim)(parcint_worker *w, unsigned thief,
                                    _Atomic uintptr_t *mark);

/* Runs a frame taken by parcint_steal and marks it done for its owner. */
void parcint_run_stolen(parcint_worker *w, parcint_stolen s);

/* While w waits for work that victim runs: one steal from victim, and the
 * frame run here (leapfrogging). Returns nonzero if it ran one. */
int parcint_help(parcint_worker *w, parcint_worker *victim);

/* The slow paths of parc_fork, parc_pop and parc_poll on a worker (sched.c
 * dispatches to them; threads that are not workers are handled there). */
void parcint_deque_fork_slow(parcint_worker *w, parc_frame *f);
int parcint_deque_pop_slow(parcint_worker *w, parc_frame *f);
/* Serves the requests in w's signal word (owner only). */
void parcint_deque_serve(parcint_worker *w);

/* Runs f now, as its fork, and marks it so that its pop returns 0. */
void parcint_run_in_place(parc_frame *f);
/* Nonzero if f ran in place (and has not been forked again since). */
int parcint_ran_in_place(const parc_frame *f);

/* Nonzero when victim has public frames. mo is the order of the load of ts:
 * relaxed for a hint, seq_cst in the sleep protocol (pool.c). */
int parcint_deque_has_public(parcint_worker *victim, memory_order mo);

/* Asks w to publish work at its next fork or poll (no-op if already asked). */
void parcint_request_share(parcint_worker *w);

/* The plugin's lazy forks (parc.h, sched.c): whether w holds at least k
 * unstolen frames forked by the activations above the one that forks f; and
 * publishing w's private frames at once. */
int parcint_deque_holds(parcint_worker *w, const parc_frame *f, unsigned k);
void parcint_deque_publish_now(parcint_worker *w);

/* Promotion in clones (promote.c), owner only: the innermost frame w holds
 * (NULL if none), and whether one more frame fits. */
const parc_frame *parcint_deque_top(parcint_worker *w);
int parcint_deque_room(parcint_worker *w);

#endif /* runtime_deque_h */
