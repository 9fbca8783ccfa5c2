/* Area:	actor muting, the deadlock rule for cycles
   Purpose:	Eight actors in a cycle, capacity 4 each; every step sends
		two messages to the next actor until a budget of sends is
		spent, so every queue is soon full and every actor's sends
		find a full receiver. The rule: a process whose own queue is
		full is never muted (and a send that fills a muted process's
		queue unmutes it), so the cycle cannot stall with everyone
		muted. All messages are processed: checked at exit, after the
		runtime's exit drain (every message sent before exit is
		processed), by a handler registered before the runtime
		started (atexit runs it after the runtime's). Main waits for
		the budget to be spent while sending to a contained process
		of capacity 1, which makes it help run the actors.
   Limitations:	none.  */

/* { dg-do run } */

#include <parc.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#include "parc-test.h"

#define N 8
#define CAP 4

struct actor {
    parc_proc next;
    long steps;
};

static struct actor actors[N];
static atomic_long budget, sent, stepped;
static long initial;

static void *step(void *state, void *msg)
{
    struct actor *a = state;
    (void)msg;
    a->steps++;
    atomic_fetch_add_explicit(&stepped, 1, memory_order_relaxed);
    for (int k = 0; k < 2; k++)
        if (atomic_fetch_sub_explicit(&budget, 1, memory_order_relaxed) > 0) {
            CHECK(parc_proc_send(&a->next, NULL, NULL) == 0);
            atomic_fetch_add_explicit(&sent, 1, memory_order_relaxed);
        }
    return NULL;
}

static void *nothing(void *state, void *msg)
{
    (void)state;
    (void)msg;
    return NULL;
}

static void check_at_exit(void)
{
    long want = initial + atomic_load(&sent);
    long got = atomic_load(&stepped);
    long per = 0;
    for (int i = 0; i < N; i++)
        per += actors[i].steps;
    if (got != want || per != want) {
        fprintf(stderr, "stepped %ld (per actor %ld), want %ld\n", got, per,
                want);
        _exit(1);
    }
    printf("ok %ld steps\n", got);
    fflush(stdout);
}

int main(void)
{
    atexit(check_at_exit); /* before the runtime's: runs after its drain */
    atomic_store(&budget, parc_test_scaled(1000000, 10000));
    parc_proc h[N];
    parc_proc_opts o = {.kind = PARC_PROC_ACTOR, .capacity = CAP};
    for (int i = 0; i < N; i++)
        CHECK(parc_proc_spawn(&h[i], step, &actors[i], &o) == 0);
    for (int i = 0; i < N; i++)
        CHECK(parc_proc_copy(&h[(i + 1) % N], &actors[i].next) == 0);
    initial = N * CAP;
    for (int i = 0; i < N; i++)
        for (int k = 0; k < CAP; k++)
            CHECK(parc_proc_send(&h[i], NULL, NULL) == 0);
    /* Help until the budget is spent: each send to a full queue of
     * capacity 1 runs other work first. */
    parc_proc tick;
    parc_proc_opts one = {.capacity = 1};
    CHECK(parc_proc_spawn(&tick, nothing, NULL, &one) == 0);
    double t0 = parc_test_now();
    while (atomic_load(&budget) > 0) {
        CHECK(parc_proc_send(&tick, NULL, NULL) == 0);
        CHECK(parc_test_now() - t0 < 120);
    }
    CHECK(parc_proc_drop(&tick) == 0);
    for (int i = 0; i < N; i++)
        CHECK(parc_proc_drop(&h[i]) == 0);
    /* The actors' own handles of each other keep them alive until exit. */
    return 0;
}
/* { dg-output "ok" } */
