/* Area:	process heaps: payloads and replies
   Purpose:	(1) A step keeps a payload by parc_copy into its own heap:
		main sends parc_alloc_atomic buffers, waits for each reply,
		then overwrites the buffer and lets its own heap reuse it;
		the copies the process kept (in a list rooted by its state)
		are checked at the end, after many collections
		(PARC_GC_STRESS=2). (2) A step's reply that is a
		parc_alloc_atomic object of the process's heap reaches the
		joiner as a copy in the joiner's heap: main checks its bytes
		after the process has collected its heap many times, and the
		copy is not the process's object; the same when the reply
		is a future message of another contained process, which
		keeps it in its own heap; and when the process that made
		the reply is reclaimed, heap and all, before the join. (3)
		A reply in the heap
		that may hold pointers is refused: the joiner gets NULL.
		(4) parc_proc_state_set outside a step is EPERM.
   Limitations:	none.  */

/* { dg-do run } */
/* { dg-parc-env PARC_GC_STRESS 2 } */

#include <errno.h>
#include <parc.h>
#include <stdatomic.h>
#include <stdint.h>
#include <string.h>

#include "parc-test.h"

#define LEN 200

struct kept {
    struct kept *next;
    unsigned char *copy;
    long seq;
};
struct st {
    struct kept *head;
    long n;
};
struct msg {
    int op; /* 0: keep the payload; 1: reply with a fresh object; 2: a
               reply that may hold pointers; 3: check what was kept */
    long seq;
    unsigned char *payload;
};

static void fill(unsigned char *b, long seq)
{
    for (int i = 0; i < LEN; i++)
        b[i] = (unsigned char)(parc_test_mix((uint64_t)(seq * LEN + i)) | 1);
}

static int same(const unsigned char *b, long seq)
{
    unsigned char want[LEN];
    fill(want, seq);
    return memcmp(b, want, LEN) == 0;
}

static void *step(void *state, void *arg)
{
    struct st *s = state;
    const struct msg *m = arg;
    if (!s) {
        CHECK((s = parc_alloc(sizeof *s)) != NULL);
        CHECK(parc_proc_state_set(s) == 0);
    }
    switch (m->op) {
    case 0: {
        struct kept *k = parc_alloc(sizeof *k);
        CHECK(k != NULL);
        CHECK((k->copy = parc_copy(m->payload)) != NULL);
        CHECK(k->copy != m->payload);
        k->seq = m->seq;
        k->next = s->head;
        s->head = k;
        s->n++;
        return NULL;
    }
    case 1: {
        unsigned char *r = parc_alloc_atomic(LEN);
        CHECK(r != NULL);
        fill(r, m->seq);
        return r;
    }
    case 2:
        return parc_alloc(LEN);
    default: {
        long n = 0, want = s->n - 1;
        for (struct kept *k = s->head; k; k = k->next, want--, n++) {
            CHECK(k->seq == want);
            CHECK(same(k->copy, k->seq));
        }
        return (void *)(intptr_t)n;
    }
    }
}

/* The other process: keeps each message (a reply of the first, copied
 * into this heap at the turn's join) in a list rooted by its state. */
static void *collect(void *state, void *msg)
{
    struct st *s = state;
    if (!s) {
        CHECK((s = parc_alloc(sizeof *s)) != NULL);
        CHECK(parc_proc_state_set(s) == 0);
    }
    if (msg == NULL) { /* check */
        long n = 0, want = 2000000 + s->n - 1;
        for (struct kept *k = s->head; k; k = k->next, want--, n++)
            CHECK(same(k->copy, want));
        return (void *)(intptr_t)n;
    }
    struct kept *k = parc_alloc(sizeof *k);
    CHECK(k != NULL);
    k->copy = msg;
    k->next = s->head;
    s->head = k;
    s->n++;
    for (int j = 0; j < 4; j++) /* garbage: collections */
        CHECK(parc_alloc_atomic(LEN) != NULL);
    return NULL;
}

static atomic_int gone;
static void note_gone(void *state)
{
    (void)state;
    atomic_store(&gone, 1);
}

