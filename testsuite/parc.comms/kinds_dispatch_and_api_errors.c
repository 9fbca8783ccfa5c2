/* Area:	parcint_comms_handle, parcint_comms_begin (API), dispatch
   Purpose:	Registration refuses kind 0 (the lanes' own), kinds past
		PARCINT_MSG_KINDS and a NULL handler (EINVAL), a kind
		taken (EEXIST: STOP is the runtime's own), and any
		registration once the runtime runs (EBUSY). begin refuses
		a receiver out of range, an unusable kind, a payload over
		PARCINT_MSG_MAX_PAYLOAD and a second open message (EINVAL,
		NULL). Messages of the seed's kinds whose owners register
		later (forward a process, forward a future) and of a free
		kind reach the handler of their kind on their receiver,
		empty payloads included, and PARC_STATS-style counts add
		up.
   Limitations:	Uses the runtime's internal headers.  */

/* { dg-do run } */

#include "comms-test.h"

#include <errno.h>

static _Atomic long got[PARCINT_MSG_KINDS];

static void on_any(parcint_worker *w, const parcint_msg *m)
{
    if (parcint_msg_bytes(m) > 0) {
        CHECK(m->data[0] == w->id);
        CHECK(m->data[1] == m->kind);
    }
    /* release: pairs with ct_await's acquire. */
    atomic_fetch_add_explicit(&got[m->kind], 1, memory_order_release);
    atomic_fetch_add_explicit(&got[0], 1, memory_order_release);
}

static void dummy(parcint_worker *w, const parcint_msg *m)
{
    (void)w;
    (void)m;
}

int main(void)
{
    ct_count_only_ours(); /* it counts every message */
    CHECK(parcint_comms_handle(0, dummy) == EINVAL);
    CHECK(parcint_comms_handle(PARCINT_MSG_KINDS, dummy) == EINVAL);
    CHECK(parcint_comms_handle(CT_DATA, NULL) == EINVAL);
    CHECK(parcint_comms_handle(PARCINT_MSG_STOP, dummy) == EEXIST);
    const unsigned kinds[] = {PARCINT_MSG_FORWARD_PROCESS,
                              PARCINT_MSG_FORWARD_FUTURE, CT_DATA};
    for (unsigned i = 0; i < 3; i++)
        CHECK(parcint_comms_handle(kinds[i], on_any) == 0);
    CHECK(parcint_comms_handle(CT_DATA, on_any) == EEXIST);

    parcint_worker *w = ct_start();
    unsigned nw = parc_workers();
    CHECK(parcint_comms_handle(CT_OTHER, dummy) == EBUSY);

    errno = 0;
    CHECK(parcint_comms_begin(w, nw, CT_DATA, 8) == NULL && errno == EINVAL);
    errno = 0;
    CHECK(parcint_comms_begin(w, 0, 0, 8) == NULL && errno == EINVAL);
    errno = 0;
    CHECK(parcint_comms_begin(w, 0, PARCINT_MSG_KINDS, 8) == NULL &&
          errno == EINVAL);
    errno = 0;
    CHECK(parcint_comms_begin(w, 0, CT_DATA, PARCINT_MSG_MAX_PAYLOAD + 1) ==
              NULL &&
          errno == EINVAL);
    CHECK(parcint_comms_send(w, nw, CT_DATA, NULL, 0) == EINVAL);
    parcint_msg *m = parcint_comms_begin(w, 0, CT_DATA, PARCINT_MSG_MAX_PAYLOAD);
    CHECK(m != NULL && m->kind == CT_DATA && m->from == 0 && m->hops == 0);
    CHECK(parcint_msg_bytes(m) == PARCINT_MSG_MAX_PAYLOAD);
    errno = 0;
    CHECK(parcint_comms_begin(w, 0, CT_DATA, 8) == NULL && errno == EINVAL);
    m->data[0] = 0;
    m->data[1] = CT_DATA;
    parcint_comms_commit(w);
    CHECK(parcint_comms_intake(w) == 0); /* committed is not published */
    parcint_comms_flush(w);
    CHECK(parcint_comms_pending(w));
    CHECK(parcint_comms_intake(w) == 1);
    CHECK(atomic_load_explicit(&got[CT_DATA], memory_order_acquire) == 1);

    long sent = 1, rounds = parc_test_scaled(100, 5);
    for (long r = 0; r < rounds; r++)
        for (unsigned to = 0; to < nw; to++)
            for (unsigned i = 0; i < 3; i++) {
                uint64_t d[2] = {to, kinds[i]};
                CHECK(parcint_comms_send(w, to, kinds[i], d,
                                         (r & 1) ? sizeof d : 0) == 0);
                sent++;
            }
    ct_await(w, &got[0], sent);
    for (unsigned i = 0; i < 3; i++)
        CHECK(atomic_load_explicit(&got[kinds[i]], memory_order_acquire) ==
              rounds * (long)nw + (kinds[i] == CT_DATA));
    struct parcint_comms_counts c;
    parcint_comms_counts(w, &c);
    CHECK(c.sent == (uint64_t)sent);
    CHECK(c.flushes == (uint64_t)sent);
    /* A receiver counts its intake after the handlers of the intake ran:
     * its figure may lag a moment behind got[]. */
    double t0 = parc_test_now();
    for (;;) {
        long received = 0;
        for (unsigned id = 0; id < nw; id++) {
            parcint_comms_counts(parcint_worker_by_id(id), &c);
            received += (long)c.received;
        }
        CHECK(received <= sent);
        if (received == sent)
            break;
        CHECK(parc_test_now() - t0 < 10.0);
    }
    printf("ok\n");
    /* { dg-output "ok" } */
    return 0;
}
