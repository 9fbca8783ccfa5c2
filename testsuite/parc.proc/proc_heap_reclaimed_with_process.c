/* Area:	process heaps: reclaim
   Purpose:	A process's heap is made at its first allocation and freed
		when the process is reclaimed. Processes that never allocate
		have none (parc_proc_heaps_get counts 0 heaps); each of N
		processes that allocate large and small objects has one; the
		bytes they hold are at least what they keep; once every
		process is dropped and its queue finished (its fini ran),
		the counters are back to 0 heaps and 0 bytes. fini sees the
		state in the heap still whole.
   Limitations:	none.  */

/* { dg-do run } */

#include <parc.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdint.h>

#include "parc-test.h"

#define BIG (300 * 1024) /* over a chunk: a large object's run */

struct st {
    char *big;
    long steps;
};

static atomic_long finis;

static void *alloc_step(void *state, void *msg)
{
    struct st *s = state;
    (void)msg;
    if (!s) {
        CHECK((s = parc_alloc(sizeof *s)) != NULL);
        CHECK((s->big = parc_alloc_atomic(BIG)) != NULL);
        s->big[BIG - 1] = 7;
        CHECK(parc_proc_state_set(s) == 0);
    }
    s->steps++;
    CHECK(parc_alloc(64) != NULL);
    return NULL;
}

static void fini(void *state)
{
    struct st *s = state;
    CHECK(s && s->big[BIG - 1] == 7 && s->steps == 4);
    atomic_fetch_add(&finis, 1);
}

static void *idle_step(void *state, void *msg)
{
    (void)state;
    return msg;
}

int main(void)
{
    int n = (int)parc_test_scaled(64, 8);
    parc_proc *ps = calloc((size_t)n, sizeof *ps);
    CHECK(ps != NULL);
    parc_proc_heaps hs;
    parc_proc_opts o = {.fini = fini};
    /* Processes that never allocate have no heap. */
    for (int i = 0; i < n; i++) {
        parc_future f;
        CHECK(parc_proc_spawn(&ps[i], idle_step, NULL, NULL) == 0);
        CHECK(parc_proc_send(&ps[i], (void *)1, &f) == 0);
        CHECK(parc_future_join(&f, NULL) == 0);
    }
    CHECK(parc_proc_heaps_get(&hs) == 0 && hs.heaps == 0 && hs.bytes == 0);
    for (int i = 0; i < n; i++)
        CHECK(parc_proc_drop(&ps[i]) == 0);

    for (int i = 0; i < n; i++)
        CHECK(parc_proc_spawn(&ps[i], alloc_step, NULL, &o) == 0);
    for (int k = 0; k < 3; k++)
        for (int i = 0; i < n; i++) {
            parc_future f;
            CHECK(parc_proc_send(&ps[i], NULL, &f) == 0);
            CHECK(parc_future_join(&f, NULL) == 0);
        }
    CHECK(parc_proc_heaps_get(&hs) == 0);
    CHECK(hs.heaps == (uint64_t)n);
    CHECK(hs.bytes >= (uint64_t)n * BIG);
    /* Dropped with a message perhaps still queued: reclaimed after it. */
    for (int i = 0; i < n; i++) {
        CHECK(parc_proc_send(&ps[i], NULL, NULL) == 0);
        CHECK(parc_proc_drop(&ps[i]) == 0);
    }
    /* Joining a reply helps run processes (at one worker only main
     * runs them). */
    parc_proc sync;
    CHECK(parc_proc_spawn(&sync, idle_step, NULL, NULL) == 0);
    double t0 = parc_test_now();
    while (atomic_load(&finis) < n) {
        parc_future f;
        CHECK(parc_test_now() - t0 < 60);
        CHECK(parc_proc_send(&sync, NULL, &f) == 0);
        CHECK(parc_future_join(&f, NULL) == 0);
        sched_yield();
    }
    CHECK(parc_proc_drop(&sync) == 0);
    /* fini runs before the heap goes: wait for the counters too. */
    parc_test_proc_heaps_gone();
    free(ps);
    printf("ok\n");
    return 0;
}
/* { dg-output "ok" } */
