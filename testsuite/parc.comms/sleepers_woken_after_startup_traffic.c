/* Area:	the sleep protocol against message alerts (pool.c, comms.c)
   Purpose:	A worker that takes messages before its first sleep, with
		senders alerting it while it does, still wakes for every
		later message. Each of 96 child processes (scaled) starts 16
		workers and at once sends each worker a message whose
		handler sends the next worker a burst, so that start-up
		intakes and alerts overlap; once every burst has arrived
		(the workers then go to sleep), worker 0 sends each worker a
		ping, which must be taken. A child that does not finish
		within 10 s has lost a wake-up (a receiver asleep beside its
		ping); before the sleep check cleared a stale alert whether
		the worker had been looking or not, about 1 child in 50 hung
		here (with the targeted wake of pool.c; waking every sleeper
		hid it).
   Limitations:	Uses the runtime's internal headers; a statistical test
		(a correct runtime always passes).  */

/* { dg-do run } */
/* { dg-parc-workers "16" } */

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "comms-test.h"

#define BURST 64

static unsigned nw;
static _Atomic long bursts, pings;

static void on_data(parcint_worker *w, const parcint_msg *m)
{
    (void)w;
    (void)m;
    /* release: pairs with ct_await's acquire. */
    atomic_fetch_add_explicit(&bursts, 1, memory_order_release);
}

static void on_ping(parcint_worker *w, const parcint_msg *m)
{
    CHECK(m->data[0] == w->id);
    /* release: pairs with ct_await's acquire. */
    atomic_fetch_add_explicit(&pings, 1, memory_order_release);
}

static void burst(parcint_worker *w, void *arg)
{
    (void)arg;
    for (unsigned i = 0; i < BURST; i++) {
        uint64_t d = i;
        CHECK(parcint_comms_send(w, (w->id + 1) % nw, CT_DATA, &d, sizeof d) ==
              0);
    }
}

static int child(void)
{
    alarm(10); /* a lost wake-up hangs: SIGALRM ends the child */
    ct_register();
    CHECK(parcint_comms_handle(CT_DATA, on_data) == 0);
    CHECK(parcint_comms_handle(CT_OTHER, on_ping) == 0);
    parcint_worker *w = ct_start();
    nw = parc_workers();
    for (unsigned r = 1; r < nw; r++)
        ct_run_on(w, r, burst, NULL);
    burst(w, NULL);
    ct_await(w, &bursts, (long)nw * BURST);
    /* Let every worker finish its idle rounds and sleep. */
    usleep(20000);
    for (unsigned r = 1; r < nw; r++) {
        uint64_t d = r;
        CHECK(parcint_comms_send(w, r, CT_OTHER, &d, sizeof d) == 0);
    }
    ct_await(w, &pings, (long)nw - 1);
    return 0;
}

int main(void)
{
    long children = parc_test_scaled(96, 8);
    unsigned hung = 0;
    for (long i = 0; i < children; i++) {
        fflush(stdout);
        pid_t pid = fork();
        CHECK(pid >= 0);
        if (pid == 0)
            _exit(child());
        int status;
        CHECK(waitpid(pid, &status, 0) == pid);
        if (WIFSIGNALED(status) && WTERMSIG(status) == SIGALRM)
            hung++;
        else
            CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    }
    if (hung)
        printf("%u of %ld children lost a wake-up\n", hung, children);
    CHECK(hung == 0);
    printf("ok\n");
    /* { dg-output "ok" } */
    return 0;
}
