/* Area:	pushback: PARCINT_COMMS_LANE_BLOCKS
   Purpose:	Worker 0 sends 150 blocks of messages (one-word runs and
		single messages mixed) to a receiver that cannot take
		them (blocked in a handler until worker 0 has waited; at 1
		worker, itself, which takes nothing but while it waits):
		the lane never holds more than PARCINT_COMMS_LANE_BLOCKS
		blocks (the runtime's peak counter), the sender waited,
		and every message arrives once, in order.
   Limitations:	Uses the runtime's internal headers.  */

/* { dg-do run } */

#include "comms-test.h"

#include <sched.h>

#define PER_BLOCK 2040 /* one-word messages per 16 KiB block, about */

static _Atomic long handled;
static uint64_t expect;
static parcint_worker *sender;

static void take(uint64_t v)
{
    CHECK(v == expect++);
}

static void on_run(parcint_worker *w, unsigned from, const void *items,
                   size_t stride, size_t count)
{
    (void)w;
    (void)from;
    const unsigned char *p = items;
    for (size_t k = 0; k < count; k++, p += stride) {
        uint64_t v;
        memcpy(&v, p, 8);
        take(v);
    }
    /* release: pairs with ct_await's acquire. */
    atomic_fetch_add_explicit(&handled, (long)count, memory_order_release);
}

/* Holds the receiver's intake until the sender waits at the bound. */
static void block(parcint_worker *w, void *arg)
{
    (void)w;
    (void)arg;
    double t0 = parc_test_now();
    for (;;) {
        struct parcint_comms_counts c;
        parcint_comms_counts(sender, &c);
        if (c.waits)
            break;
        CHECK(parc_test_now() - t0 < 60.0);
        sched_yield();
    }
}

int main(void)
{
    ct_register();
    CHECK(parcint_comms_handle_run(CT_DATA, on_run) == 0);
    parcint_worker *w = sender = ct_start();
    unsigned to = parc_workers() > 1 ? 1 : 0;
    if (to)
        ct_run_on(w, to, block, NULL);
    long want = 150L * PER_BLOCK, sent = 0;
    uint64_t v = 0;
    while (sent < want) {
        if (sent % 5 == 0) {
            CHECK(parcint_comms_send(w, to, CT_DATA, &v, 8) == 0);
            v++;
            sent++;
            continue;
        }
        parcint_msg_run r;
        CHECK(parcint_comms_run_open(w, to, CT_DATA, 8, &r) == 0);
        size_t k = parcint_comms_run_room(&r);
        if (k > 1000)
            k = 1000;
        uint64_t *p = parcint_comms_run_reserve(&r, k);
        for (size_t j = 0; j < k; j++)
            p[j] = v++;
        parcint_comms_run_close(w, &r);
        parcint_comms_flush(w);
        sent += (long)k;
    }
    ct_await(w, &handled, sent);
    struct parcint_comms_counts c;
    parcint_comms_counts(w, &c);
    if (c.peak > PARCINT_COMMS_LANE_BLOCKS || c.waits == 0) {
        printf("peak %llu blocks, %llu waits\n", (unsigned long long)c.peak,
               (unsigned long long)c.waits);
        CHECK(0);
    }
    CHECK(expect == v);
    printf("ok\n");
    /* { dg-output "ok" } */
    return 0;
}
