/* Area:	parc_future_copy, parc_future_join, parc_future_drop
   Purpose:	parc_future_copy makes another reference to the same call:
		every handle (the original, copies, copies of copies) joins
		to the same value, in any order, from any thread, and the
		call runs exactly once; dropping some handles does not
		disturb the others; copying a consumed handle gives EINVAL
		and leaves the output alone.
   Limitations:	none.  */

/* { dg-do run } */

#include <errno.h>
#include <parc.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>

#include "parc-test.h"

struct arg {
    long x;
    atomic_int runs;
};

static void *cube(void *p)
{
    struct arg *a = p;
    atomic_fetch_add_explicit(&a->runs, 1, memory_order_relaxed);
    return (void *)(intptr_t)(a->x * a->x * a->x);
}

struct joiner {
    parc_future h;
    long want;
};

static void *join_in_thread(void *p)
{
    struct joiner *j = p;
    void *v = NULL;
    CHECK(parc_future_join(&j->h, &v) == 0);
    CHECK((intptr_t)v == j->want);
    return NULL;
}

int main(void)
{
    long rounds = (long)(500 * parc_test_scale());
    if (rounds < 20)
        rounds = 20;
    for (long r = 0; r < rounds; r++) {
        struct arg a = {.x = r + 2};
        atomic_init(&a.runs, 0);
        long want = a.x * a.x * a.x;
        parc_future h, c1, c2, c3;
        int lazy = r & 1;
        CHECK((lazy ? parc_future_lazy : parc_future_fork)(&h, cube, &a, 0) ==
              0);
        CHECK(parc_future_copy(&h, &c1) == 0);
        CHECK(parc_future_copy(&c1, &c2) == 0); /* a copy of a copy */
        CHECK(parc_future_copy(&h, &c3) == 0);
        CHECK(c1.cell != h.cell && c2.cell != c1.cell);

        /* c3 is joined by another thread, c2 is dropped, the rest here in
         * an order that varies. */
        struct joiner j = {.h = c3, .want = want};
        pthread_t th;
        CHECK(pthread_create(&th, NULL, join_in_thread, &j) == 0);
        CHECK(parc_future_drop(&c2) == 0);
        void *v1 = NULL, *v2 = NULL;
        if (r & 2) {
            CHECK(parc_future_join(&c1, &v1) == 0);
            CHECK(parc_future_join(&h, &v2) == 0);
        } else {
            CHECK(parc_future_join(&h, &v2) == 0);
            CHECK(parc_future_join(&c1, &v1) == 0);
        }
        CHECK((intptr_t)v1 == want && (intptr_t)v2 == want);
        CHECK(pthread_join(th, NULL) == 0);
        CHECK(atomic_load_explicit(&a.runs, memory_order_relaxed) == 1);

        /* Every handle is consumed now. */
        parc_future out = {0};
        CHECK(parc_future_copy(&h, &out) == EINVAL);
        CHECK(parc_future_copy(&c2, &out) == EINVAL);
        CHECK(out.cell == NULL);
    }
    printf("ok\n");
    /* { dg-output "ok" } */
    return 0;
}
