/* Area:	parc_future_fork, parc_future_join, parc_future_copy,
		parc_future_drop
   Purpose:	Check that a forked future's join returns the call's value,
		that a copy makes a second reference and both references join to
		the same value, that futures join in any order, and that a handle
		once consumed (joined or dropped) is answered with EINVAL.
   Limitations:	The dropped future is not checked to run: with one worker it
		may only run after main returns.  */

/* { dg-do run } */

#include <errno.h>
#include <parc.h>
#include <stdint.h>

#include "parc-test.h"

static void *
square(void *arg)
{
    intptr_t x = (intptr_t)arg;
    return (void *)(x * x);
}

int
main(void)
{
    parc_future h, h2;
    void *v;

    /* fork and join */
    CHECK(parc_future_fork(&h, square, (void *)7, 0) == 0);
    v = NULL;
    CHECK(parc_future_join(&h, &v) == 0);
    CHECK((intptr_t)v == 49);
    CHECK(parc_future_join(&h, &v) == EINVAL);

    /* copy, then join both references */
    CHECK(parc_future_fork(&h, square, (void *)9, 0) == 0);
    CHECK(parc_future_copy(&h, &h2) == 0);
    v = NULL;
    CHECK(parc_future_join(&h2, &v) == 0);
    CHECK((intptr_t)v == 81);
    v = NULL;
    CHECK(parc_future_join(&h, &v) == 0);
    CHECK((intptr_t)v == 81);
    CHECK(parc_future_join(&h2, NULL) == EINVAL);

    /* join without taking the value */
    CHECK(parc_future_fork(&h, square, (void *)3, 0) == 0);
    CHECK(parc_future_join(&h, NULL) == 0);

    /* drop: the handle is consumed */
    CHECK(parc_future_fork(&h, square, (void *)5, 0) == 0);
    CHECK(parc_future_drop(&h) == 0);
    CHECK(parc_future_join(&h, &v) == EINVAL);
    CHECK(parc_future_drop(&h) == EINVAL);

    /* many futures, joined odd ones first, then even ones backwards */
    long n = parc_test_scaled(1000, 50);
    parc_future *fs = malloc((size_t)n * sizeof *fs);
    CHECK(fs != NULL);
    for (long i = 0; i < n; i++)
        CHECK(parc_future_fork(&fs[i], square, (void *)(intptr_t)i, 0) == 0);
    for (long i = 1; i < n; i += 2) {
        CHECK(parc_future_join(&fs[i], &v) == 0);
        CHECK((intptr_t)v == i * i);
    }
    for (long i = (n - 1) / 2 * 2; i >= 0; i -= 2) {
        CHECK(parc_future_join(&fs[i], &v) == 0);
        CHECK((intptr_t)v == i * i);
    }
    free(fs);

    printf("future ok\n");
    /* { dg-output "future ok" } */
    return 0;
}
