/* common.h: what every program in bench/ shares.
 *
 * Each program
 *   - takes its size as argv[1] (a default when absent),
 *   - starts its runtime (parc_start, an OpenMP warm-up region, a TBB warm-up)
 *     before the clock starts, so that thread creation is not kernel time,
 *   - runs the kernel once between bench_now() calls,
 *   - checks its own result and exits 1 on a wrong one (bench_fail),
 *   - prints key=value lines; bench/run reads time_s= and any extra keys a
 *     benchmark names (ns_per_op=, ...), and checks workers= against what it
 *     asked for.
 *
 * The worker count comes from the environment: PARC_WORKERS (libparc reads it),
 * OMP_NUM_THREADS (OpenMP reads it) and BENCH_WORKERS (the TBB programs read it
 * through bench_workers()). bench/run sets all three.
 *
 * Plain C99 and C++ both compile this file (tbb.cc includes it).
 */
#ifndef BENCH_COMMON_H
#define BENCH_COMMON_H

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

/* The kernel of each program is a function of this name that the compiler
 * neither inlines nor clones under another name, so that `valgrind
 * --tool=callgrind --toggle-collect=bench_kernel` counts the kernel's
 * instructions (what it calls included) and nothing of process start-up
 * (bench/run --callgrind and the forkcost benchmark rely on it). */
#if defined(__clang__)
#define BENCH_KERNEL __attribute__((noinline)) bench_kernel
#else
#define BENCH_KERNEL __attribute__((noinline, noclone)) bench_kernel
#endif

/* Seconds on CLOCK_MONOTONIC: the same clock on every CPU, so a time taken on
 * one worker can be subtracted from a time taken on another (steal, wake). */
static inline double bench_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* The kernel time, the one figure bench/run takes from a program. */
static inline void bench_report_time(double seconds)
{
    printf("time_s=%.6f\n", seconds);
    fflush(stdout);
}

/* Reports a wrong result (or an unusable set-up) and exits 1. */
static inline void bench_fail(const char *fmt, ...)
    __attribute__((noreturn, format(printf, 1, 2)));
static inline void bench_fail(const char *fmt, ...)
{
    va_list ap;
    fflush(stdout);
    fputs("bench: FAILED: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    exit(1);
}

/* argv[i] as a long in [lo, hi], or def when absent. */
static inline long bench_arg(int argc, char **argv, int i, long def, long lo,
                             long hi)
{
    if (argc <= i)
        return def;
    char *end;
    long v = strtol(argv[i], &end, 10);
    if (*argv[i] == '\0' || *end != '\0' || v < lo || v > hi)
        bench_fail("argument %d '%s' is not an integer in [%ld, %ld]", i,
                   argv[i], lo, hi);
    return v;
}

/* $BENCH_WORKERS, or 0 when unset (the caller's runtime then picks). */
static inline int bench_workers(void)
{
    const char *s = getenv("BENCH_WORKERS");
    if (s == NULL || *s == '\0')
        return 0;
    int n = atoi(s);
    if (n < 1)
        bench_fail("BENCH_WORKERS='%s' is not a positive integer", s);
    return n;
}

/* splitmix64 (Steele, Lea, Flood 2014): a seedable generator for inputs and an
 * order-independent hash for checksums. */
static inline uint64_t bench_mix64(uint64_t z)
{
    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return z ^ (z >> 31);
}

static inline uint64_t bench_rand64(uint64_t *state)
{
    *state += UINT64_C(0x9e3779b97f4a7c15);
    return bench_mix64(*state);
}

#endif /* BENCH_COMMON_H */
