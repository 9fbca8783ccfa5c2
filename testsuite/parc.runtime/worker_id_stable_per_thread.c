/* Area:	parc_worker_id, parc_workers (in stolen frames)
   Purpose:	In every frame, wherever it runs, parc_worker_id() is in
		[0, parc_workers()), a worker id always names the same
		thread and a thread always has the same id (so ids and
		worker threads correspond one to one), and main, which
		started the runtime, is worker 0. With two or more workers,
		frames run on at least two of them.
   Limitations:	With two or more workers, thieves must take a frame within
		10 s.
   Forks:	at least 100 * 4,094 * PARC_TEST_SCALE.  */

/* { dg-do run } */

#include <parc.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include "parc-test.h"

/* The thread behind each id, as the address of a thread-local variable. */
static _Atomic uintptr_t thread_of[PARC_MAX_WORKERS];
static _Thread_local int my_id = -2; /* the id this thread had first */
static atomic_int ids_seen;

static void note_id(void)
{
    int id = parc_worker_id();
    CHECK(id >= 0 && (unsigned)id < parc_workers());
    if (my_id == -2)
        my_id = id;
    CHECK(my_id == id);
    uintptr_t me = (uintptr_t)&my_id, seen = 0;
    if (atomic_compare_exchange_strong_explicit(&thread_of[id], &seen, me,
                                                memory_order_relaxed,
                                                memory_order_relaxed))
        atomic_fetch_add_explicit(&ids_seen, 1, memory_order_relaxed);
    else
        CHECK(seen == me);
}

struct call {
    parc_frame f;
    int depth;
};

static void thunk(parc_frame *f);

static void spread(int depth)
{
    note_id();
    if (depth == 0)
        return;
    struct call a = {.depth = depth - 1}, b = {.depth = depth - 1};
    parc_fork(&a.f, thunk);
    parc_fork(&b.f, thunk);
    parc_join(&b.f);
    note_id();
    parc_join(&a.f);
    note_id();
}

static void thunk(parc_frame *f) { spread(((struct call *)f)->depth); }

int main(void)
{
    long rounds = (long)(100 * parc_test_scale());
    if (rounds < 10)
        rounds = 10;
    CHECK(parc_start() == 0);
    CHECK(parc_worker_id() == 0);
    time_t t0 = time(NULL);
    for (long i = 0;
         i < rounds ||
         (parc_workers() > 1 &&
          atomic_load_explicit(&ids_seen, memory_order_relaxed) < 2);
         i++) {
        spread(11);
        CHECK(time(NULL) - t0 < 10);
    }
    CHECK(my_id == 0);
    CHECK(atomic_load_explicit(&thread_of[0], memory_order_relaxed) ==
          (uintptr_t)&my_id);
    int seen = atomic_load_explicit(&ids_seen, memory_order_relaxed);
    CHECK(seen >= 1 && (unsigned)seen <= parc_workers());
    CHECK(parc_workers() == 1 || seen >= 2);
    printf("ids seen=%d of %u\n", seen, parc_workers());
    printf("ok\n");
    /* { dg-output "ok" } */
    return 0;
}
