/* Area:	parc_proc_spawn at scale, parc_proc_size
   Purpose:	A million processes (scaled) live at once, each sent one
		message and dropped; every one runs its step and its
		finalizer exactly once. An idle process with its empty queue
		costs parc_proc_size() bytes, at most 256 (the issue's
		bound), with no per-object header (type-stable slabs).
   Limitations:	none.  */

/* { dg-do run } */

#include <parc.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>

#include "parc-test.h"

static atomic_long stepped, finalized;

static void *step(void *state, void *msg)
{
    unsigned char *seen = state;
    CHECK(msg == (void *)seen);
    CHECK(*seen == 0);
    *seen = 1;
    atomic_fetch_add(&stepped, 1); /* release: main reads seen[] after */
    return NULL;
}

static void fini(void *state)
{
    unsigned char *seen = state;
    CHECK(*seen == 1);
    *seen = 2;
    atomic_fetch_add(&finalized, 1); /* release: main reads seen[] after */
}

int main(void)
{
    long n = parc_test_scaled(1000000, 10000);
    printf("process size %zu bytes\n", parc_proc_size());
    CHECK(parc_proc_size() <= 256);
    unsigned char *seen = calloc((size_t)n, 1);
    parc_proc *h = malloc(sizeof *h * (size_t)n);
    CHECK(seen && h);
    parc_proc_opts o = {.capacity = 4, .fini = fini};
    for (long i = 0; i < n; i++)
        CHECK(parc_proc_spawn(&h[i], step, &seen[i], &o) == 0);
    for (long i = 0; i < n; i++)
        CHECK(parc_proc_send(&h[i], &seen[i], NULL) == 0);
    for (long i = 0; i < n; i++)
        CHECK(parc_proc_drop(&h[i]) == 0);
    /* Wait, helping, for the finalizers. */
    parc_future f;
    unsigned char t = 0;
    double t0 = parc_test_now();
    while (atomic_load(&finalized) < n) {
        CHECK(parc_test_now() - t0 < 120);
        parc_proc tmp;
        t = 0;
        CHECK(parc_proc_spawn(&tmp, step, &t, NULL) == 0);
        CHECK(parc_proc_send(&tmp, &t, &f) == 0);
        CHECK(parc_future_join(&f, NULL) == 0);
        CHECK(parc_proc_drop(&tmp) == 0);
    }
    CHECK(atomic_load(&stepped) >= n);
    for (long i = 0; i < n; i++)
        CHECK(seen[i] == 2);
    free(seen);
    free(h);
    printf("ok\n");
    return 0;
}
/* { dg-output "ok" } */
