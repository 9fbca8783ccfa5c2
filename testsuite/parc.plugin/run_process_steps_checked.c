/* Area:	contained process steps (gcc-steps.cc), run
   Purpose:	A program whose contained steps pass the plugin's check (one
		allocates its state in its heap, one is fed a future, the
		reply of another) and whose actor step sends, compiled with
		the plugin, runs with exact results.
   Limitations:	none.  */

/* { dg-do run } */
#include <parc.h>
#include <stdint.h>

#include "parc-test.h"

struct sum {
    long total, steps;
};

static void *add(void *state, void *msg)
{
    struct sum *s = state;
    if (!s) {
        s = parc_alloc(sizeof *s);
        CHECK(s && parc_proc_state_set(s) == 0);
    }
    s->total += (long)(intptr_t)msg;
    s->steps++;
    return (void *)(intptr_t)s->total;
}

static void *square(void *state, void *msg)
{
    (void)state;
    long v = (long)(intptr_t)msg;
    return (void *)(intptr_t)(v * v);
}

static parc_proc sink;

static void *relay(void *state, void *msg)
{
    (void)state;
    CHECK(parc_proc_send(&sink, msg, NULL) == 0);
    return msg;
}

int main(void)
{
    parc_proc a, sq, r;
    parc_proc_opts actor = {.kind = PARC_PROC_ACTOR};
    CHECK(parc_proc_spawn(&a, add, NULL, NULL) == 0);
    CHECK(parc_proc_spawn(&sq, square, NULL, NULL) == 0);
    CHECK(parc_proc_copy(&a, &sink) == 0);
    CHECK(parc_proc_spawn(&r, relay, NULL, &actor) == 0);
    long want = 0;
    for (long i = 1; i <= 100; i++) {
        parc_future f;
        CHECK(parc_proc_send(&sq, (void *)(intptr_t)i, &f) == 0);
        CHECK(parc_proc_send_future(&a, &f, NULL) == 0); /* i * i */
        CHECK(parc_proc_send(&r, (void *)(intptr_t)i, NULL) == 0); /* i */
        want += i * i + i;
    }
    parc_future last;
    void *v;
    CHECK(parc_proc_send(&r, (void *)0, &last) == 0);
    CHECK(parc_future_join(&last, NULL) == 0);
    CHECK(parc_proc_send(&a, (void *)0, &last) == 0);
    CHECK(parc_future_join(&last, &v) == 0);
    CHECK((long)(intptr_t)v == want);
    CHECK(parc_proc_drop(&r) == 0 && parc_proc_drop(&sq) == 0);
    CHECK(parc_proc_drop(&sink) == 0 && parc_proc_drop(&a) == 0);
    printf("ok\n");
    return 0;
}
/* { dg-output "ok" } */
