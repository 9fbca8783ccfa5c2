/* Area:	PARC_STEAL=request (runtime/request.c): busy victims
   Purpose:	Worker 0 forks one "blocker" frame per other worker; a
		blocker spins, never polling, until released. Each taker
		becomes a victim that cannot answer requests, so the idle
		workers must ask other victims after a while: every
		blocker is taken by a different worker within 10 s (each
		worker runs one; worker 0 answers at its parc_poll). Done
		three times.
   Limitations:	Uses the runtime's internal headers. Needs the other
		workers to get a CPU within 10 s.  */

/* { dg-do run } */
/* { dg-parc-env PARC_STEAL request } */

#include "comms-test.h"
#include "request.h"

static atomic_int blocked, release;
static atomic_int ran_on[PARC_MAX_WORKERS];

static void blocker(parc_frame *f)
{
    (void)f;
    atomic_fetch_add_explicit(&ran_on[parc_worker_id()], 1,
                              memory_order_relaxed);
    atomic_fetch_add_explicit(&blocked, 1, memory_order_relaxed);
    while (!atomic_load_explicit(&release, memory_order_relaxed))
        ;
}

int main(void)
{
    CHECK(parcint_steal_mode == PARCINT_STEAL_REQUEST);
    ct_start();
    unsigned k = parc_workers() - 1;
    parc_frame *b = calloc(k + 1, sizeof *b);
    CHECK(b != NULL);
    for (int round = 0; round < 3; round++) {
        atomic_store_explicit(&blocked, 0, memory_order_relaxed);
        atomic_store_explicit(&release, 0, memory_order_relaxed);
        for (unsigned i = 0; i < PARC_MAX_WORKERS; i++)
            atomic_store_explicit(&ran_on[i], 0, memory_order_relaxed);
        for (unsigned i = 0; i < k; i++)
            parc_fork(&b[i], blocker);
        double t0 = parc_test_now();
        while (atomic_load_explicit(&blocked, memory_order_relaxed) <
               (int)k) {
            parc_poll();
            CHECK(parc_test_now() - t0 < 10.0);
        }
        for (unsigned i = 1; i <= k; i++)
            CHECK(atomic_load_explicit(&ran_on[i], memory_order_relaxed) == 1);
        atomic_store_explicit(&release, 1, memory_order_relaxed);
        for (unsigned i = k; i-- > 0;)
            CHECK(parc_pop(&b[i]) == 0);
    }
    free(b);
    printf("ok\n");
    /* { dg-output "ok" } */
    return 0;
}
