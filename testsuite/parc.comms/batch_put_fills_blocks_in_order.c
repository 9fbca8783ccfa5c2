/* Area:	parcint_comms_batch_open, _put, _close
   Purpose:	Batches to every worker in turn, itself included, of 1 to
		3,000 messages of 0 to 96 payload bytes (scaled: 400
		batches): a put that finds the block full returns NULL and
		the same message goes into the next batch, which starts in
		a new block. Every message arrives once, in order, intact,
		on its receiver; nothing is taken before the flush. A put
		of kind 0, of a kind past PARCINT_MSG_KINDS or of a payload
		past PARCINT_MSG_MAX_PAYLOAD returns NULL; open with a
		message or batch open, or to a worker out of range, is
		EINVAL, as is begin with a batch open.
   Limitations:	Uses the runtime's internal headers.  */

/* { dg-do run } */

#include "comms-test.h"

#include <errno.h>

static uint64_t expect[PARC_MAX_WORKERS]; /* per receiver, its own */
static _Atomic long handled;

static void on_data(parcint_worker *w, const parcint_msg *m)
{
    CHECK(m->from == 0);
    unsigned n = (unsigned)(parcint_msg_bytes(m) / 8);
    uint64_t seq = expect[w->id]++;
    CHECK(n == parc_test_mix(seq) % 13);
    CHECK(ct_verify(m->data, n, seq * 1000 + w->id));
    /* release: pairs with ct_await's acquire. */
    atomic_fetch_add_explicit(&handled, 1, memory_order_release);
}

int main(void)
{
    CHECK(parcint_comms_handle(CT_DATA, on_data) == 0);
    parcint_worker *w = ct_start();
    unsigned nw = parc_workers();
    parcint_msg_batch b, b2;

    CHECK(parcint_comms_batch_open(w, nw, &b) == EINVAL);
    CHECK(parcint_comms_batch_open(w, 0, &b) == 0);
    CHECK(parcint_comms_batch_open(w, 0, &b2) == EINVAL);
    errno = 0;
    CHECK(parcint_comms_begin(w, 0, CT_DATA, 8) == NULL && errno == EINVAL);
    CHECK(parcint_comms_batch_put(&b, 0, 8) == NULL);
    CHECK(parcint_comms_batch_put(&b, PARCINT_MSG_KINDS, 8) == NULL);
    CHECK(parcint_comms_batch_put(&b, CT_DATA, PARCINT_MSG_MAX_PAYLOAD + 1) ==
          NULL);
    parcint_comms_batch_close(w, &b);
    CHECK(parcint_comms_batch_put(&b, CT_DATA, 8) == NULL); /* closed */
    CHECK(parcint_comms_intake(w) == 0);                    /* empty batch */

    static uint64_t next[PARC_MAX_WORKERS]; /* per receiver */
    long batches = parc_test_scaled(400, 20), total = 0;
    for (long k = 0; k < batches; k++) {
        unsigned to = (unsigned)(k % nw);
        long want = (long)(parc_test_mix((uint64_t)k) % 3000) + 1;
        long round = want;
        while (want > 0) {
            CHECK(parcint_comms_batch_open(w, to, &b) == 0);
            long put = 0;
            for (; put < want; put++) {
                uint64_t seq = next[to];
                unsigned n = (unsigned)(parc_test_mix(seq) % 13);
                parcint_msg *m = parcint_comms_batch_put(&b, CT_DATA, n * 8);
                if (!m)
                    break; /* the block is full */
                CHECK(m->kind == CT_DATA && m->from == 0 && m->hops == 0);
                ct_fill(m->data, n, seq * 1000 + to);
                next[to]++;
            }
            CHECK(put > 0); /* a fresh batch holds at least one */
            CHECK(b.count == (uint32_t)put);
            parcint_comms_batch_close(w, &b);
            want -= put;
            total += put;
        }
        if (to == 0) {
            /* An intake takes what was flushed before, not this round's
             * messages, committed and not flushed (it flushes them at its
             * end, after its pass over the row). */
            parcint_comms_intake(w);
            CHECK(expect[0] == next[0] - (uint64_t)round);
        }
        parcint_comms_flush(w);
    }
    ct_await(w, &handled, total);
    for (unsigned r = 0; r < nw; r++)
        CHECK(expect[r] == next[r]);
    printf("ok\n");
    /* { dg-output "ok" } */
    return 0;
}
