/* ring.h: what the ring and spawn programs of parc share (the peers are in
 * Erlang and Go): the resident-memory probe.
 *
 * ring/<impl> N [M]: N processes in a ring pass a token M hops (default
 * 2,000,000). Prints time_s (the M hops), ns_per_op (per hop) and
 * bytes_per_proc (resident memory grown by making the N idle processes,
 * over N: what a program pays per process, headers and stacks included). */
#ifndef BENCH_RING_H
#define BENCH_RING_H

#include <stdio.h>
#include <unistd.h>

#define RING_HOPS 2000000L

/* Resident bytes of this process (/proc/self/statm, second field). */
static inline long bench_rss_bytes(void)
{
    long size = 0, resident = 0;
    FILE *f = fopen("/proc/self/statm", "r");
    if (f) {
        if (fscanf(f, "%ld %ld", &size, &resident) != 2)
            resident = 0;
        fclose(f);
    }
    return resident * sysconf(_SC_PAGESIZE);
}

#endif /* BENCH_RING_H */
