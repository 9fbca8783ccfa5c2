/* gcpause.h: collection pauses under a steady load, shared by every
 * implementation (issue 7's gcpause target: p99 local pause <= 1 ms with
 * 16 MiB live per worker, and no worker waiting for another's collection).
 *
 * One long task per worker (strict forks, so with W workers each runs on a
 * worker of its own, stolen ones in heaps of their own). Each task keeps
 * LIVE_MIB of live data: an array of N pointers (a large pointerful object)
 * to N small objects of OBJ bytes, each pointing to another live one. Then
 * param allocations (default 20,000,000): one in REPLACE_EVERY replaces a
 * live object at random (the new one is young, stored into the old array);
 * the others are short-lived garbage of 16 to 255 bytes. At the end every
 * slot is checked against its expected key (kept in malloc'd memory).
 *
 * An implementation defines, before including this file:
 *   GP_IMPL              its name
 *   gp_setup()           before the clock (GC_INIT, ...)
 *   gp_alloc(n)          n zeroed bytes that may hold pointers
 *   gp_pauses(out)       this thread's pause figures at the end of its task
 *   GP_SHARED_PAUSES     (optional) every task reports the same, global
 *                        collections (stop-the-world): counted once
 * Output: workers=, time_s=, p50_pause_ms= (the median over workers of
 * their own p50), p99_pause_ms= and max_pause_ms= (the worst worker's),
 * p99_minor_ms= (the worst worker's p99 of its minor collections alone),
 * collections= (all workers'), max_gap_ms= (the longest time any worker went
 * without finishing a block of 256 allocations: its own pauses, another's
 * it waited for, and the machine's preemptions), peak_rss_mib=.
 */
#ifndef GCPAUSE_H
#define GCPAUSE_H

#include <parc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#include "../common.h"

#define LIVE_MIB 16
#define OBJ 40
#define REPLACE_EVERY 8
#define MAX_WORKERS 64

struct obj {
    struct obj *peer; /* another live object */
    uint64_t key;
    uint64_t data[3];
};
_Static_assert(sizeof(struct obj) == OBJ, "object size");

/* N: the array's 8 bytes and the object's OBJ per slot make LIVE_MIB. */
#define N ((long)(((size_t)LIVE_MIB << 20) / (OBJ + 8)))

struct gp_pauses {
    double p50_ms, p99_ms, max_ms;
    double minor_p99_ms; /* minor collections only (parc); else p99_ms */
    unsigned long collections;
};

static void gp_setup(void);
static void *gp_alloc(size_t n);
static void gp_pauses(struct gp_pauses *out);

struct task {
    parc_frame f;
    long iters;
    uint64_t seed;
    long bad;
    double max_gap;
    struct gp_pauses p;
};

static uint64_t gp_next(uint64_t *s)
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

static struct obj *gp_obj(uint64_t key, struct obj *peer)
{
    struct obj *o = gp_alloc(sizeof *o);
    if (!o)
        bench_fail("%s: out of memory", GP_IMPL);
    o->key = key;
    o->peer = peer;
    return o;
}

/* The sink keeps garbage from being optimized away. */
static void *volatile gp_sink;

static void task_run(struct task *t)
{
    uint64_t s = t->seed;
    struct obj **slot = gp_alloc((size_t)N * sizeof *slot);
    uint64_t *key = malloc((size_t)N * sizeof *key);
    if (!slot || !key)
        bench_fail("%s: out of memory", GP_IMPL);
    for (long i = 0; i < N; i++) {
        key[i] = gp_next(&s);
        slot[i] = gp_obj(key[i], i ? slot[gp_next(&s) % (uint64_t)i] : NULL);
    }
    double last = bench_now(), gap = 0;
    for (long i = 0; i < t->iters; i++) {
        uint64_t r = gp_next(&s);
        if (r % REPLACE_EVERY == 0) {
            long j = (long)((r >> 8) % (uint64_t)N);
            key[j] = gp_next(&s);
            slot[j] = gp_obj(key[j], slot[(r >> 40) % (uint64_t)N]);
        } else {
            size_t n = 16 + (size_t)((r >> 8) % 240);
            char *g = gp_alloc(n);
            if (!g)
                bench_fail("%s: out of memory", GP_IMPL);
            g[0] = (char)r;
            gp_sink = g;
        }
        if ((i & 255) == 255) {
            /* A poll point: the tasks forked before this one stay private
             * to this worker until it answers a thief's request, at a fork,
             * a join or a poll (docs/runtime.md). Without it the task that
             * forked them ran to its end first and then ran them itself:
             * every task on one worker, steals=0 (PARC_STATS). */
            parc_poll();
            double now = bench_now();
            if (now - last > gap)
                gap = now - last;
            last = now;
        }
    }
    long bad = 0;
    for (long i = 0; i < N; i++)
        if (slot[i]->key != key[i] || !slot[i]->peer)
            bad += i > 0 || slot[i]->key != key[i];
    free(key);
    t->bad = bad;
    t->max_gap = gap;
    gp_pauses(&t->p);
}

