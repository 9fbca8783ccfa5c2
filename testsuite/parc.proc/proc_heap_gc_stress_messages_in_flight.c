/* Area:	process heaps: collections racing with messages
   Purpose:	Many senders -- actor processes, each keeping the payloads
		it sends in its own heap (a list rooted by its state), and
		main, keeping its own in an array of its heap -- send
		parc_alloc_atomic payloads to one contained receiver, while
		every heap is collected at every allocation
		(PARC_GC_STRESS=1) on whichever worker runs its owner. The
		receiver parc_copys each payload into its heap and checks
		it: the bytes intact, each sender's sequence in order,
		nothing twice; at the end every payload of every sender was
		received once, and the copies it kept are still whole.
   Limitations:	none.  */

/* { dg-do run } */
/* { dg-parc-env PARC_GC_STRESS 1 } */

#include <parc.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdint.h>
#include <string.h>

#include "parc-test.h"

#define SENDERS 8 /* actor senders; main is sender SENDERS */
#define PER_STEP 16

struct payload {
    uint32_t sender;
    uint32_t seq;
    uint64_t mix[3];
};

static uint64_t mixed(uint32_t sender, uint32_t seq, int i)
{
    return parc_test_mix(((uint64_t)sender << 40) ^ ((uint64_t)seq << 2) ^
                         (uint64_t)i);
}

static struct payload *make(uint32_t sender, uint32_t seq)
{
    struct payload *p = parc_alloc_atomic(sizeof *p);
    CHECK(p != NULL);
    p->sender = sender;
    p->seq = seq;
    for (int i = 0; i < 3; i++)
        p->mix[i] = mixed(sender, seq, i);
    return p;
}

static int whole(const struct payload *p)
{
    for (int i = 0; i < 3; i++)
        if (p->mix[i] != mixed(p->sender, p->seq, i))
            return 0;
    return 1;
}

/* ---- the receiver (contained) ---- */

struct rnode {
    struct rnode *next;
    struct payload *copy;
};
struct rstate {
    uint32_t next[SENDERS + 1];
    struct rnode *head;
    long n;
};

#define REPORT ((void *)1)

static void *receive(void *state, void *msg)
{
    struct rstate *s = state;
    if (!s) {
        CHECK((s = parc_alloc(sizeof *s)) != NULL);
        CHECK(parc_proc_state_set(s) == 0);
    }
    if (msg == REPORT) {
        /* Newest first: each sender's copies count down to 0. */
        uint32_t want[SENDERS + 1];
        memcpy(want, s->next, sizeof want);
        long n = 0;
        for (struct rnode *k = s->head; k; k = k->next, n++) {
            CHECK(whole(k->copy));
            CHECK(k->copy->sender <= SENDERS);
            CHECK(k->copy->seq + 1 == want[k->copy->sender]);
            want[k->copy->sender]--;
        }
        for (int i = 0; i <= SENDERS; i++)
            CHECK(want[i] == 0);
        CHECK(n == s->n);
        return (void *)(intptr_t)n;
    }
    const struct payload *p = msg;
    CHECK(whole(p));
    CHECK(p->sender <= SENDERS);
    CHECK(p->seq == s->next[p->sender]); /* in order, none lost or twice */
    s->next[p->sender]++;
    struct rnode *k = parc_alloc(sizeof *k);
    CHECK(k != NULL);
    CHECK((k->copy = parc_copy(p)) != NULL);
    k->next = s->head;
    s->head = k;
    s->n++;
    return NULL;
}

/* ---- the senders (actors) ---- */

struct snode {
    struct snode *next;
    struct payload *sent;
};
struct sstate {
    parc_proc to; /* the receiver (a handle of its own) */
    uint32_t id, seq;
    struct snode *kept;
};
struct sinit {
    parc_proc to;
    uint32_t id;
};

static void *send_some(void *state, void *msg)
{
    struct sstate *s = state;
    if (!s) {
        const struct sinit *in = msg;
        CHECK((s = parc_alloc(sizeof *s)) != NULL);
        s->to = in->to;
        s->id = in->id;
        CHECK(parc_proc_state_set(s) == 0);
        return NULL;
    }
    for (int i = 0; i < PER_STEP; i++) {
        /* Kept until the end: the receiver reads it some time later. */
        struct snode *k = parc_alloc(sizeof *k);
        CHECK(k != NULL);
        k->sent = make(s->id, s->seq++);
        k->next = s->kept;
        s->kept = k;
        CHECK(parc_proc_send(&s->to, k->sent, NULL) == 0);
        CHECK(parc_alloc_atomic(100) != NULL); /* garbage */
    }
    return NULL;
}

static void fini_sender(void *state)
{
    struct sstate *s = state;
    CHECK(parc_proc_drop(&s->to) == 0);
}

int main(void)
{
    long steps = parc_test_scaled(40, 4);
    long mine = steps * PER_STEP;
    parc_proc r, snd[SENDERS];
    CHECK(parc_proc_spawn(&r, receive, NULL, NULL) == 0);
    parc_proc_opts actor = {.kind = PARC_PROC_ACTOR, .fini = fini_sender};
    for (uint32_t i = 0; i < SENDERS; i++) {
        struct sinit in = {{0}, i};
        parc_future f;
        CHECK(parc_proc_copy(&r, &in.to) == 0);
        CHECK(parc_proc_spawn(&snd[i], send_some, NULL, &actor) == 0);
        CHECK(parc_proc_send(&snd[i], &in, &f) == 0);
        CHECK(parc_future_join(&f, NULL) == 0);
    }
    /* main's payloads live in its heap, held by an object of its heap. */
    struct payload **held = parc_alloc((size_t)mine * sizeof *held);
    CHECK(held != NULL);
    long sent = 0;
    for (long k = 0; k < steps; k++) {
        for (uint32_t i = 0; i < SENDERS; i++)
            CHECK(parc_proc_send(&snd[i], NULL, NULL) == 0);
        for (int j = 0; j < PER_STEP; j++, sent++) {
            held[sent] = make(SENDERS, (uint32_t)sent);
            CHECK(parc_proc_send(&r, held[sent], NULL) == 0);
        }
    }
    /* Every sender's steps are done once a reply from each comes back;
     * then the receiver's report comes after all they sent. */
    for (uint32_t i = 0; i < SENDERS; i++) {
        parc_future f;
        CHECK(parc_proc_send(&snd[i], NULL, &f) == 0);
        CHECK(parc_future_join(&f, NULL) == 0);
    }
    parc_future f;
    void *n;
    CHECK(parc_proc_send(&r, REPORT, &f) == 0);
    CHECK(parc_future_join(&f, &n) == 0);
    CHECK((long)(intptr_t)n == mine + SENDERS * (steps + 1) * PER_STEP);
    for (uint32_t i = 0; i < SENDERS; i++)
        CHECK(parc_proc_drop(&snd[i]) == 0);
    CHECK(parc_proc_drop(&r) == 0);
    printf("ok\n");
    return 0;
}
/* { dg-output "ok" } */
