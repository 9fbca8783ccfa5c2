/* Area:	task heaps: a thread that is not a worker ends (heap.c's
		thread_ends)
   Purpose:	A thread that is not a worker allocates in a heap of its
		own, which nobody else collects. When the thread ends, what
		its heap holds that no registered root and no message in
		flight reaches must go back: 200 threads (scaled) that each
		make 1 MiB of objects, keep a list of them on their stack
		and end may grow the resident set by at most 16 MiB (each
		left 1.3 MiB behind before: 261 MiB for 200). What a root or
		a message reaches stays whole: one thread ends with an 8 MiB
		list reachable from a registered global only, another with a
		message whose payload lies in its heap queued for a process
		that is busy until the thread has ended; both are checked
		after many more threads came and went, and the payload by
		the step that receives it. Once the global is cleared, the
		next thread to end takes the list's heap with its own and
		gives it back: the resident set falls by at least 6 MiB.
   Limitations:	the resident set is not compared in the sanitizer builds,
		whose shadow memory is part of it.  */

/* { dg-do run } */

#include <parc.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>

#include "parc-test.h"
#include "parc-trees.h"

#define OBJS 1024 /* of 1 KiB: 1 MiB a thread */
#define OBJ 1024
#define KEPT 64   /* the list a message holds */
#define ROOTED 8192 /* the list a root holds: 8 MiB */

static struct parc_test_chained *rooted; /* a registered root */

static void *garbage_thread(void *arg)
{
    struct parc_test_chained *volatile l =
        parc_test_chain(OBJS, OBJ, (uint64_t)(uintptr_t)arg);
    parc_test_check_chain(l, OBJS, (uint64_t)(uintptr_t)arg);
    return NULL;
}

static void *rooting_thread(void *arg)
{
    (void)arg;
    parc_test_chain(OBJS, OBJ, 1); /* garbage beside it */
    rooted = parc_test_chain(ROOTED, OBJ, 7);
    return NULL;
}

/* The receiver: its first step waits until the sender has ended. */
static atomic_int sender_ended, payload_checked;

static void *receive(void *state, void *msg)
{
    (void)state;
    if (msg == NULL) {
        double t0 = parc_test_now();
        while (!atomic_load(&sender_ended)) {
            CHECK(parc_test_now() - t0 < 60);
            sched_yield();
        }
        return NULL;
    }
    parc_test_check_chain(msg, KEPT, 11);
    atomic_store(&payload_checked, 1);
    return NULL;
}

static parc_proc receiver;

static void *sending_thread(void *arg)
{
    (void)arg;
    parc_test_chain(OBJS, OBJ, 2);
    CHECK(parc_proc_send(&receiver, parc_test_chain(KEPT, OBJ, 11), NULL) ==
          0);
    return NULL;
}

static void run_thread(void *(*fn)(void *), void *arg)
{
    pthread_t t;
    CHECK(pthread_create(&t, NULL, fn, arg) == 0);
    CHECK(pthread_join(t, NULL) == 0);
}

int main(void)
{
    long n = parc_test_scaled(200, 40);
    CHECK(parc_root_add(&rooted, sizeof rooted) == 0);
    CHECK(parc_proc_spawn(&receiver, receive, NULL, NULL) == 0);
    CHECK(parc_proc_send(&receiver, NULL, NULL) == 0); /* keeps it busy */
    run_thread(rooting_thread, NULL);
    run_thread(sending_thread, NULL);
    atomic_store(&sender_ended, 1);
    double before = parc_test_peak_mib();
    for (long i = 0; i < n; i++)
        run_thread(garbage_thread, (void *)(uintptr_t)(1000 * i));
    double grew = parc_test_peak_mib() - before;
    parc_test_check_chain(rooted, ROOTED, 7);
    double t0 = parc_test_now();
    while (!atomic_load(&payload_checked)) {
        CHECK(parc_test_now() - t0 < 60);
        parc_future f;
        /* Joining a reply helps run the receiver at one worker. */
        CHECK(parc_proc_send(&receiver, (void *)NULL, &f) == 0);
        CHECK(parc_future_join(&f, NULL) == 0);
    }
    CHECK(parc_proc_drop(&receiver) == 0);
    rooted = NULL;
    double held = parc_test_resident_mib();
    run_thread(garbage_thread, NULL);
    double fell = held - parc_test_resident_mib();
    printf("%ld threads of 1 MiB: the resident set grew by %.1f MiB; it "
           "fell by %.1f MiB once the root was cleared\n",
           n, grew, fell);
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
    printf("not compared (a sanitizer's shadow memory)\n");
#else
    CHECK(grew < 16);
    CHECK(fell > 6);
#endif
    printf("ok\n");
    return 0;
}
/* { dg-output "ok" } */
