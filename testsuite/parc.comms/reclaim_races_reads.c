/* Area:	lanes' block reuse against the receiver's reads
   Purpose:	Worker 0 streams 40,000 messages (scaled) of 8 to 1,024
		bytes to the last worker while keeping at most 64 of them
		unhandled, so that the blocks of its lane are reused over
		and over while the receiver reads records in place. Every
		payload arrives intact and in order, and the sender made
		only a few blocks (they are reused, not leaked). Under
		ThreadSanitizer, a reuse that raced a read is reported.
   Limitations:	Uses the runtime's internal headers.  */

/* { dg-do run } */

#include "comms-test.h"

static _Atomic long handled;
static uint64_t next; /* the receiver's */

static void on_data(parcint_worker *w, const parcint_msg *m)
{
    (void)w;
    unsigned n = (unsigned)(parcint_msg_bytes(m) / 8);
    CHECK(n >= 1 && n <= 128);
    CHECK(m->data[0] == next);
    CHECK(ct_verify(m->data + 1, n - 1, next));
    next++;
    /* release: pairs with ct_await's acquire. */
    atomic_fetch_add_explicit(&handled, 1, memory_order_release);
}

int main(void)
{
    ct_count_only_ours(); /* it counts every message */
    CHECK(parcint_comms_handle(CT_DATA, on_data) == 0);
    parcint_worker *w = ct_start();
    unsigned to = parc_workers() - 1;
    long total = parc_test_scaled(40000, 2000);
    for (long i = 0; i < total; i++) {
        unsigned n = (unsigned)(parc_test_mix((uint64_t)i) % 128) + 1;
        parcint_msg *m = parcint_comms_begin(w, to, CT_DATA, n * 8);
        CHECK(m != NULL);
        m->data[0] = (uint64_t)i;
        ct_fill(m->data + 1, n - 1, (uint64_t)i);
        parcint_comms_commit(w);
        parcint_comms_flush(w);
        if (i >= 64)
            ct_await(w, &handled, i - 63);
    }
    ct_await(w, &handled, total);
    CHECK(next == (uint64_t)total);
    struct parcint_comms_counts c;
    parcint_comms_counts(w, &c);
    CHECK(c.sent == (uint64_t)total);
    /* 64 messages of at most 1 KiB in flight: a handful of 16 KiB blocks. */
    printf("blocks=%llu\n", (unsigned long long)c.blocks);
    CHECK(c.blocks <= 16);
    printf("ok\n");
    /* { dg-output "ok" } */
    return 0;
}
