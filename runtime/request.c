/* request.c: PARC_STEAL=request (request.h): work requested and sent over
 * the message transport (comms.h) instead of stolen by CAS.
 *
 * Requester (idle): one REQUEST_WORK outstanding at a time, to a random
 * other worker; the answer's handler stores the frame in the requester's
 * inbox, and the idle loop runs it after the intake (never inside a
 * handler, so the frame's own forks can take messages). Victim: its
 * REQUEST_WORK handler publishes half of its private frames if it has no
 * public one, then takes the oldest public frame with deque.c's own steal
 * on the requester's behalf (the slot's mark names the requester, so the
 * victim's join waits for it and leapfrogs onto it as after a CAS steal)
 * and sends it; or answers that it has nothing. */
#define _GNU_SOURCE
#include "request.h"

#include "comms.h"
#include "deque.h"
#include "diag.h"
#include "pool.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int parcint_steal_mode = PARCINT_STEAL_CAS;

/* Owner-private, one line per worker. */
struct inbox {
    _Alignas(PARCINT_LINE) parcint_stolen item;
    int has;   /* item holds a frame to run */
    int asked; /* a request is outstanding */
};

static struct inbox inboxes[PARC_MAX_WORKERS];

struct answer {
    parc_frame *frame; /* NULL: nothing to give */
    _Atomic uintptr_t *mark;
};

static void on_request(parcint_worker *w, const parcint_msg *m)
{
    parcint_worker *req = parcint_worker_by_id(m->from);
    struct answer a = {NULL, NULL};
    if (!parcint_deque_has_public(w, memory_order_relaxed))
        parcint_deque_publish_now(w);
    parcint_stolen s;
    if (parcint_steal(req, w, &s) == PARCINT_STEAL_TAKEN) {
        a.frame = s.frame;
        a.mark = s.mark;
    }
    if (parcint_comms_send(w, m->from, PARCINT_MSG_SEND_WORK, &a, sizeof a))
        parcint_misuse("PARC_STEAL=request", "cannot answer worker %u",
                       m->from);
}

static void on_send(parcint_worker *w, const parcint_msg *m)
{
    struct inbox *in = &inboxes[w->id];
    struct answer a;
    memcpy(&a, m->data, sizeof a);
    in->asked = 0;
    if (a.frame) {
        in->item.frame = a.frame;
        in->item.mark = a.mark;
        in->has = 1;
    }
}

int parcint_request_work(parcint_worker *w)
{
    struct inbox *in = &inboxes[w->id];
    unsigned n = parcint_nworkers();
    if (in->has) {
        in->has = 0;
        parcint_run_stolen(w, in->item);
        return 1;
    }
    if (in->asked || n < 2)
        return 0;
    unsigned v = (unsigned)(parcint_rand(w) % (n - 1));
    v += v >= w->id; /* any worker but w */
    in->asked = 1;
    if (parcint_comms_send(w, v, PARCINT_MSG_REQUEST_WORK, NULL, 0))
        parcint_misuse("PARC_STEAL=request", "cannot ask worker %u", v);
    w->failed_steals++; /* an attempt; a frame sent counts as a steal */
    return 0;
}

__attribute__((constructor)) static void read_mode(void)
{
    const char *s = getenv("PARC_STEAL");
    if (!s || !*s || strcmp(s, "cas") == 0)
        return;
    if (strcmp(s, "request") != 0) {
        fprintf(stderr, "parc: PARC_STEAL=%s: not cas or request; using cas\n",
                s);
        return;
    }
    parcint_steal_mode = PARCINT_STEAL_REQUEST;
    if (parcint_comms_handle(PARCINT_MSG_REQUEST_WORK, on_request) ||
        parcint_comms_handle(PARCINT_MSG_SEND_WORK, on_send))
        parcint_misuse("libparc", "cannot register the work requests");
}
