/* Area:	parc_fork, parc_join (threads that are not workers)
   Purpose:	While the workers run random fork trees started by main,
		four other pthreads fork trees of their own at the same
		time, in place; some of them also start after a delay and
		some exit early. Every tree on every thread must give the
		value of its serial walk.
   Limitations:	none.
   Forks:	about 600,000 * PARC_TEST_SCALE on the workers and about
		500,000 in place on the other threads.  */

/* { dg-do run } */

#include <parc.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include "parc-test.h"

#define THREADS 4

struct node {
    parc_frame f;
    uint64_t key;
    int depth;
    uint64_t value, forks;
};

static void node_par(struct node *n);

static void node_thunk(parc_frame *f) { node_par((struct node *)f); }

/* Up to 3 children, forked then joined in reverse. */
static void node_par(struct node *n)
{
    uint64_t h = parc_test_mix(n->key);
    n->forks = 0;
    if (n->depth == 0) {
        n->value = h;
        return;
    }
    int w = 1 + (int)(h % 3);
    struct node kids[3];
    for (int i = 0; i < w; i++) {
        kids[i] = (struct node){.key = h + (uint64_t)i, .depth = n->depth - 1};
        parc_fork(&kids[i].f, node_thunk);
    }
    for (int i = w; i-- > 0;)
        parc_join(&kids[i].f);
    for (int i = 0; i < w; i++) {
        h = parc_test_mix(h ^ kids[i].value);
        n->forks += 1 + kids[i].forks;
    }
    n->value = h;
}

static uint64_t node_ser(uint64_t key, int depth, uint64_t *forks)
{
    uint64_t h = parc_test_mix(key);
    if (depth == 0)
        return h;
    int w = 1 + (int)(h % 3);
    uint64_t kv[3];
    for (int i = 0; i < w; i++) {
        kv[i] = node_ser(h + (uint64_t)i, depth - 1, forks);
        ++*forks;
    }
    for (int i = 0; i < w; i++)
        h = parc_test_mix(h ^ kv[i]);
    return h;
}

/* Runs trees from seed until target forks; returns the forks made. */
static uint64_t run_trees(uint64_t seed, uint64_t target, int expect_id)
{
    uint64_t total = 0;
    while (total < target) {
        uint64_t key = parc_test_mix(seed++);
        int depth = 6 + (int)(key % 5);
        struct node root = {.key = key, .depth = depth};
        node_par(&root);
        uint64_t forks = 0;
        CHECK(root.value == node_ser(key, depth, &forks));
        CHECK(root.forks == forks);
        CHECK(parc_worker_id() == expect_id);
        total += forks;
    }
    return total;
}

struct job {
    uint64_t seed, target, done;
    long delay_ms;
};

static void *thread_main(void *arg)
{
    struct job *j = arg;
    struct timespec ts = {0, j->delay_ms * 1000 * 1000};
    nanosleep(&ts, NULL);
    j->done = run_trees(j->seed, j->target, -1);
    return NULL;
}

int main(void)
{
    uint64_t target = (uint64_t)(600000 * parc_test_scale());
    CHECK(parc_start() == 0);
    pthread_t th[THREADS];
    struct job jobs[THREADS];
    for (int i = 0; i < THREADS; i++) {
        /* Two long-running threads, one late, one short-lived. */
        jobs[i] = (struct job){.seed = 1000u * (unsigned)i,
                               .target = i == 3 ? target / 10 : target / 4,
                               .delay_ms = i == 2 ? 5 : 0};
        CHECK(pthread_create(&th[i], NULL, thread_main, &jobs[i]) == 0);
    }
    uint64_t mine = run_trees(77, target, 0);
    uint64_t theirs = 0;
    for (int i = 0; i < THREADS; i++) {
        CHECK(pthread_join(th[i], NULL) == 0);
        CHECK(jobs[i].done >= jobs[i].target);
        theirs += jobs[i].done;
    }
    printf("forks: workers=%llu in place=%llu\n", (unsigned long long)mine,
           (unsigned long long)theirs);
    printf("ok\n");
    /* { dg-output "ok" } */
    return 0;
}
