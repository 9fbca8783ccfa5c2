/* throughput.h: what the throughput programs share: the argument (messages,
 * default 20,000,000), the batch (messages published at once) and the
 * report. One thread (worker) sends n messages of one 8-byte word to
 * another, which adds them up; the program checks the sum.
 *
 *   ns_per_op = kernel time / messages; the rate is 1e3 / ns_per_op
 *   million messages per second. */
#ifndef BENCH_THROUGHPUT_H
#define BENCH_THROUGHPUT_H

#include "../common.h"

#define THROUGHPUT_DEFAULT 20000000
#define THROUGHPUT_BATCH 64

static inline long throughput_arg(int argc, char **argv)
{
    return bench_arg(argc, argv, 1, THROUGHPUT_DEFAULT, THROUGHPUT_BATCH,
                     1L << 40);
}

/* The sum of the values 1..n the programs send. */
static inline uint64_t throughput_sum(long n)
{
    return (uint64_t)n * (uint64_t)(n + 1) / 2;
}

static inline void throughput_report(long n, double seconds)
{
    printf("workers=2\n");
    printf("ns_per_op=%.2f\n", seconds * 1e9 / (double)n);
    printf("mmsgs_per_s=%.1f\n", (double)n / seconds / 1e6);
    bench_report_time(seconds);
}

/* Checks the receiver's sum of the n values, then reports. */
static inline void throughput_finish(long n, uint64_t sum, double seconds)
{
    if (sum != throughput_sum(n))
        bench_fail("sum %llu, want %llu", (unsigned long long)sum,
                   (unsigned long long)throughput_sum(n));
    throughput_report(n, seconds);
}

#endif /* BENCH_THROUGHPUT_H */
