/* Area:	parc_proc_spawn, parc_proc_send, parc_proc_drop
   Purpose:	A contained process keeps a running sum: every reply is the
		sum of the messages before it and itself, so replies prove
		that steps ran one at a time in send order. Replies are
		joined in random order; the state is read after the drop's
		finalizer ran (it runs after the last message).
   Limitations:	none.  */

/* { dg-do run } */

#include <parc.h>
#include <stdatomic.h>
#include <stdint.h>
#include <sched.h>
#include <stdlib.h>

#include "parc-test.h"

struct acc {
    long sum;
    atomic_int finalized;
};

static void *add(void *state, void *msg)
{
    struct acc *a = state;
    a->sum += (long)(intptr_t)msg;
    return (void *)(intptr_t)a->sum;
}

static void fini(void *state)
{
    struct acc *a = state;
    atomic_store(&a->finalized, 1);
}

int main(void)
{
    long n = parc_test_scaled(20000, 100);
    struct acc a = {0};
    parc_proc p;
    parc_proc_opts o = {.capacity = 64, .fini = fini};
    CHECK(parc_proc_spawn(&p, add, &a, &o) == 0);
    parc_future *r = malloc(sizeof *r * (size_t)n);
    CHECK(r);
    for (long i = 0; i < n; i++)
        CHECK(parc_proc_send(&p, (void *)(intptr_t)(i + 1), &r[i]) == 0);
    /* Join in a shuffled order. */
    long *ord = malloc(sizeof *ord * (size_t)n);
    CHECK(ord);
    for (long i = 0; i < n; i++)
        ord[i] = i;
    for (long i = n - 1; i > 0; i--) {
        long j = (long)(parc_test_mix((uint64_t)i) % (uint64_t)(i + 1));
        long t = ord[i];
        ord[i] = ord[j];
        ord[j] = t;
    }
    for (long k = 0; k < n; k++) {
        long i = ord[k];
        void *v;
        CHECK(parc_future_join(&r[i], &v) == 0);
        CHECK((long)(intptr_t)v == (i + 1) * (i + 2) / 2);
    }
    parc_proc_stats st;
    CHECK(parc_proc_stats_get(&p, &st) == 0);
    CHECK(st.max_queued <= 64);
    CHECK(parc_proc_drop(&p) == 0);
    CHECK(p.p == NULL);
    /* The last step's reply is made before its turn ends: the runner may
     * still hold the process for a moment, and reclaims it then. */
    double t0 = parc_test_now();
    while (!atomic_load(&a.finalized)) {
        CHECK(parc_test_now() - t0 < 30);
        sched_yield();
    }
    CHECK(a.sum == n * (n + 1) / 2);
    free(r);
    free(ord);
    printf("ok\n");
    return 0;
}
/* { dg-output "ok" } */
