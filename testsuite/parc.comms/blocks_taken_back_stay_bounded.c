/* Area:	parcint_comms_reclaim, the lanes' blocks
   Purpose:	Bursts of about 40 blocks of messages (one-word runs,
		about 5 million messages in all; scaled: at least 8
		bursts) from worker 0 to one receiver at a time (itself at
		1 worker), while that receiver cannot take them (blocked
		in a handler; at 1 worker, nothing takes before the
		burst ends): each burst grows the lane past 30 blocks,
		and once it is taken the blocks come back, so the blocks
		worker 0 holds, on the runtime's own counters, stay at
		most one per lane plus PARCINT_COMMS_FREE_BLOCKS after
		every burst, and the rest went back to malloc.
   Limitations:	Uses the runtime's internal headers.  */

/* { dg-do run } */

#include "comms-test.h"

#include <sched.h>

#define BURST_BLOCKS 40
/* One-word messages per 16 KiB block, about. */
#define PER_BLOCK 2040

static _Atomic long handled;
static _Atomic int go;
static uint64_t expect[PARC_MAX_WORKERS];

static void on_run(parcint_worker *w, unsigned from, const void *items,
                   size_t stride, size_t count)
{
    (void)from;
    CHECK(stride == 8);
    const uint64_t *v = items;
    for (size_t k = 0; k < count; k++)
        CHECK(v[k] == expect[w->id]++);
    /* release: pairs with ct_await's acquire. */
    atomic_fetch_add_explicit(&handled, (long)count, memory_order_release);
}

/* Holds the receiver's intake until the burst is sent. */
static void block(parcint_worker *w, void *arg)
{
    (void)w;
    (void)arg;
    double t0 = parc_test_now();
    /* acquire: pairs with the release store of go. */
    while (!atomic_load_explicit(&go, memory_order_acquire)) {
        CHECK(parc_test_now() - t0 < 60.0);
        sched_yield();
    }
}

int main(void)
{
    ct_register();
    CHECK(parcint_comms_handle_run(CT_DATA, on_run) == 0);
    parcint_worker *w = ct_start();
    unsigned nw = parc_workers();
    static uint64_t next[PARC_MAX_WORKERS];
    long bursts = parc_test_scaled(64, 8), total = 0;
    uint64_t peak = 0;
    for (long k = 0; k < bursts; k++) {
        unsigned to = nw == 1 ? 0 : 1 + (unsigned)(k % (nw - 1));
        /* relaxed: the receiver's acquire load pairs with the release
         * store below; nothing is published by this reset. */
        atomic_store_explicit(&go, 0, memory_order_relaxed);
        if (to != 0)
            ct_run_on(w, to, block, NULL);
        for (long m = 0; m < BURST_BLOCKS * PER_BLOCK;) {
            parcint_msg_run r;
            CHECK(parcint_comms_run_open(w, to, CT_DATA, 8, &r) == 0);
            size_t room = parcint_comms_run_room(&r);
            uint64_t *p = parcint_comms_run_reserve(&r, room);
            CHECK(p != NULL && room > 0);
            for (size_t j = 0; j < room; j++)
                p[j] = next[to]++;
            parcint_comms_run_close(w, &r);
            parcint_comms_flush(w);
            m += (long)room;
            total += (long)room;
        }
        struct parcint_comms_counts c;
        parcint_comms_counts(w, &c);
        CHECK(c.waits == 0); /* under the lane bound */
        if (c.peak > peak)
            peak = c.peak;
        /* release: pairs with block's acquire. */
        atomic_store_explicit(&go, 1, memory_order_release);
        ct_await(w, &handled, total);
        /* The handler counts a message before its receiver stores the
         * lane's done line (at the end of its batch): give it 10 s. */
        double t0 = parc_test_now();
        do {
            parcint_comms_reclaim(w);
            parcint_comms_counts(w, &c);
        } while (c.held > nw + PARCINT_COMMS_FREE_BLOCKS &&
                 parc_test_now() - t0 < 10.0 && (sched_yield(), 1));
        if (c.held > nw + PARCINT_COMMS_FREE_BLOCKS) {
            printf("burst %ld: %llu blocks held, peak %llu\n", k,
                   (unsigned long long)c.held, (unsigned long long)c.peak);
            CHECK(0);
        }
    }
    struct parcint_comms_counts c;
    parcint_comms_counts(w, &c);
    CHECK(peak > 30);                     /* the bursts did pile up */
    CHECK(c.freed >= (uint64_t)bursts);   /* and went back to malloc */
    CHECK(c.blocks == c.held + c.freed);
    for (unsigned i = 0; i < nw; i++)
        CHECK(expect[i] == next[i]);
    printf("ok %ld messages\n", total);
    /* { dg-output "ok \[0-9\]+ messages" } */
    return 0;
}
