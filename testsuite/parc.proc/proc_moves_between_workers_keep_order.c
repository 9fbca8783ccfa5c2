/* Area:	N:M scheduling, processes moving between workers
   Purpose:	A process runs on one worker at a time and may move, and
		per-sender order survives the moves. Made certain rather than
		left to chance: (1) main (worker 0) sends a batch and does
		not help, so another worker must run it; (2) every other
		worker is then held inside a stolen frame of main's, so the
		next batch can run only on worker 0, which main reaches by
		joining the reply. Repeated; each step checks the sequence
		and records its worker; at two workers or more the process
		must have run on worker 0 and on another one.
   Limitations:	none.  */

/* { dg-do run } */

#include <parc.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdint.h>

#include "parc-test.h"

#define ROUNDS 20
#define BATCH 50

struct st {
    long next;
    int ran_on_0, ran_elsewhere;
    atomic_long done;
};

static void *step(void *state, void *msg)
{
    struct st *s = state;
    CHECK((long)(intptr_t)msg == s->next);
    s->next++;
    if (parc_worker_id() == 0)
        s->ran_on_0 = 1;
    else
        s->ran_elsewhere = 1;
    atomic_fetch_add(&s->done, 1);
    return (void *)(intptr_t)parc_worker_id();
}

/* Holds a worker until released. */
struct hold {
    parc_frame f;
};
static atomic_int held, release;

static void hold_thunk(parc_frame *f)
{
    (void)f;
    atomic_fetch_add(&held, 1);
    while (!atomic_load(&release))
        sched_yield();
}

int main(void)
{
    CHECK(parc_start() == 0);
    unsigned nw = parc_workers();
    struct st s = {0};
    parc_proc p;
    CHECK(parc_proc_spawn(&p, step, &s, NULL) == 0);
    long sent = 0;
    static struct hold h[PARC_MAX_WORKERS];
    for (int r = 0; r < ROUNDS; r++) {
        if (nw >= 2) {
            /* (1) elsewhere: main only waits, not helping. */
            long want = sent + BATCH;
            for (int i = 0; i < BATCH; i++)
                CHECK(parc_proc_send(&p, (void *)(intptr_t)sent++, NULL) == 0);
            double t0 = parc_test_now();
            while (atomic_load(&s.done) < want) {
                CHECK(parc_test_now() - t0 < 60);
                sched_yield();
            }
            /* (2) on worker 0: every other worker holds a frame. */
            atomic_store(&held, 0);
            atomic_store(&release, 0);
            for (unsigned k = 0; k + 1 < nw; k++)
                parc_fork(&h[k].f, hold_thunk);
            t0 = parc_test_now();
            while (atomic_load(&held) < (int)nw - 1) {
                CHECK(parc_test_now() - t0 < 60);
                parc_poll(); /* answer the thieves' requests */
                sched_yield();
            }
        }
        parc_future f;
        for (int i = 0; i < BATCH; i++)
            CHECK(parc_proc_send(&p, (void *)(intptr_t)sent++, NULL) == 0);
        CHECK(parc_proc_send(&p, (void *)(intptr_t)sent++, &f) == 0);
        void *w;
        CHECK(parc_future_join(&f, &w) == 0);
        if (nw >= 2) {
            CHECK((intptr_t)w == 0);
            atomic_store(&release, 1);
            for (unsigned k = nw - 1; k > 0; k--)
                parc_join(&h[k - 1].f);
        }
    }
    CHECK(s.next == sent);
    CHECK(s.ran_on_0);
    if (nw >= 2)
        CHECK(s.ran_elsewhere);
    CHECK(parc_proc_drop(&p) == 0);
    printf("ok\n");
    return 0;
}
/* { dg-output "ok" } */
