/* throughput/parc: one-way messages from worker 0 to worker 1 over parc's
 * transport (runtime/comms.h) as runs: each batch of THROUGHPUT_BATCH
 * one-word messages is one record in the sender's lane (a header, then the
 * payloads back to back, written with plain stores after one
 * parcint_comms_run_reserve), published by one flush
 * and handed to the receiver's run handler in one call, which reads the
 * payloads in place. parc-msgs.c sends the same as one record per message.
 * Usage: throughput/parc [messages] (PARC_WORKERS=2). */
#include "throughput-parc.h"

static void on_data(parcint_worker *w, unsigned from, const void *items,
                    size_t stride, size_t count)
{
    (void)w;
    (void)from;
    (void)stride; /* 8: the run was opened for one word */
    const uint64_t *v = items;
    uint64_t s = 0;
    for (size_t k = 0; k < count; k++)
        s += v[k];
    tp_took((long)count, s);
}

static void tp_register(void)
{
    if (parcint_comms_handle_run(TP_DATA, on_data))
        bench_fail("cannot register the handler");
}

static long tp_put(parcint_worker *w, long i, long end)
{
    parcint_msg_run r;
    if (parcint_comms_run_open(w, 1, TP_DATA, sizeof(uint64_t), &r))
        bench_fail("parcint_comms_run_open");
    /* As many as the block holds: the next run goes on. */
    size_t k = parcint_comms_run_room(&r);
    if (k > (size_t)(end - i + 1))
        k = (size_t)(end - i + 1);
    uint64_t *p = parcint_comms_run_reserve(&r, k);
    for (size_t j = 0; j < k; j++)
        p[j] = (uint64_t)i + j;
    parcint_comms_run_close(w, &r);
    return i + (long)k;
}
