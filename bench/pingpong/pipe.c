/* pingpong/pipe: round trips between two threads through two pipes (8 bytes
 * written and read each way): the kernel's wake-up path. Usage:
 * pingpong/pipe [round trips]. */
#include <stdint.h>
#include <unistd.h>

#include "../common.h"

static int to_b[2], to_a[2];

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

static void pp_bounce(void) { put(to_a[1], get(to_b[0]) + 1); }

static uint64_t pp_exchange(uint64_t v)
{
    put(to_b[1], v);
    return get(to_a[0]);
}

#include "pingpong-threads.h"

int main(int argc, char **argv)
{
    if (pipe(to_b) || pipe(to_a))
        bench_fail("pipe");
    return pingpong_threads(argc, argv);
}
