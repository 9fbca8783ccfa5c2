/* Area:	parcint_hook_poll, parcint_request_poll (internal hooks)
   Purpose:	A poll hook registered before the runtime starts runs on a
		worker exactly once per parcint_request_poll (requests made
		before it runs coalesce), on that worker's thread, at its
		next poll point: parc_poll, a fork, the idle loop of other
		workers, and the wait of a join whose frame a thief runs.
		Without a request, parc_poll never runs it.
   Limitations:	Uses the runtime's internal headers. With two or more
		workers, each wait for a hook is bounded by 10 s.  */

/* { dg-do run } */

#include <parc.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <time.h>

#include "hooks.h"
#include "pool.h"
#include "worker.h"

#include "parc-test.h"

static atomic_int polls[PARC_MAX_WORKERS];

static void poll_hook(parcint_worker *w)
{
    CHECK(parcint_current() == w);
    CHECK(parc_worker_id() == (int)w->id);
    atomic_fetch_add_explicit(&polls[w->id], 1, memory_order_relaxed);
}

static int count(unsigned id)
{
    return atomic_load_explicit(&polls[id], memory_order_relaxed);
}

static void wait_count(unsigned id, int want)
{
    time_t t0 = time(NULL);
    while (count(id) < want)
        CHECK(time(NULL) - t0 < 10);
    CHECK(count(id) == want);
}

struct call {
    parc_frame f;
    atomic_int started, release;
};

static void nop_thunk(parc_frame *f) { (void)f; }

static void held_thunk(parc_frame *f)
{
    struct call *c = (struct call *)f;
    atomic_store_explicit(&c->started, 1, memory_order_relaxed);
    while (!atomic_load_explicit(&c->release, memory_order_relaxed))
        ;
}

/* From another thread: ask worker 0 to poll while it waits at a join, and
 * release the frame it waits for once the hook has run. */
static void *requester(void *p)
{
    struct call *c = p;
    int before = count(0);
    parcint_request_poll(parcint_worker_by_id(0));
    wait_count(0, before + 1);
    atomic_store_explicit(&c->release, 1, memory_order_relaxed);
    return NULL;
}

int main(void)
{
    CHECK(parcint_hook_poll(poll_hook) == 0);
    CHECK(parc_start() == 0);
    parcint_worker *w0 = parcint_current();
    CHECK(w0 != NULL && w0->id == 0);
    unsigned n = parc_workers();

    for (int i = 0; i < 1000; i++)
        parc_poll();
    CHECK(count(0) == 0);

    parcint_request_poll(w0);
    CHECK(count(0) == 0); /* only at a poll point */
    parc_poll();
    CHECK(count(0) == 1);
    parc_poll();
    CHECK(count(0) == 1);

    parcint_request_poll(w0);
    parcint_request_poll(w0);
    parc_poll();
    parc_poll();
    CHECK(count(0) == 2); /* coalesced */

    struct call c = {0};
    parcint_request_poll(w0);
    parc_fork(&c.f, nop_thunk); /* a fork is a poll point */
    CHECK(count(0) == 3);
    parc_join(&c.f);
    CHECK(count(0) == 3);

    for (unsigned id = 1; id < n; id++) {
        /* Other workers poll in their idle loop. */
        parcint_request_poll(parcint_worker_by_id(id));
        wait_count(id, 1);
    }

    if (n > 1) {
        /* Worker 0 waits at a join while a thief runs the frame. */
        struct call h = {0};
        parc_fork(&h.f, held_thunk);
        time_t t0 = time(NULL);
        while (!atomic_load_explicit(&h.started, memory_order_relaxed)) {
            parc_poll();
            CHECK(time(NULL) - t0 < 10);
        }
        int before = count(0);
        pthread_t th;
        CHECK(pthread_create(&th, NULL, requester, &h) == 0);
        CHECK(parc_pop(&h.f) == 0); /* returns once released */
        CHECK(pthread_join(th, NULL) == 0);
        CHECK(count(0) == before + 1);
    }
    for (unsigned id = 1; id < n; id++)
        CHECK(count(id) == 1);
    printf("ok\n");
    /* { dg-output "ok" } */
    return 0;
}
