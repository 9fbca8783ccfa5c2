/* pin-gate.h: what the proc_pin_* tests share (payloads in flight as roots
 * of their sender's heap, docs/processes.md rule 4).
 *
 *   a gate      an actor that defers the reply of the message it gets; the
 *               receiver is sent that reply future first, so it parks on it
 *               and runs no step until gate_open(): every payload sent
 *               meanwhile waits in its mailbox, whatever the worker count;
 *   a receiver  contained, with no heap of its own (it never allocates):
 *               checks each payload's pattern, and the pattern of the
 *               object the payload points to, several times, and that
 *               each sender's payloads come in order;
 *   payloads    payload_send() makes a payload (parc_alloc, pointing to a
 *               parc_alloc_atomic tail) in the calling task's or step's
 *               heap, sends it and forgets it (noinline: no pointer to it
 *               is left in the caller's frame);
 *   poison()    allocates as much again of the same sizes and fills it
 *               with another pattern: memory a collection freed is reused
 *               and overwritten, so an unpinned payload reads wrong.
 *
 * Without pins a payload is collected by its sender's collection before
 * the receiver runs, and the receiver's CHECK fails (or it reads memory
 * given back to the OS: zeros).  */
#ifndef PIN_GATE_H
#define PIN_GATE_H

#include <parc.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>

#include "parc-test.h"

#define PIN_SENDERS_MAX 64
#define PIN_TAIL_WORDS 12
#define PIN_GATE_VALUE ((void *)(uintptr_t)0x6a7e)

struct pin_payload {
    uint64_t sender, seq;
    uint64_t mix[4];
    uint64_t *tail; /* reached only through the payload */
};

static inline uint64_t pin_word(uint64_t sender, uint64_t seq, int i)
{
    return parc_test_mix((sender << 40) ^ (seq << 6) ^ (uint64_t)i);
}

__attribute__((noinline)) static void payload_send(const parc_proc *to,
                                                   uint64_t sender,
                                                   uint64_t seq)
{
    struct pin_payload *p = parc_alloc(sizeof *p);
    CHECK(p != NULL);
    p->sender = sender;
    p->seq = seq;
    for (int i = 0; i < 4; i++)
        p->mix[i] = pin_word(sender, seq, i);
    CHECK((p->tail = parc_alloc_atomic(PIN_TAIL_WORDS * 8)) != NULL);
    for (int i = 0; i < PIN_TAIL_WORDS; i++)
        p->tail[i] = pin_word(sender, seq, 100 + i);
    CHECK(parc_proc_send(to, p, NULL) == 0);
}

/* n payloads' worth of the same sizes, overwritten, then dropped. */
__attribute__((noinline)) static void poison(long n)
{
    for (long k = 0; k < n; k++) {
        uint64_t *a = parc_alloc(sizeof(struct pin_payload));
        uint64_t *b = parc_alloc_atomic(PIN_TAIL_WORDS * 8);
        CHECK(a && b);
        for (size_t i = 0; i < sizeof(struct pin_payload) / 8; i++)
            a[i] = 0xdeadbeefdeadbeefull;
        for (int i = 0; i < PIN_TAIL_WORDS; i++)
            b[i] = 0xdeadbeefdeadbeefull;
    }
}

/* ---- the gate ---- */

static parc_reply pin_gate_reply; /* written by the gate's step */

static void *pin_gate_step(void *state, void *msg)
{
    (void)state;
    if (msg == PIN_GATE_VALUE) /* the closing message */
        CHECK(parc_proc_defer(&pin_gate_reply) == 0);
    return NULL;
}

/* Spawns the gate and parks the receiver *r on it. */
static inline void gate_close(parc_proc *gate, const parc_proc *r)
{
    parc_proc_opts actor = {.kind = PARC_PROC_ACTOR};
    parc_future closed, ran;
    CHECK(parc_proc_spawn(gate, pin_gate_step, NULL, &actor) == 0);
    CHECK(parc_proc_send(gate, PIN_GATE_VALUE, &closed) == 0);
    /* Steps run in order: once this one has, the reply is deferred. */
    CHECK(parc_proc_send(gate, NULL, &ran) == 0);
    CHECK(parc_future_join(&ran, NULL) == 0);
    CHECK(pin_gate_reply.promise != NULL);
    CHECK(parc_proc_send_future(r, &closed, NULL) == 0);
}

static inline void gate_open(parc_proc *gate)
{
    CHECK(parc_reply_give(&pin_gate_reply, PIN_GATE_VALUE) == 0);
    CHECK(parc_proc_drop(gate) == 0);
}

/* ---- the receiver ---- */

struct pin_rstate {
    uint64_t next[PIN_SENDERS_MAX]; /* each sender's next sequence number */
    long payloads, gates;
};

#define PIN_REPORT ((void *)(uintptr_t)0x7e9)

static void pin_check(const struct pin_payload *p)
{
    CHECK(p->sender < PIN_SENDERS_MAX);
    for (int i = 0; i < 4; i++)
        CHECK(p->mix[i] == pin_word(p->sender, p->seq, i));
    for (int i = 0; i < PIN_TAIL_WORDS; i++)
        CHECK(p->tail[i] == pin_word(p->sender, p->seq, 100 + i));
}

static void *pin_receive(void *state, void *msg)
{
    struct pin_rstate *s = state;
    if (msg == PIN_GATE_VALUE) {
        s->gates++;
        return NULL;
    }
    if (msg == PIN_REPORT)
        return (void *)(intptr_t)s->payloads;
    const struct pin_payload *p = msg;
    for (int k = 0; k < 4; k++) /* read again and again */
        pin_check(p);
    CHECK(p->seq == s->next[p->sender]);
    s->next[p->sender]++;
    s->payloads++;
    return NULL;
}

/* A receiver whose queue holds a round's payloads without pushback. */
static inline void receiver_spawn(parc_proc *r, struct pin_rstate *s)
{
    parc_proc_opts o = {.capacity = 1u << 20};
    CHECK(parc_proc_spawn(r, pin_receive, s, &o) == 0);
}

/* Payloads the receiver has checked, once all sent before are. */
static inline long receiver_report(const parc_proc *r)
{
    parc_future f;
    void *n;
    CHECK(parc_proc_send(r, PIN_REPORT, &f) == 0);
    CHECK(parc_future_join(&f, &n) == 0);
    return (long)(intptr_t)n;
}

#endif /* PIN_GATE_H */
