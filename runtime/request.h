/* request.h: PARC_STEAL=request, stealing by message (seed 000's "request
 * work" and "send work"). An idle worker sends REQUEST_WORK to one victim
 * and waits for its answer; the victim answers at its next poll point (a
 * fork, parc_poll, a join's wait, its idle loop) with SEND_WORK, carrying
 * its oldest frame (taken from its own deque on the requester's behalf, so
 * the join protocol of deque.c is unchanged) or nothing. The default,
 * PARC_STEAL=cas, is deque.c's CAS steal; docs/comms.md compares them. */
#ifndef runtime_request_h
#define runtime_request_h

#include "worker.h"

enum { PARCINT_STEAL_CAS, PARCINT_STEAL_REQUEST };

/* The steal mode, from $PARC_STEAL (cas or request) at load time. */
extern int parcint_steal_mode;

/* One round of the idle loop in request mode: runs work an answer brought,
 * or sends a request if none is outstanding. Returns nonzero if it ran a
 * frame. */
int parcint_request_work(parcint_worker *w);

/* Whether w asked for work and has not had every answer, or holds a frame
 * an answer brought: a waiting worker must then keep taking messages rather
 * than sleep, so that such a frame reaches its inbox, where the frame's
 * owner can take it back. */
int parcint_request_due(parcint_worker *w);

#endif /* runtime_request_h */
