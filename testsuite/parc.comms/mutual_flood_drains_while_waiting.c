/* Area:	pushback between workers that flood each other
   Purpose:	Every worker, from its idle loop (not inside a handler),
		floods its partner (worker id ^ 1; itself where it has
		none) with 100 blocks of one-word runs, all starting
		together, none taking messages but while it waits at the
		lane bound: no deadlock (each drains its own lanes while
		it waits), every message arrives once and in order, no
		lane went past PARCINT_COMMS_LANE_BLOCKS, and the bound
		was reached.
   Limitations:	Uses the runtime's internal headers; a worker's flood
		runs as a work source (hooks.h) registered by the test.  */

/* { dg-do run } */

#include "comms-test.h"

#include "hooks.h"

#include <sched.h>

#define PER_BLOCK 2040 /* one-word messages per 16 KiB block, about */
#define FLOOD (100L * PER_BLOCK)

static _Atomic long handled;
static _Atomic int job[PARC_MAX_WORKERS];
static _Atomic unsigned started;
static uint64_t expect[PARC_MAX_WORKERS]; /* per receiver, its own */

static unsigned partner(unsigned id, unsigned n)
{
    return (id ^ 1u) < n ? id ^ 1u : id;
}

static void on_run(parcint_worker *w, unsigned from, const void *items,
                   size_t stride, size_t count)
{
    CHECK(stride == 8 && from == partner(w->id, parc_workers()));
    const uint64_t *v = items;
    for (size_t k = 0; k < count; k++)
        CHECK(v[k] == expect[w->id]++);
    /* release: pairs with ct_await's acquire. */
    atomic_fetch_add_explicit(&handled, (long)count, memory_order_release);
}

static void flood(parcint_worker *w)
{
    unsigned n = parc_workers(), to = partner(w->id, n);
    /* relaxed, and the loads below: a barrier that only times the floods
     * (all start together); it publishes nothing. */
    atomic_fetch_add_explicit(&started, 1, memory_order_relaxed);
    double t0 = parc_test_now();
    while (atomic_load_explicit(&started, memory_order_relaxed) < n) {
        CHECK(parc_test_now() - t0 < 60.0);
        sched_yield();
    }
    uint64_t v = 0;
    while ((long)v < FLOOD) {
        parcint_msg_run r;
        CHECK(parcint_comms_run_open(w, to, CT_DATA, 8, &r) == 0);
        size_t k = parcint_comms_run_room(&r);
        if (k > 64)
            k = 64;
        if (k > (size_t)(FLOOD - (long)v))
            k = (size_t)(FLOOD - (long)v);
        uint64_t *p = parcint_comms_run_reserve(&r, k);
        for (size_t j = 0; j < k; j++)
            p[j] = v++;
        parcint_comms_run_close(w, &r);
        parcint_comms_flush(w);
    }
}

/* A work source: runs this worker's flood once it is asked to. */
static int run_job(parcint_worker *w)
{
    /* acquire: pairs with the release store in start_job. */
    if (!w || !atomic_exchange_explicit(&job[w->id], 0, memory_order_acquire))
        return 0;
    flood(w);
    return 1;
}

static int job_pending(parcint_worker *w)
{
    /* seq_cst: the sleep protocol's check (hooks.h). */
    return w && atomic_load_explicit(&job[w->id], memory_order_seq_cst);
}

static void start_job(parcint_worker *w, void *arg)
{
    (void)arg;
    /* release: pairs with run_job's acquire. */
    atomic_store_explicit(&job[w->id], 1, memory_order_release);
}

int main(void)
{
    ct_register();
    CHECK(parcint_comms_handle_run(CT_DATA, on_run) == 0);
    CHECK(parcint_hook_work(run_job, job_pending) == 0);
    parcint_worker *w = ct_start();
    unsigned n = parc_workers();
    for (unsigned i = 1; i < n; i++)
        ct_run_on(w, i, start_job, NULL);
    flood(w);
    ct_await(w, &handled, (long)n * FLOOD);
    uint64_t waits = 0;
    for (unsigned i = 0; i < n; i++) {
        struct parcint_comms_counts c;
        parcint_comms_counts(parcint_worker_by_id(i), &c);
        CHECK(c.peak <= PARCINT_COMMS_LANE_BLOCKS);
        CHECK(expect[i] == (uint64_t)FLOOD);
        waits += c.waits;
    }
    CHECK(waits > 0);
    printf("ok\n");
    /* { dg-output "ok" } */
    return 0;
}