int main(void)
{
    long n = parc_test_scaled(400, 40);
    CHECK(parc_proc_state_set(NULL) == EPERM);
    parc_proc p;
    CHECK(parc_proc_spawn(&p, step, NULL, NULL) == 0);
    parc_future f;
    void *v;
    for (long i = 0; i < n; i++) {
        unsigned char *b = parc_alloc_atomic(LEN);
        CHECK(b != NULL);
        fill(b, i);
        struct msg m = {0, i, b};
        CHECK(parc_proc_send(&p, &m, &f) == 0);
        CHECK(parc_future_join(&f, &v) == 0);
        /* The payload is the sender's again: spoil it, and let main's
         * heap take its cell back. */
        memset(b, 0, LEN);
        b = NULL;
        parc_gc_collect();
        for (int j = 0; j < 8; j++)
            memset(parc_alloc_atomic(LEN), 0xee, LEN);
    }
    /* Replies: copies in main's heap, checked after later steps. */
    long nr = n / 4 + 1;
    /* Held in an object of main's heap: the process's collections, which
     * may scan main's stack (at one worker main runs the steps), do not
     * look into main's objects, so only the copy keeps a reply alive. */
    unsigned char **got = parc_alloc((size_t)nr * sizeof *got);
    CHECK(got != NULL);
    for (long i = 0; i < nr; i++) {
        struct msg m = {1, 1000000 + i, NULL};
        CHECK(parc_proc_send(&p, &m, &f) == 0);
        CHECK(parc_future_join(&f, &v) == 0);
        got[i] = v;
        CHECK(got[i] != NULL);
    }
    for (long i = 0; i < nr; i++)
        CHECK(same(got[i], 1000000 + i));
    /* Replies as future messages of another process. */
    parc_proc q;
    CHECK(parc_proc_spawn(&q, collect, NULL, NULL) == 0);
    struct msg *ms = malloc((size_t)nr * sizeof *ms);
    CHECK(ms != NULL);
    for (long i = 0; i < nr; i++) {
        ms[i] = (struct msg){1, 2000000 + i, NULL};
        CHECK(parc_proc_send(&p, &ms[i], &f) == 0);
        CHECK(parc_proc_send_future(&q, &f, NULL) == 0);
    }
    CHECK(parc_proc_send(&q, NULL, &f) == 0);
    CHECK(parc_future_join(&f, &v) == 0);
    CHECK((long)(intptr_t)v == nr);
    CHECK(parc_proc_drop(&q) == 0);
    free(ms);
    /* A reply outlives its process and the process's heap. */
    parc_proc t, sync;
    parc_proc_opts fo = {.fini = note_gone};
    CHECK(parc_proc_spawn(&t, step, NULL, &fo) == 0);
    CHECK(parc_proc_spawn(&sync, collect, NULL, NULL) == 0);
    struct msg late = {1, 3000000, NULL};
    CHECK(parc_proc_send(&t, &late, &f) == 0);
    CHECK(parc_proc_drop(&t) == 0);
    double t0 = parc_test_now();
    while (!atomic_load(&gone)) { /* joining helps run processes */
        parc_future s;
        CHECK(parc_test_now() - t0 < 60);
        CHECK(parc_proc_send(&sync, NULL, &s) == 0);
        CHECK(parc_future_join(&s, NULL) == 0);
    }
    for (int j = 0; j < 64; j++) /* chunks the heap gave back, reused */
        memset(parc_alloc_atomic(4000), 0x5a, 4000);
    CHECK(parc_future_join(&f, &v) == 0);
    CHECK(v != NULL && same(v, 3000000));
    CHECK(parc_proc_drop(&sync) == 0);
    struct msg bad = {2, 0, NULL};
    CHECK(parc_proc_send(&p, &bad, &f) == 0);
    CHECK(parc_future_join(&f, &v) == 0);
    CHECK(v == NULL);
    struct msg chk = {3, 0, NULL};
    CHECK(parc_proc_send(&p, &chk, &f) == 0);
    CHECK(parc_future_join(&f, &v) == 0);
    CHECK((long)(intptr_t)v == n);
    CHECK(parc_proc_drop(&p) == 0);
    printf("ok\n");
    return 0;
}
/* { dg-output "ok" } */
