/* request.c: PARC_STEAL=request (request.h): work requested and sent over
 * the message transport (comms.h) instead of stolen by CAS.
 *
 * Requester (idle): a REQUEST_WORK to a random other worker; if no answer
 * came within PATIENCE idle rounds, one more to another victim (up to all
 * of them), since a victim inside a task that never polls answers only when
 * it returns. Answers' handlers store frames in the requester's inbox, a
 * slot per victim, and the idle loop runs them after the intake (never
 * inside a handler, so the frame's own forks can take messages). An answer
 * may come after the requester took other work (the first answer's) and
 * then sit in its inbox while the requester waits in a join; the frame's
 * owner, waiting for it in its own join, takes it back from the slot and
 * runs it as a popped frame (reclaim below, reached through deque.h's
 * parcint_deque_reclaim): whoever wins the slot's CAS runs it. A busy
 * requester does not run it under its join itself: the frame may join a
 * future that the requester runs lower on its stack (it hung so).
 * Victim: its REQUEST_WORK handler publishes half of its private frames if
 * it has no public one, then takes the oldest public frame with deque.c's
 * own steal on the requester's behalf (the slot's mark names the
 * requester, so the victim's join waits for it and leapfrogs onto it as
 * after a CAS steal, or takes it back while it waits unstarted)
 * and sends it; or answers that it has nothing. */
#define _GNU_SOURCE
#include "request.h"

#include "comms.h"
#include "deque.h"
#include "diag.h"
#include "pool.h"
#include "promote.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int parcint_steal_mode = PARCINT_STEAL_CAS;

/* A victim busy in a task that never polls answers late, so a requester
 * that waited PATIENCE idle rounds asks another victim too, up to every
 * other worker (answers that come late still bring work). */
#define PATIENCE 256

/* An answer's frame waiting in its requester's inbox. ready is 1 from the
 * answer's intake until the requester or the frame's owner takes it. */
struct answer {
    _Atomic unsigned ready;
    parcint_stolen s;
};

/* Owner-private but for items, whose slot v the victim v reads and takes
 * back (reclaim). */
struct inbox {
    /* An answer slot per victim (a victim answers one request at a time);
     * release/acquire: the victim that reads it learnt of this inbox from
     * a request, sent after the store. */
    _Alignas(PARCINT_LINE) struct answer *_Atomic items;
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
    unsigned v = m->from;
    in->asked[v / 64] &= ~(1ull << (v % 64));
    in->outstanding--;
    if (!a.frame)
        return;
    /* The slot is free: a request goes out only once every answer's slot
     * was taken (parcint_request_work runs them first), and the victim answers
     * one request at a time. relaxed: only this thread stores 1 in it. */
    struct answer *slot =
        &atomic_load_explicit(&in->items, memory_order_relaxed)[v];
    if (atomic_load_explicit(&slot->ready, memory_order_relaxed))
        parcint_misuse("PARC_STEAL=request",
                       "worker %u got a second frame from worker %u", w->id, v);
    slot->s = a;
    /* release: the victim that takes the slot back reads s after its
     * acquire of ready. */
    atomic_store_explicit(&slot->ready, 1, memory_order_release);
}

/* Takes slot's frame if nobody did: one CAS decides between the requester
 * and the frame's owner. acquire: s was written before the release of
 * ready. */
static int take(struct answer *slot, parcint_stolen *out)
{
    unsigned one = 1;
    /* relaxed: an empty slot is passed over without a locked write. */
    if (!atomic_load_explicit(&slot->ready, memory_order_relaxed) ||
        !atomic_compare_exchange_strong_explicit(&slot->ready, &one, 0,
                                                 memory_order_acquire,
                                                 memory_order_relaxed))
        return 0;
    *out = slot->s;
    return 1;
}

/* Runs one frame that an answer brought to w, unless its owner took it
 * back. Returns nonzero if it ran one. */
static int run_answer(parcint_worker *w)
{
    struct answer *items =
        atomic_load_explicit(&inboxes[w->id].items, memory_order_relaxed);
    for (unsigned v = 0; items && v < parcint_nworkers(); v++) {
        parcint_stolen item;
        if (!take(&items[v], &item))
            continue;
        parcint_set_hungry(w, 0); /* busy now, as after parcint_help */
        parcint_run_stolen(w, item);
        return 1;
    }
    return 0;
}

/* parcint_deque_reclaim in request mode (deque.h). */
static int reclaim(parcint_worker *w, unsigned thief, _Atomic uintptr_t *mark)
{
    if (thief >= parcint_nworkers() || thief == w->id)
        return 0;
    /* acquire: pairs with the release store in parcint_request_work. Our
     * mark names the thief because we served its request, so the store
     * came before; the load only keeps that visible to ThreadSanitizer's
     * eye as well as the hardware's. */
    struct answer *items =
        atomic_load_explicit(&inboxes[thief].items, memory_order_acquire);
    if (!items)
        return 0;
    struct answer *slot = &items[w->id];
    /* acquire: s (read next) was written before ready's release. s cannot
     * change under us: only our own next answer to this thief refills the
     * slot, and we are in this join. */
    if (!atomic_load_explicit(&slot->ready, memory_order_acquire) ||
        slot->s.mark != mark)
        return 0;
    parcint_stolen item;
    /* Ours again, unstarted: the join runs it as if never stolen (no steal
     * or join hooks, no heap of its own). The mark stays TAKEN until the
     * slot is published again, which resets it. */
    return take(slot, &item);
}

int parcint_request_due(parcint_worker *w)
{
    const struct inbox *in = &inboxes[w->id];
    if (in->outstanding)
        return 1;
    /* relaxed: a hint for a waiting loop, which looks again. */
    struct answer *items = atomic_load_explicit(&in->items,
                                                memory_order_relaxed);
    for (unsigned v = 0; items && v < parcint_nworkers(); v++)
        if (atomic_load_explicit(&items[v].ready, memory_order_relaxed))
            return 1;
    return 0;
}

int parcint_request_work(parcint_worker *w)
{
    struct inbox *in = &inboxes[w->id];
    unsigned n = parcint_nworkers();
    if (run_answer(w))
        return 1;
    if (n < 2 || (in->outstanding && ++in->waited < PATIENCE))
        return 0;
    if (!atomic_load_explicit(&in->items, memory_order_relaxed)) {
        struct answer *items = calloc(n, sizeof *items);
        if (!items)
            parcint_misuse("PARC_STEAL=request",
                           "no memory for worker %u's inbox", w->id);
        /* release: see struct inbox. */
        atomic_store_explicit(&in->items, items, memory_order_release);
    }
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
    parcint_deque_reclaim = reclaim;
    if (parcint_comms_handle(PARCINT_MSG_REQUEST_WORK, on_request) ||
        parcint_comms_handle(PARCINT_MSG_SEND_WORK, on_send))
        parcint_misuse("libparc", "cannot register the work requests");
}
