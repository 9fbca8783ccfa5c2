/* request.c: PARC_STEAL=request (request.h): work requested and sent over
 * the message transport (comms.h) instead of stolen by CAS.
 *
 * Requester (idle): a REQUEST_WORK to a random other worker; if no answer
 * came within PATIENCE idle rounds, one more to another victim (up to all
 * of them), since a victim inside a task that never polls answers only when
 * it returns. Answers' handlers store frames in the requester's inbox, and
 * the idle loop runs them after the intake (never inside a handler, so the
 * frame's own forks can take messages). Victim: its
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

/* A victim busy in a task that never polls answers late, so a requester
 * that waited PATIENCE idle rounds asks another victim too, up to every
 * other worker (answers that come late still bring work). */
#define PATIENCE 256

/* Owner-private. */
struct inbox {
    _Alignas(PARCINT_LINE) parcint_stolen *items; /* frames to run: room for
                                                     one per other worker */
    unsigned nitems;
    unsigned outstanding; /* requests not yet answered */
    unsigned waited;      /* idle rounds since the last request */
    uint64_t asked[PARC_MAX_WORKERS / 64]; /* victims with a request */
};

static struct inbox inboxes[PARC_MAX_WORKERS];

static int was_asked(struct inbox *in, unsigned v)
{
    return (in->asked[v / 64] >> (v % 64)) & 1;
}

static void on_request(parcint_worker *w, const parcint_msg *m)
{
    parcint_worker *req = parcint_worker_by_id(m->from);
    /* The answer is the steal made on the requester's behalf, whole (frame,
     * mark, and the slot where its task heap waits for the owner's join);
     * frame NULL: nothing to give. */
    parcint_stolen a = {NULL, NULL, NULL};
    if (!parcint_deque_has_public(w, memory_order_relaxed))
        parcint_deque_publish_now(w);
    if (parcint_steal(req, w, &a) != PARCINT_STEAL_TAKEN)
        a.frame = NULL;
    if (parcint_comms_send(w, m->from, PARCINT_MSG_SEND_WORK, &a, sizeof a))
        parcint_misuse("PARC_STEAL=request", "cannot answer worker %u",
                       m->from);
}

static void on_send(parcint_worker *w, const parcint_msg *m)
{
    struct inbox *in = &inboxes[w->id];
    parcint_stolen a;
    memcpy(&a, m->data, sizeof a);
    in->asked[m->from / 64] &= ~(1ull << (m->from % 64));
    in->outstanding--;
    if (a.frame) /* nitems <= answers <= requests < workers */
        in->items[in->nitems++] = a;
}

int parcint_request_run_answer(parcint_worker *w)
{
    struct inbox *in = &inboxes[w->id];
    if (!in->nitems)
        return 0;
    parcint_stolen item = in->items[--in->nitems];
    parcint_run_stolen(w, item);
    return 1;
}

int parcint_request_due(parcint_worker *w)
{
    const struct inbox *in = &inboxes[w->id];
    return in->outstanding != 0 || in->nitems != 0;
}

int parcint_request_work(parcint_worker *w)
{
    struct inbox *in = &inboxes[w->id];
    unsigned n = parcint_nworkers();
    if (parcint_request_run_answer(w))
        return 1;
    if (n < 2 || (in->outstanding && ++in->waited < PATIENCE))
        return 0;
    if (!in->items && !(in->items = calloc(n, sizeof *in->items)))
        parcint_misuse("PARC_STEAL=request", "no memory for worker %u's inbox",
                       w->id);
    /* A victim not asked yet, from a random start. */
    unsigned start = (unsigned)(parcint_rand(w) % n);
    for (unsigned k = 0; k < n; k++) {
        unsigned v = (start + k) % n;
        if (v == w->id || was_asked(in, v))
            continue;
        in->asked[v / 64] |= 1ull << (v % 64);
        in->outstanding++;
        in->waited = 0;
        if (parcint_comms_send(w, v, PARCINT_MSG_REQUEST_WORK, NULL, 0))
            parcint_misuse("PARC_STEAL=request", "cannot ask worker %u", v);
        w->failed_steals++; /* an attempt; a frame sent counts as a steal */
        return 0;
    }
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
