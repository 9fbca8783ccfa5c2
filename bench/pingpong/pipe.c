/* pingpong/pipe: round trips between two threads through two pipes (8 bytes
 * written and read each way): the kernel's wake-up path. Usage:
 * pingpong/pipe [round trips]. */
#include <pthread.h>
#include <unistd.h>

#include "pingpong.h"

static int to_b[2], to_a[2];
static long ops;

static void put(int fd, uint64_t v)
{
    if (write(fd, &v, sizeof v) != (ssize_t)sizeof v)
        bench_fail("write");
}

static uint64_t get(int fd)
{
    uint64_t v;
    if (read(fd, &v, sizeof v) != (ssize_t)sizeof v)
        bench_fail("read");
    return v;
}

static void *bouncer(void *arg)
{
    (void)arg;
    for (long i = 0; i < ops + 1000; i++)
        put(to_a[1], get(to_b[0]) + 1);
    return NULL;
}

static uint64_t rounds(long n, uint64_t v)
{
    for (long i = 0; i < n; i++) {
        put(to_b[1], v);
        uint64_t r = get(to_a[0]);
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
    if (pipe(to_b) || pipe(to_a))
        bench_fail("pipe");
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
