/* Area:	parc_fork, parc_pop (full deque)
   Purpose:	When a worker's deque is full (2^20 pending frames, the
		runtime's PARCINT_DEQUE_SLOTS), further forks run their
		thunk in place before parc_fork returns, on the forking
		worker, and their parc_pop returns 0 with the result in the
		frame. First every other worker is kept busy in a frame of
		its own (a "blocker", which sleeps until released), so no
		thief takes any of the 2^20 frames: joining them in reverse
		then pops every one that did not run in place.
   Limitations:	Knows the deque's capacity, an internal constant: if it
		grows, this test fails at the first in-place check and must
		follow it. Not scaled: it must fill the deque. With two or
		more workers, thieves must take the blockers within 10 s.
   Forks:	2^20 + 4,096 (at every scale).  */

/* { dg-do run } */

#include <parc.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "parc-test.h"

#define CAPACITY (1u << 20)
#define EXTRA 4096u

struct task {
    parc_frame f;
    uint32_t i;
    int ran_on; /* -2 until the thunk runs */
    uint64_t r;
};

static uint64_t value_of(uint32_t i) { return (uint64_t)i * i + 7; }

static void task_thunk(parc_frame *f)
{
    struct task *t = (struct task *)f;
    t->ran_on = parc_worker_id();
    t->r = value_of(t->i);
}

static atomic_int blocked, released;

static void blocker_thunk(parc_frame *f)
{
    (void)f;
    atomic_fetch_add_explicit(&blocked, 1, memory_order_relaxed);
    while (!atomic_load_explicit(&released, memory_order_relaxed)) {
        struct timespec ts = {0, 1000 * 1000};
        nanosleep(&ts, NULL);
    }
}

int main(void)
{
    uint32_t n = CAPACITY + EXTRA;
    struct task *t = malloc((size_t)n * sizeof *t);
    CHECK(t != NULL);
    CHECK(parc_start() == 0);
    CHECK(parc_worker_id() == 0);

    /* Occupy every other worker. */
    unsigned k = parc_workers() - 1;
    parc_frame *blockers = calloc(k + 1, sizeof *blockers);
    CHECK(blockers != NULL);
    for (unsigned b = 0; b < k; b++)
        parc_fork(&blockers[b], blocker_thunk);
    double t0 = parc_test_now();
    while (atomic_load_explicit(&blocked, memory_order_relaxed) < (int)k) {
        parc_poll();
        CHECK(parc_test_now() - t0 < 10.0);
    }

    /* The blockers fill the first k slots. */
    uint32_t room = CAPACITY - k;
    for (uint32_t i = 0; i < n; i++) {
        t[i].i = i;
        t[i].ran_on = -2;
        t[i].r = 0;
        parc_fork(&t[i].f, task_thunk);
        if (i >= room) {
            /* No room: the call ran here, before parc_fork returned. */
            CHECK(t[i].ran_on == 0);
            CHECK(t[i].r == value_of(i));
        } else {
            CHECK(t[i].ran_on == -2);
        }
    }
    for (uint32_t i = n; i-- > 0;) {
        int popped = parc_pop(&t[i].f);
        CHECK(popped == (i < room));
        if (popped) {
            CHECK(t[i].ran_on == -2);
            task_thunk(&t[i].f);
        }
        CHECK(t[i].ran_on == 0);
        CHECK(t[i].r == value_of(i));
    }

    atomic_store_explicit(&released, 1, memory_order_relaxed);
    for (unsigned b = k; b-- > 0;)
        CHECK(parc_pop(&blockers[b]) == 0);
    free(blockers);
    free(t);
    printf("forks=%u in place=%u\n", n + k, n - room);
    printf("ok\n");
    /* { dg-output "ok" } */
    return 0;
}
