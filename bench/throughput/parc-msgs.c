/* throughput/parc-msgs: parc.c's stream with one record per message: each
 * formed in place with parcint_comms_batch_put (an 8-byte header, then the
 * word), THROUGHPUT_BATCH to a flush, and handed to the receiver's handler
 * one call each. What typed messages of any kind and size cost beside
 * runs. Usage: throughput/parc-msgs [messages] (PARC_WORKERS=2). */
#include "throughput-parc.h"

static void on_data(parcint_worker *w, const parcint_msg *m)
{
    (void)w;
    tp_took(1, m->data[0]);
}

static void tp_register(void)
{
    if (parcint_comms_handle(TP_DATA, on_data))
        bench_fail("cannot register the handler");
}

static long tp_put(parcint_worker *w, long i, long end)
{
    parcint_msg_batch b;
    if (parcint_comms_batch_open(w, 1, &b))
        bench_fail("parcint_comms_batch_open");
    for (; i <= end; i++) {
        parcint_msg *m = parcint_comms_batch_put(&b, TP_DATA, sizeof(uint64_t));
        if (!m)
            break; /* the block is full: the next batch goes on */
        m->data[0] = (uint64_t)i;
    }
    parcint_comms_batch_close(w, &b);
    return i;
}
