/* Area:	parc_proc_drop
   Purpose:	Dropping the last handle while messages are queued loses
		none: 1,000 processes (scaled) each get 100 messages and
		are dropped at once; each finalizer runs exactly once, after
		its process's last step, and sees all 100. A copy of a
		handle keeps the process alive: the process dropped first
		through its original handle still takes messages through the
		copy until that is dropped too.
   Limitations:	none.  */

/* { dg-do run } */

#include <parc.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>

#include "parc-test.h"

#define MSGS 100

struct st {
    long got;
    atomic_int fini_runs;
};

static atomic_long finished;

static void *step(void *state, void *msg)
{
    struct st *s = state;
    CHECK(atomic_load(&s->fini_runs) == 0);
    CHECK((long)(intptr_t)msg == s->got + 1);
    s->got++;
    return NULL;
}

static void fini(void *state)
{
    struct st *s = state;
    CHECK(s->got == MSGS);
    CHECK(atomic_fetch_add(&s->fini_runs, 1) == 0);
    atomic_fetch_add(&finished, 1);
}

int main(void)
{
    long n = parc_test_scaled(1000, 50);
    struct st *s = calloc((size_t)n, sizeof *s);
    CHECK(s);
    parc_proc_opts o = {.capacity = 2 * MSGS, .fini = fini};
    for (long i = 0; i < n; i++) {
        parc_proc h, copy;
        CHECK(parc_proc_spawn(&h, step, &s[i], &o) == 0);
        CHECK(parc_proc_copy(&h, &copy) == 0);
        for (long m = 1; m <= MSGS / 2; m++)
            CHECK(parc_proc_send(&h, (void *)(intptr_t)m, NULL) == 0);
        CHECK(parc_proc_drop(&h) == 0);
        for (long m = MSGS / 2 + 1; m <= MSGS; m++)
            CHECK(parc_proc_send(&copy, (void *)(intptr_t)m, NULL) == 0);
        CHECK(parc_proc_drop(&copy) == 0);
    }
    double t0 = parc_test_now();
    parc_future f;
    while (atomic_load(&finished) < n) {
        /* Waiting here must let workers (or, at one worker, this thread)
         * run the processes: a future's join helps. */
        CHECK(parc_test_now() - t0 < 60);
        parc_proc tick;
        struct st tick_state = {0};
        CHECK(parc_proc_spawn(&tick, step, &tick_state, NULL) == 0);
        CHECK(parc_proc_send(&tick, (void *)1, &f) == 0);
        CHECK(parc_future_join(&f, NULL) == 0);
        CHECK(parc_proc_drop(&tick) == 0);
        sched_yield();
    }
    for (long i = 0; i < n; i++)
        CHECK(s[i].got == MSGS && atomic_load(&s[i].fini_runs) == 1);
    printf("ok\n");
    free(s);
    return 0;
}
/* { dg-output "ok" } */