static void task_thunk(parc_frame *f) { task_run((struct task *)f); }

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static long BENCH_KERNEL(struct task *t, int w)
{
    /* Tasks 0 .. w-2 are forked (stolen by the other workers), the last
     * runs here; joined in reverse order. */
    for (int i = 0; i < w - 1; i++)
        parc_fork(&t[i].f, task_thunk);
    task_run(&t[w - 1]);
    for (int i = w - 2; i >= 0; i--)
        if (parc_pop(&t[i].f))
            task_run(&t[i]);
    long bad = 0;
    for (int i = 0; i < w; i++)
        bad += t[i].bad;
    return bad;
}

int main(int argc, char **argv)
{
    long iters = bench_arg(argc, argv, 1, 20000000, 1000, 1000000000);
    gp_setup();
    int e = parc_start();
    if (e)
        bench_fail("parc_start: error %d", e);
    int w = parc_workers();
    if (w > MAX_WORKERS)
        bench_fail("at most %d workers", MAX_WORKERS);
    static struct task t[MAX_WORKERS];
    for (int i = 0; i < w; i++)
        t[i] = (struct task){.iters = iters, .seed = 12345u + (uint64_t)i};
    printf("workers=%d\n", w);
    double t0 = bench_now();
    long bad = bench_kernel(t, w);
    double el = bench_now() - t0;
    if (bad)
        bench_fail("%s: %ld live objects lost or wrong", GP_IMPL, bad);
    double p50[MAX_WORKERS], p99 = 0, max = 0, gap = 0, mp99 = 0;
    unsigned long n = 0;
    for (int i = 0; i < w; i++) {
        p50[i] = t[i].p.p50_ms;
        p99 = t[i].p.p99_ms > p99 ? t[i].p.p99_ms : p99;
        max = t[i].p.max_ms > max ? t[i].p.max_ms : max;
        mp99 = t[i].p.minor_p99_ms > mp99 ? t[i].p.minor_p99_ms : mp99;
        gap = t[i].max_gap > gap ? t[i].max_gap : gap;
#ifdef GP_SHARED_PAUSES
        n = t[i].p.collections > n ? t[i].p.collections : n;
#else
        n += t[i].p.collections;
#endif
        fprintf(stderr, "%s: task %d: collections=%lu p50_ms=%.3f p99_ms=%.3f "
                "max_ms=%.3f p99_minor_ms=%.3f max_gap_ms=%.3f\n", GP_IMPL, i,
                t[i].p.collections, t[i].p.p50_ms, t[i].p.p99_ms, t[i].p.max_ms,
                t[i].p.minor_p99_ms, t[i].max_gap * 1e3);
    }
    qsort(p50, (size_t)w, sizeof p50[0], cmp_double);
    bench_report_time(el);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("p50_pause_ms=%.3f\np99_pause_ms=%.3f\nmax_pause_ms=%.3f\n"
           "p99_minor_ms=%.3f\ncollections=%lu\nmax_gap_ms=%.3f\n"
           "peak_rss_mib=%.1f\n",
           p50[w / 2], p99, max, mp99, n, gap * 1e3,
           (double)ru.ru_maxrss / 1024);
    return 0;
}

#endif /* GCPAUSE_H */
