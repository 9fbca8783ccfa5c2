/* Area:	process heaps: the state as the heap's root, moves
   Purpose:	A process keeps its state in its own heap: the first step
		allocates it and makes it the state (parc_proc_state_set),
		every step prepends a node (parc_alloc) to a list it holds,
		and allocates garbage besides, so that the heap is collected
		many times (at every allocation under PARC_GC_STRESS=3).
		The state is the heap's only root between steps: a node
		kept by nothing else would be reused by a later allocation,
		which the checks of the whole list (every 64 steps and at
		the end) would see. The process is made to run on worker 0
		and on others (as in proc_moves_between_workers_keep_order),
		so its heap moves between workers with it.
		parc_proc_heaps_get counts its heap while it lives and none
		once it is dropped.
   Limitations:	none.  */

/* { dg-do run } */
/* { dg-parc-env PARC_GC_STRESS 3 } */

#include <parc.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdint.h>
#include <string.h>

#include "parc-test.h"

#define ROUNDS 12
#define BATCH 40

struct node {
    struct node *next;
    long v;
    uint64_t check;
};

struct st {
    struct node *head;
    long n;
    int ran_on_0, ran_elsewhere;
};

static atomic_long done;

static void check_list(const struct st *s)
{
    long want = s->n - 1;
    for (const struct node *k = s->head; k; k = k->next, want--) {
        CHECK(k->v == want);
        CHECK(k->check == parc_test_mix((uint64_t)want));
    }
    CHECK(want == -1);
}

static void *step(void *state, void *msg)
{
    struct st *s = state;
    if (!s) {
        s = parc_alloc(sizeof *s);
        CHECK(s != NULL);
        CHECK(parc_proc_state_set(s) == 0);
    }
    CHECK((long)(intptr_t)msg == s->n);
    struct node *k = parc_alloc(sizeof *k);
    CHECK(k != NULL);
    /* Garbage between the list's nodes: collections have work to do. */
    char *junk = parc_alloc_atomic(3000);
    CHECK(junk != NULL);
    memset(junk, 0xa5, 3000);
    k->v = s->n++;
    k->check = parc_test_mix((uint64_t)k->v);
    k->next = s->head;
    s->head = k;
    if (s->n % 64 == 0)
        check_list(s);
    if (parc_worker_id() == 0)
        s->ran_on_0 = 1;
    else
        s->ran_elsewhere = 1;
    atomic_fetch_add(&done, 1);
    return (void *)(intptr_t)parc_worker_id();
}

/* The last step: the list whole, and where the process ran. */
static void *final_step(void *state, void *msg)
{
    (void)msg;
    const struct st *s = state;
    check_list(s);
    return (void *)(intptr_t)(s->ran_on_0 + 2 * s->ran_elsewhere);
}

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

static void *dispatch(void *state, void *msg)
{
    return msg == (void *)-1 ? final_step(state, msg) : step(state, msg);
}

int main(void)
{
    CHECK(parc_start() == 0);
    unsigned nw = parc_workers();
    int rounds = (int)parc_test_scaled(ROUNDS, 3);
    parc_proc_heaps hs;
    CHECK(parc_proc_heaps_get(&hs) == 0 && hs.heaps == 0 && hs.bytes == 0);
    parc_proc p;
    CHECK(parc_proc_spawn(&p, dispatch, NULL, NULL) == 0);
    long sent = 0;
    static struct hold h[PARC_MAX_WORKERS];
    for (int r = 0; r < rounds; r++) {
        if (nw >= 2) {
            /* Elsewhere: main waits without helping. */
            long want = sent + BATCH;
            for (int i = 0; i < BATCH; i++)
                CHECK(parc_proc_send(&p, (void *)(intptr_t)sent++, NULL) == 0);
            double t0 = parc_test_now();
            while (atomic_load(&done) < want) {
                CHECK(parc_test_now() - t0 < 120);
                sched_yield();
            }
            /* Then on worker 0 only: every other worker holds a frame. */
            atomic_store(&held, 0);
            atomic_store(&release, 0);
            for (unsigned k = 0; k + 1 < nw; k++)
                parc_fork(&h[k].f, hold_thunk);
            t0 = parc_test_now();
            while (atomic_load(&held) < (int)nw - 1) {
                CHECK(parc_test_now() - t0 < 60);
                parc_poll();
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
    CHECK(parc_proc_heaps_get(&hs) == 0);
    CHECK(hs.heaps == 1 && hs.bytes > 0);
    parc_future f;
    void *where;
    CHECK(parc_proc_send(&p, (void *)-1, &f) == 0);
    CHECK(parc_future_join(&f, &where) == 0);
    CHECK((intptr_t)where & 1);
    if (nw >= 2)
        CHECK((intptr_t)where & 2);
    CHECK(parc_proc_drop(&p) == 0);
    /* Reclaimed, heap and all, by the drop or by its runner (the reply is
     * given before the runner's turn ends). */
    parc_test_proc_heaps_gone();
    printf("ok\n");
    return 0;
}
/* { dg-output "ok" } */
