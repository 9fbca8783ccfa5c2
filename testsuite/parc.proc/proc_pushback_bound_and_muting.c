/* Area:	parc_proc_send pushback, actor muting
   Purpose:	A fast producer feeding a slow consumer stays within the
		consumer's capacity, checked on the runtime's own queue
		counters (parc_proc_stats_get's max_queued), not on RSS:
		(1) main sends to a contained consumer of capacity 16 and
		must help until there is room: at most 16 queued, ever;
		(2) an actor producer drives itself (it forwards a countdown
		to itself) and sends K messages to a consumer of capacity 16
		each step. It never waits, so without muting the queue would
		grow with every step; muted after a step that found the
		queue full, it adds at most that step's K: at most 16 + K.
		The producer's reply comes back once its countdown ends.
   Limitations:	none.  */

/* { dg-do run } */

#include <parc.h>
#include <stdint.h>

#include "parc-test.h"

#define CAP 16
#define K 3

static uint64_t slow_work(uint64_t x)
{
    for (int i = 0; i < 200; i++)
        x = parc_test_mix(x);
    return x;
}

struct consumer {
    long got;
    uint64_t sink;
};

static void *consume(void *state, void *msg)
{
    struct consumer *c = state;
    c->sink += slow_work((uint64_t)(uintptr_t)msg);
    c->got++;
    return NULL;
}

struct producer {
    parc_proc self, to;
    long sent;
};

static void *produce(void *state, void *msg)
{
    struct producer *p = state;
    long left = (long)(intptr_t)msg;
    for (int k = 0; k < K; k++) {
        CHECK(parc_proc_send(&p->to, (void *)(intptr_t)left, NULL) == 0);
        p->sent++;
    }
    if (left > 1)
        CHECK(parc_proc_forward(&p->self, (void *)(intptr_t)(left - 1)) == 0);
    return (void *)(intptr_t)p->sent;
}

static long count_of(parc_proc *h)
{
    parc_future f;
    void *v;
    CHECK(parc_proc_send(h, (void *)0, &f) == 0);
    CHECK(parc_future_join(&f, &v) == 0);
    return (long)(intptr_t)v;
}

static void *count_reply(void *state, void *msg)
{
    struct consumer *c = state;
    if (msg == NULL)
        return (void *)(intptr_t)c->got;
    return consume(state, msg);
}

int main(void)
{
    long n = parc_test_scaled(200000, 2000);
    parc_proc_opts o = {.capacity = CAP};
    parc_proc_stats st;

    /* (1) an ordinary sender helps */
    struct consumer c1 = {0};
    parc_proc h1;
    CHECK(parc_proc_spawn(&h1, count_reply, &c1, &o) == 0);
    for (long i = 1; i <= n; i++)
        CHECK(parc_proc_send(&h1, (void *)(intptr_t)i, NULL) == 0);
    CHECK(count_of(&h1) == n);
    CHECK(parc_proc_stats_get(&h1, &st) == 0);
    printf("ordinary sender: max_queued %llu of %u\n",
           (unsigned long long)st.max_queued, st.capacity);
    CHECK(st.max_queued <= CAP);
    CHECK(st.max_queued >= 1);
    CHECK(parc_proc_drop(&h1) == 0);

    /* (2) an actor is muted */
    struct consumer c2 = {0};
    parc_proc h2, hp;
    CHECK(parc_proc_spawn(&h2, count_reply, &c2, &o) == 0);
    struct producer p = {0};
    parc_proc_opts actor = {.kind = PARC_PROC_ACTOR, .capacity = CAP};
    CHECK(parc_proc_spawn(&hp, produce, &p, &actor) == 0);
    CHECK(parc_proc_copy(&hp, &p.self) == 0);
    CHECK(parc_proc_copy(&h2, &p.to) == 0);
    long steps = n / K;
    parc_future done;
    void *v;
    CHECK(parc_proc_send(&hp, (void *)(intptr_t)steps, &done) == 0);
    CHECK(parc_future_join(&done, &v) == 0);
    CHECK((long)(intptr_t)v == steps * K);
    CHECK(count_of(&h2) == steps * K);
    CHECK(parc_proc_stats_get(&h2, &st) == 0);
    printf("actor sender: max_queued %llu of %u\n",
           (unsigned long long)st.max_queued, st.capacity);
    CHECK(st.max_queued <= CAP + K);
    CHECK(parc_proc_drop(&p.self) == 0);
    CHECK(parc_proc_drop(&p.to) == 0);
    CHECK(parc_proc_drop(&hp) == 0);
    CHECK(parc_proc_drop(&h2) == 0);
    printf("ok\n");
    return 0;
}
/* { dg-output "ok" } */
