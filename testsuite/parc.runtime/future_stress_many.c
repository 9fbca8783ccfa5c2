/* Area:	parc_future_* (stress)
   Purpose:	100,000 futures (scaled) made by main and three pthreads at
		once, in batches of 500: eager, lazy, or lazy then par'd;
		0 to 2 copies each; every handle then joined (in a random
		order) or dropped. Each join returns the future's value,
		and every call, joined or wholly dropped, runs exactly once
		(checked at exit, after the runtime has drained the futures
		that were dropped).
   Limitations:	none.  */

/* { dg-do run } */

#include <parc.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "parc-test.h"

#define THREADS 4
#define BATCH 500

struct arg {
    uint64_t key;
    atomic_int runs;
};

static struct arg *args;
static long total;

static void *call(void *p)
{
    struct arg *a = p;
    atomic_fetch_add_explicit(&a->runs, 1, memory_order_relaxed);
    return (void *)(uintptr_t)(parc_test_mix(a->key) & 0xffffffffu);
}

static void run_batches(long first, long count, uint64_t seed)
{
    static _Thread_local parc_future h[3 * BATCH];
    static _Thread_local int owner[3 * BATCH];
    for (long base = first; base < first + count; base += BATCH) {
        long n = first + count - base < BATCH ? first + count - base : BATCH;
        int nh = 0;
        for (long i = 0; i < n; i++) {
            struct arg *a = &args[base + i];
            uint64_t r = parc_test_mix(seed++);
            a->key = r;
            parc_future f;
            switch (r % 3) {
            case 0:
                CHECK(parc_future_fork(&f, call, a, 0) == 0);
                break;
            case 1:
                CHECK(parc_future_lazy(&f, call, a, 0) == 0);
                break;
            default:
                CHECK(parc_future_lazy(&f, call, a, 0) == 0);
                CHECK(parc_future_par(&f) == 0);
            }
            int copies = (int)((r >> 8) % 3);
            for (int c = 0; c < copies; c++) {
                CHECK(parc_future_copy(&f, &h[nh]) == 0);
                owner[nh++] = (int)i;
            }
            h[nh] = f;
            owner[nh++] = (int)i;
        }
        for (int i = nh - 1; i > 0; i--) { /* shuffle the handles */
            int j = (int)(parc_test_mix(seed++) % (uint64_t)(i + 1));
            parc_future t = h[i];
            h[i] = h[j];
            h[j] = t;
            int o = owner[i];
            owner[i] = owner[j];
            owner[j] = o;
        }
        for (int k = 0; k < nh; k++) {
            struct arg *a = &args[base + owner[k]];
            if ((parc_test_mix(seed++) & 3) == 0) {
                CHECK(parc_future_drop(&h[k]) == 0);
            } else {
                void *v = NULL;
                CHECK(parc_future_join(&h[k], &v) == 0);
                CHECK((uintptr_t)v == (parc_test_mix(a->key) & 0xffffffffu));
                CHECK(atomic_load_explicit(&a->runs, memory_order_relaxed) ==
                      1);
            }
        }
    }
}

struct slice {
    long first, count;
    uint64_t seed;
};

static void *thread_main(void *p)
{
    struct slice *s = p;
    run_batches(s->first, s->count, s->seed);
    return NULL;
}

static void at_exit(void)
{
    for (long i = 0; i < total; i++)
        CHECK(atomic_load_explicit(&args[i].runs, memory_order_relaxed) == 1);
    printf("futures=%ld\n", total);
    printf("ok\n");
    /* { dg-output "ok" } */
    fflush(stdout);
}

int main(void)
{
    total = (long)(100000 * parc_test_scale());
    if (total < 4 * BATCH)
        total = 4 * BATCH;
    args = calloc((size_t)total, sizeof *args);
    CHECK(args != NULL);
    CHECK(atexit(at_exit) == 0);
    CHECK(parc_start() == 0);
    struct slice s[THREADS];
    pthread_t th[THREADS];
    long per = total / THREADS;
    for (int t = 0; t < THREADS; t++) {
        s[t].first = t * per;
        s[t].count = t == THREADS - 1 ? total - t * per : per;
        s[t].seed = 0xabcdef00u + 7919u * (unsigned)t;
    }
    for (int t = 1; t < THREADS; t++)
        CHECK(pthread_create(&th[t], NULL, thread_main, &s[t]) == 0);
    run_batches(s[0].first, s[0].count, s[0].seed);
    for (int t = 1; t < THREADS; t++)
        CHECK(pthread_join(th[t], NULL) == 0);
    return 0;
}
