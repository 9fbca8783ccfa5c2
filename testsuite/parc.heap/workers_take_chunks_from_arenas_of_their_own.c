/* Area:	chunk arenas (chunk.c)
   Purpose:	Two tasks on two workers allocate in lockstep: each takes
		STEP bytes of objects (kept live through a registered root
		array), then waits for the other to do the same, STEPS times,
		so both heaps grow at the same moments. Each worker's chunks
		come from an arena of its own, so the 256 KiB chunks the two
		tasks' objects lie in do not interleave: every chunk of one
		lies below every chunk of the other. With one first-fit
		frontier for all threads they alternated chunk by chunk, and a
		minor collection needed a written-page scan (a system call and
		a TLB flush on every CPU) per chunk instead of per run.
		Every object's contents are checked at the end.
   Limitations:	not in the sanitizer builds, whose shadow memory may
		shrink the reservation below two arenas (chunk.c).  */

/* { dg-do run } */
/* { dg-parc-sanitizers "none" } */

#include <parc.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>

#include "parc-test.h"

#define OBJ 4000                   /* parc_alloc_atomic: no pointers */
#define STEP ((size_t)256 << 10)   /* a chunk's worth a step */
#define STEPS 48                   /* 12 MiB a task */
#define PER_STEP (STEP / OBJ)
#define PER_TASK (STEPS * PER_STEP)

static char *objs[2][PER_TASK];
static _Atomic int steps_done[2];

struct task {
    parc_frame f;
    int me;
};

/* Waits, answering thieves, until the other task has done `step` steps. */
static void wait_for(int other, int step)
{
    double t0 = parc_test_now();
    /* acquire: nothing is read from the other task; the order only paces. */
    while (atomic_load_explicit(&steps_done[other], memory_order_acquire) < step) {
        parc_poll();
        sched_yield();
        CHECK(parc_test_now() - t0 < 60.0); /* the other task never ran */
    }
}

static void run(parc_frame *f)
{
    int me = ((struct task *)f)->me;
    size_t n = 0;
    for (int s = 0; s < STEPS; s++) {
        wait_for(!me, s);
        for (size_t i = 0; i < PER_STEP; i++) {
            char *o = parc_alloc_atomic(OBJ);
            CHECK(o != NULL);
            o[0] = (char)me;
            o[OBJ - 1] = (char)(s + 1);
            objs[me][n++] = o;
        }
        /* release: pairs with wait_for's acquire (pacing only). */
        atomic_store_explicit(&steps_done[me], s + 1, memory_order_release);
    }
}

int main(void)
{
    CHECK(parc_set_workers(2) == 0);
    CHECK(parc_root_add(objs, sizeof objs) == 0);
    struct task a = {.me = 1}, b = {.me = 0};
    parc_fork(&a.f, run); /* stolen by the other worker while b waits */
    run(&b.f);
    parc_join(&a.f);

    uintptr_t lo[2] = {UINTPTR_MAX, UINTPTR_MAX}, hi[2] = {0, 0};
    for (int t = 0; t < 2; t++)
        for (size_t i = 0; i < PER_TASK; i++) {
            char *o = objs[t][i];
            CHECK(o[0] == (char)t && o[OBJ - 1] == (char)(i / PER_STEP + 1));
            uintptr_t c = (uintptr_t)o >> 18;
            if (c < lo[t])
                lo[t] = c;
            if (c > hi[t])
                hi[t] = c;
        }
    printf("task 0: chunks %#lx..%#lx; task 1: chunks %#lx..%#lx\n",
           (unsigned long)lo[0], (unsigned long)hi[0], (unsigned long)lo[1],
           (unsigned long)hi[1]);
    CHECK(hi[0] < lo[1] || hi[1] < lo[0]);
    return 0;
}
