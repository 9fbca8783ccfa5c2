/* pingpong.h: what the pingpong programs share: the argument (round trips,
 * default 200,000) and the report. Each program bounces a counter between two
 * threads (two workers for parc) and checks that every round trip came back
 * with the value it sent plus one.
 *
 *   ns_per_op = kernel time / round trips: one message each way. */
#ifndef BENCH_PINGPONG_H
#define BENCH_PINGPONG_H

#include "../common.h"

#define PINGPONG_DEFAULT 200000

static inline long pingpong_arg(int argc, char **argv)
{
    return bench_arg(argc, argv, 1, PINGPONG_DEFAULT, 1, 1L << 40);
}

static inline void pingpong_report(long ops, double seconds)
{
    printf("workers=2\n");
    printf("ns_per_op=%.1f\n", seconds * 1e9 / (double)ops);
    bench_report_time(seconds);
}

#endif /* BENCH_PINGPONG_H */
