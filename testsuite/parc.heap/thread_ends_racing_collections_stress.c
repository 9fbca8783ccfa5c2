/* Area:	task heaps: threads ending at once (heap.c's thread_ends and
		its orphan heap)
   Purpose:	Eight threads that are not workers run at a time, round
		after round; each makes garbage, joins a future that makes
		some too, checks the list that the thread of its slot in the
		previous round left in a registered array, and leaves a new
		list of its own there before it ends. So threads end while
		others allocate and collect, and every end takes the orphan
		heap (what the lists of ended threads keep), merges it into
		its own, collects and leaves what stays as the next orphan:
		a list lost or freed early is found by the next round's
		check (the keys are the thread's own), and the sanitizer
		builds see the ends race with everything else. Main
		allocates meanwhile, and checks every slot at the end.
   Limitations:	none.  */

/* { dg-do run } */

#include <parc.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

#include "parc-test.h"
#include "parc-trees.h"

#define THREADS 8
#define LIST 32
#define OBJ 64

/* Registered: slot i holds the list of the last thread of slot i. */
static struct parc_test_chained *slots[THREADS];

static uint64_t seed_of(long round, long slot)
{
    return ((uint64_t)round << 16) | ((uint64_t)slot << 8);
}

static void *future_garbage(void *arg)
{
    parc_test_chain(2048, OBJ, (uint64_t)(uintptr_t)arg); /* 128 KiB */
    return arg;
}

struct job {
    long round, slot;
};

static void *thread_body(void *arg)
{
    struct job *j = arg;
    parc_test_chain(4096, OBJ, 99); /* 256 KiB of garbage */
    parc_future f;
    void *v;
    CHECK(parc_future_fork(&f, future_garbage, (void *)(uintptr_t)j->slot,
                           0) == 0);
    CHECK(parc_future_join(&f, &v) == 0 && v == (void *)(uintptr_t)j->slot);
    if (j->round > 0)
        parc_test_check_chain(slots[j->slot], LIST,
                              seed_of(j->round - 1, j->slot));
    slots[j->slot] = parc_test_chain(LIST, OBJ, seed_of(j->round, j->slot));
    return NULL;
}

int main(void)
{
    long rounds = parc_test_scaled(200, 8);
    CHECK(parc_root_add(slots, sizeof slots) == 0);
    struct parc_test_chained *mine = parc_test_chain(LIST, OBJ, 12345);
    for (long r = 0; r < rounds; r++) {
        pthread_t t[THREADS];
        struct job jobs[THREADS];
        for (long i = 0; i < THREADS; i++) {
            jobs[i] = (struct job){r, i};
            CHECK(pthread_create(&t[i], NULL, thread_body, &jobs[i]) == 0);
        }
        parc_test_chain(1024, OBJ, 7); /* main's garbage while they run */
        for (long i = 0; i < THREADS; i++)
            CHECK(pthread_join(t[i], NULL) == 0);
    }
    for (long i = 0; i < THREADS; i++)
        parc_test_check_chain(slots[i], LIST, seed_of(rounds - 1, i));
    parc_test_check_chain(mine, LIST, 12345);
    printf("%ld rounds of %d threads\n", rounds, THREADS);
    printf("ok\n");
    return 0;
}
/* { dg-output "ok" } */
