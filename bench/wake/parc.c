/* wake: how long an idle, sleeping worker takes to start a newly forked frame,
 * with the hand API of parc.h.
 *
 * Each sample: worker 0 (the main thread) sleeps for a gap long enough that
 * the other workers run out of things to try and go to sleep; it then notes
 * whether any other thread of the process is still running (from
 * /proc/self/task/N/stat), reads CLOCK_MONOTONIC, forks a frame whose thunk
 * reads the clock again wherever it runs, and waits, polling, up to 100 ms for
 * a thief to run it (else it runs the frame itself). The sample is the
 * difference of the two clock reads.
 *
 *   ns_per_op  = median over stolen samples;  mean_ns, p90_ns, max_ns beside;
 *   stolen_pct = samples a thief ran (the rest the owner ran after 100 ms);
 *   asleep_pct = samples at whose fork no other thread was running: below 100
 *                the gap was too short for this runtime's idle policy, and the
 *                figure is partly a steal from a spinning thief.
 *
 * Usage: wake/parc [samples [gap_us]] (defaults 50 and 20,000). */
#include <dirent.h>
#include <parc.h>
#include <stdatomic.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "../common.h"

struct probe {
    parc_frame f;
    double t_start;
    _Atomic int ran; /* 1 + the worker id that ran the thunk, 0 before */
};

static void probe_thunk(parc_frame *f)
{
    struct probe *p = (struct probe *)f;
    p->t_start = bench_now();
    /* release: pairs with the acquire load in bench_kernel's wait loop, so
     * that the owner sees t_start */
    atomic_store_explicit(&p->ran, parc_worker_id() + 1, memory_order_release);
}

/* 1 when no thread of this process but the caller is running or runnable. */
static int others_asleep(void)
{
    DIR *d = opendir("/proc/self/task");
    if (d == NULL)
        return 0;
    long self = syscall(SYS_gettid);
    int asleep = 1;
    struct dirent *e;
    while (asleep && (e = readdir(d)) != NULL) {
        long tid = atol(e->d_name);
        if (tid <= 0 || tid == self)
            continue;
        char path[64], buf[512];
        snprintf(path, sizeof path, "/proc/self/task/%ld/stat", tid);
        FILE *f = fopen(path, "r");
        if (f == NULL)
            continue; /* the thread exited */
        size_t len = fread(buf, 1, sizeof buf - 1, f);
        fclose(f);
        buf[len] = '\0';
        char *s = strrchr(buf, ')'); /* the state follows the (comm) field */
        if (s != NULL && s[1] == ' ' && s[2] == 'R')
            asleep = 0;
    }
    closedir(d);
    return asleep;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static long asleep_count;

/* Fills lat[] with the stolen samples' latencies; returns their number. */
static long BENCH_KERNEL(long samples, long gap_us, double *lat)
{
    long stolen = 0;
    int self = parc_worker_id() + 1;
    struct timespec gap = {gap_us / 1000000, (gap_us % 1000000) * 1000};
    for (long i = 0; i < samples; i++) {
        nanosleep(&gap, NULL);
        asleep_count += others_asleep();
        struct probe p;
        atomic_init(&p.ran, 0);
        double t0 = bench_now();
        parc_fork(&p.f, probe_thunk);
        /* acquire: pairs with the release store in probe_thunk */
        for (unsigned s = 1;
             atomic_load_explicit(&p.ran, memory_order_acquire) == 0; s++) {
            parc_poll();
            if ((s & 1023) == 0 && bench_now() - t0 > 0.1)
                break;
        }
        if (parc_pop(&p.f)) {
            probe_thunk(&p.f);
            continue;
        }
        int by = atomic_load_explicit(&p.ran, memory_order_acquire);
        if (by == 0 || by == self)
            bench_fail("frame %ld joined as stolen but ran by %d", i, by - 1);
        lat[stolen++] = p.t_start - t0;
    }
    return stolen;
}

int main(int argc, char **argv)
{
    long samples = bench_arg(argc, argv, 1, 50, 1, 1000000);
    long gap_us = bench_arg(argc, argv, 2, 20000, 0, 10000000);
    double *lat = (double *)malloc(samples * sizeof *lat);
    if (lat == NULL)
        bench_fail("out of memory");
    int e = parc_start();
    if (e != 0)
        bench_fail("parc_start: error %d", e);
    printf("workers=%u\n", parc_workers());
    if (parc_workers() < 2)
        bench_fail("wake needs 2 workers or more (PARC_WORKERS=2)");
    double t0 = bench_now();
    long n = bench_kernel(samples, gap_us, lat);
    double t = bench_now() - t0;
    if (n == 0)
        bench_fail("no frame of %ld was stolen within 100 ms", samples);
    qsort(lat, n, sizeof *lat, cmp_double);
    double sum = 0;
    for (long i = 0; i < n; i++)
        sum += lat[i];
    printf("ns_per_op=%.0f\n", lat[n / 2] * 1e9);
    printf("mean_ns=%.0f\n", sum / n * 1e9);
    printf("p90_ns=%.0f\n", lat[n * 9 / 10] * 1e9);
    printf("max_ns=%.0f\n", lat[n - 1] * 1e9);
    printf("stolen_pct=%.1f\n", 100.0 * n / samples);
    printf("asleep_pct=%.1f\n", 100.0 * asleep_count / samples);
    bench_report_time(t);
    free(lat);
    return 0;
}
