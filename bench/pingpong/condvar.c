/* pingpong/condvar: round trips between two threads through one mutex and
 * two condition variables (a turn flag each way): the textbook blocking
 * hand-off. Usage: pingpong/condvar [round trips]. */
#include <pthread.h>

#include "pingpong.h"

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t to_b_cv = PTHREAD_COND_INITIALIZER;
static pthread_cond_t to_a_cv = PTHREAD_COND_INITIALIZER;
static int to_b_full, to_a_full; /* under lock */
static uint64_t to_b_val, to_a_val;
static long ops;

static void *bouncer(void *arg)
{
    (void)arg;
    for (long i = 0; i < ops + 1000; i++) {
        pthread_mutex_lock(&lock);
        while (!to_b_full)
            pthread_cond_wait(&to_b_cv, &lock);
        to_b_full = 0;
        to_a_val = to_b_val + 1;
        to_a_full = 1;
        pthread_cond_signal(&to_a_cv);
        pthread_mutex_unlock(&lock);
    }
    return NULL;
}

static uint64_t rounds(long n, uint64_t v)
{
    for (long i = 0; i < n; i++) {
        pthread_mutex_lock(&lock);
        to_b_val = v;
        to_b_full = 1;
        pthread_cond_signal(&to_b_cv);
        while (!to_a_full)
            pthread_cond_wait(&to_a_cv, &lock);
        to_a_full = 0;
        uint64_t r = to_a_val;
        pthread_mutex_unlock(&lock);
        if (r != v + 1)
            bench_fail("got %llu, want %llu", (unsigned long long)r,
                       (unsigned long long)v + 1);
        v = r + 1;
    }
    return v;
}

static uint64_t BENCH_KERNEL(long n, uint64_t v) { return rounds(n, v); }

int main(int argc, char **argv)
{
    ops = pingpong_arg(argc, argv);
    pthread_t th;
    if (pthread_create(&th, NULL, bouncer, NULL))
        bench_fail("pthread_create");
    uint64_t v = rounds(1000, 0);
    double t0 = bench_now();
    v = bench_kernel(ops, v);
    double t = bench_now() - t0;
    pthread_join(th, NULL);
    if (v != 2 * (uint64_t)(ops + 1000))
        bench_fail("value %llu", (unsigned long long)v);
    pingpong_report(ops, t);
    return 0;
}
