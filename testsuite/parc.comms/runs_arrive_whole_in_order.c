/* Area:	parcint_comms_run_open, _put, _reserve, _close,
		parcint_comms_handle_run
   Purpose:	Runs to every worker in turn, itself included, of 1 to
		5,000 messages with payloads of 1 to 48 bytes (scaled: 300
		runs), interleaved with single messages of the same kind
		(a run of one): each run handler call sees whole payloads
		in order, at the rounded stride, from worker 0; a run that
		finds its block full goes on in the next run, which holds
		at least one message; an empty run leaves nothing. Misuse:
		a kind with no run handler, a payload of 0 or past
		PARCINT_MSG_MAX_PAYLOAD, a worker out of range or a run
		open beside another message is EINVAL; a reserve past the
		room returns NULL.
   Limitations:	Uses the runtime's internal headers.  */

/* { dg-do run } */

#include "comms-test.h"

#include <errno.h>

static uint64_t expect[PARC_MAX_WORKERS]; /* per receiver, its own */
static _Atomic long handled;

/* Message seq carries seq's words, the first seq itself. */
static unsigned words_of(uint64_t seq)
{
    return (unsigned)(parc_test_mix(seq) % 6) + 1;
}

static void on_run(parcint_worker *w, unsigned from, const void *items,
                   size_t stride, size_t count)
{
    CHECK(from == 0 && count >= 1 && stride % 8 == 0);
    const unsigned char *p = items;
    for (size_t k = 0; k < count; k++, p += stride) {
        uint64_t seq = expect[w->id]++;
        unsigned n = words_of(seq);
        CHECK(stride >= n * 8);
        uint64_t first;
        memcpy(&first, p, 8);
        CHECK(first == seq);
        CHECK(ct_verify((const uint64_t *)p + 1, n - 1, seq));
    }
    /* release: pairs with ct_await's acquire. */
    atomic_fetch_add_explicit(&handled, (long)count, memory_order_release);
}

static void on_plain(parcint_worker *w, const parcint_msg *m)
{
    (void)w;
    (void)m;
}

int main(void)
{
    CHECK(parcint_comms_handle_run(CT_DATA, on_run) == 0);
    CHECK(parcint_comms_handle_run(CT_DATA, on_run) == EEXIST);
    CHECK(parcint_comms_handle(CT_DATA, on_plain) == EEXIST);
    CHECK(parcint_comms_handle_run(CT_OTHER, NULL) == EINVAL);
    CHECK(parcint_comms_handle(CT_OTHER, on_plain) == 0);
    parcint_worker *w = ct_start();
    unsigned nw = parc_workers();
    parcint_msg_run r, r2;
    parcint_msg_batch b;

    CHECK(parcint_comms_run_open(w, 0, CT_OTHER, 8, &r) == EINVAL);
    CHECK(parcint_comms_run_open(w, 0, CT_DATA, 0, &r) == EINVAL);
    CHECK(parcint_comms_run_open(w, 0, CT_DATA, PARCINT_MSG_MAX_PAYLOAD + 1,
                                 &r) == EINVAL);
    CHECK(parcint_comms_run_open(w, nw, CT_DATA, 8, &r) == EINVAL);
    CHECK(parcint_comms_run_open(w, 0, CT_DATA, 8, &r) == 0);
    CHECK(parcint_comms_run_open(w, 0, CT_DATA, 8, &r2) == EINVAL);
    CHECK(parcint_comms_batch_open(w, 0, &b) == EINVAL);
    errno = 0;
    CHECK(parcint_comms_begin(w, 0, CT_DATA, 8) == NULL && errno == EINVAL);
    CHECK(parcint_comms_run_reserve(&r, parcint_comms_run_room(&r) + 1) ==
          NULL);
    parcint_comms_run_close(w, &r); /* empty: nothing sent */
    CHECK(parcint_comms_run_put(&r) == NULL); /* closed */
    parcint_comms_flush(w);
    CHECK(parcint_comms_intake(w) == 0);

    static uint64_t next[PARC_MAX_WORKERS]; /* per receiver */
    long runs = parc_test_scaled(300, 20), total = 0;
    for (long k = 0; k < runs; k++) {
        unsigned to = (unsigned)(k % nw);
        long want = (long)(parc_test_mix((uint64_t)k) % 5000) + 1;
        if (k % 7 == 3) {
            /* A single message of a run kind: a run of one. */
            uint64_t seq = next[to]++, words[6];
            unsigned n = words_of(seq);
            words[0] = seq;
            ct_fill(words + 1, n - 1, seq);
            CHECK(parcint_comms_send(w, to, CT_DATA, words, n * 8) == 0);
            total++;
            continue;
        }
        while (want > 0) {
            /* One stride per run: the largest payload of its messages. */
            CHECK(parcint_comms_run_open(w, to, CT_DATA, 48, &r) == 0);
            CHECK(r.stride == 48);
            long put = 0;
            for (; put < want; put++) {
                uint64_t seq = next[to];
                unsigned n = words_of(seq);
                uint64_t *p = k % 2 ? parcint_comms_run_put(&r)
                                    : parcint_comms_run_reserve(&r, 1);
                if (!p)
                    break; /* the block is full */
                p[0] = seq;
                ct_fill(p + 1, n - 1, seq);
                next[to]++;
            }
            CHECK(put > 0); /* a fresh run holds at least one */
            parcint_comms_run_close(w, &r);
            want -= put;
            total += put;
        }
        parcint_comms_flush(w);
    }
    ct_await(w, &handled, total);
    for (unsigned i = 0; i < nw; i++)
        CHECK(expect[i] == next[i]);
    printf("ok\n");
    /* { dg-output "ok" } */
    return 0;
}
