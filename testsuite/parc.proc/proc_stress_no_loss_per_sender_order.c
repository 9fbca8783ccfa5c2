/* Area:	parc_proc_send, parc_proc_forward (stress)
   Purpose:	No message is lost or duplicated and each sender's messages
		arrive in the order sent, under load: 64 contained receivers
		get messages from main, from three threads that are not
		workers, and from 16 actor relays (which pass on what main
		and the threads send them, so they send from workers, moving
		as they are stolen). 10^7 messages at scale 1 (the issue's
		figure), fewer at the default scale of CI. Each receiver
		checks that every sender's sequence numbers increase by one;
		at the end the totals must match what was sent.
   Limitations:	none.  */

/* { dg-do run } */

#include <parc.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>

#include "parc-test.h"

#define RECEIVERS 64
#define THREADS 4 /* main and three threads */
#define RELAYS 16
#define SENDERS (THREADS + RELAYS)

/* A message: the sender in the top bits, the receiver, then the sequence
 * number of this (sender, receiver) pair. 0 asks for the totals. */
#define MSG(s, r, q)                                                         \
    (1ull << 63 | (uint64_t)(s) << 48 | (uint64_t)(r) << 40 | (q))

struct receiver {
    uint64_t next[SENDERS]; /* the next sequence number expected */
    uint64_t got;
};

struct relay {
    parc_proc to[RECEIVERS];
    uint64_t seq[RECEIVERS];
    int id;
};

static parc_proc receivers[RECEIVERS], relays[RELAYS];
static struct receiver rstate[RECEIVERS];
static struct relay lstate[RELAYS];
static long per_thread;

static void *receive(void *state, void *msg)
{
    struct receiver *r = state;
    uint64_t m = (uint64_t)(uintptr_t)msg;
    if (m == 0)
        return (void *)(uintptr_t)r->got;
    unsigned s = (unsigned)(m >> 48) & 0x7fff;
    uint64_t q = m & ((1ull << 40) - 1);
    CHECK(s < SENDERS);
    CHECK(q == r->next[s]);
    r->next[s] = q + 1;
    r->got++;
    return NULL;
}

/* A relay gets a receiver's index and sends it its own next number. */
static void *relay(void *state, void *msg)
{
    struct relay *l = state;
    uint64_t m = (uint64_t)(uintptr_t)msg;
    if (m == 0)
        return NULL;
    unsigned r = (unsigned)(m - 1);
    CHECK(parc_proc_send(&l->to[r],
                         (void *)(uintptr_t)MSG(l->id, r, l->seq[r]++),
                         NULL) == 0);
    return NULL;
}

static uint64_t sent_direct[THREADS][RECEIVERS];
static atomic_ullong relayed;

static void sender(int t)
{
    uint64_t x = parc_test_mix((uint64_t)t + 1);
    uint64_t via = 0;
    for (long i = 0; i < per_thread; i++) {
        x = parc_test_mix(x);
        unsigned r = (unsigned)(x % RECEIVERS);
        if ((x >> 32) % 4 == 0) {
            unsigned l = (unsigned)((x >> 40) % RELAYS);
            CHECK(parc_proc_send(&relays[l], (void *)(uintptr_t)(r + 1),
                                 NULL) == 0);
            via++;
        } else {
            CHECK(parc_proc_send(&receivers[r],
                                 (void *)(uintptr_t)MSG(
                                     t, r, sent_direct[t][r]++),
                                 NULL) == 0);
        }
    }
    atomic_fetch_add(&relayed, via);
}

static void *thread_main(void *arg)
{
    sender((int)(intptr_t)arg);
    return NULL;
}

static void flush(parc_proc *p, void **v)
{
    parc_future f;
    CHECK(parc_proc_send(p, NULL, &f) == 0);
    CHECK(parc_future_join(&f, v) == 0);
}

int main(void)
{
    per_thread = parc_test_scaled(10000000, 4000) / THREADS;
    CHECK(parc_start() == 0);
    for (int r = 0; r < RECEIVERS; r++)
        CHECK(parc_proc_spawn(&receivers[r], receive, &rstate[r], NULL) ==
              0);
    parc_proc_opts actor = {.kind = PARC_PROC_ACTOR};
    for (int l = 0; l < RELAYS; l++) {
        lstate[l].id = THREADS + l;
        for (int r = 0; r < RECEIVERS; r++)
            CHECK(parc_proc_copy(&receivers[r], &lstate[l].to[r]) == 0);
        CHECK(parc_proc_spawn(&relays[l], relay, &lstate[l], &actor) == 0);
    }
    pthread_t th[THREADS];
    for (int t = 1; t < THREADS; t++)
        CHECK(pthread_create(&th[t], NULL, thread_main, (void *)(intptr_t)t) ==
              0);
    sender(0);
    for (int t = 1; t < THREADS; t++)
        CHECK(pthread_join(th[t], NULL) == 0);
    /* Everything sent so far precedes these in every mailbox. */
    void *v;
    for (int l = 0; l < RELAYS; l++)
        flush(&relays[l], &v);
    uint64_t got = 0;
    for (int r = 0; r < RECEIVERS; r++) {
        flush(&receivers[r], &v);
        got += (uint64_t)(uintptr_t)v;
        uint64_t want = 0;
        for (int t = 0; t < THREADS; t++) {
            CHECK(rstate[r].next[t] == sent_direct[t][r]);
            want += sent_direct[t][r];
        }
        for (int l = 0; l < RELAYS; l++) {
            CHECK(rstate[r].next[THREADS + l] == lstate[l].seq[r]);
            want += lstate[l].seq[r];
        }
        CHECK(rstate[r].got == want);
    }
    CHECK(got == (uint64_t)per_thread * THREADS);
    for (int l = 0; l < RELAYS; l++) {
        for (int r = 0; r < RECEIVERS; r++)
            CHECK(parc_proc_drop(&lstate[l].to[r]) == 0);
        CHECK(parc_proc_drop(&relays[l]) == 0);
    }
    for (int r = 0; r < RECEIVERS; r++)
        CHECK(parc_proc_drop(&receivers[r]) == 0);
    printf("ok %llu messages, %llu relayed\n", (unsigned long long)got,
           (unsigned long long)atomic_load(&relayed));
    return 0;
}
/* { dg-output "ok" } */
