/* gcstats.c: the PARC_GC_STATS=1 report.
 *
 * Each thread that allocates gets a record, kept for the whole run in a list.
 * Its owner updates it with relaxed atomic adds and the report reads it at
 * exit, possibly while workers still run (the report may come before the
 * scheduler stops them): relaxed atomics make that a stale read, never a
 * data race. Pauses go into a log-scale histogram (sixteen buckets per power
 * of two, each at most 6.25% wide), from which the report reads p50 and p99
 * as the middle of their bucket, to within 3.2%; the maximum is exact.
 * Minor collections have a histogram of their own as well. (Four buckets a
 * power of two, 19% wide, made 1.03 ms the report of any p99 from 0.92 to
 * 1.05 ms: too coarse for a 1 ms goal.)
 */
#include "gcstats.h"

#include "chunk.h"
#include "dirty.h"
#include "platform.h"

#include <errno.h>
#include <inttypes.h>
#include <parc.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>

#define SUB_BITS 4
#define SUB (1u << SUB_BITS)    /* buckets per power of two */
#define BUCKETS (64 * SUB)

struct record {
    _Atomic uint64_t collections, full, allocated, peak_heap, pause_max,
        marked_full, mark_full_ns;
    _Atomic uint64_t slices; /* pauses of incremental marking, beside the
                                collections' own */
    _Atomic uint64_t pauses[BUCKETS], minor_pauses[BUCKETS], minor_max;
    _Atomic uint64_t minor_old_cells; /* marked cells on written pages that
                                         minor collections rescanned: old
                                         ones, and survivors marked earlier
                                         in the same collection */
    _Atomic int worker; /* the worker id at the last update, or -1 */
    struct record *next; /* under lock */
};

/* -1 until the first record is asked for, then 0 or 1 for good. */
static _Atomic int enabled = -1;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct record *records;
static __thread struct record *mine;

static void report(void);

static struct record *record(void)
{
    if (mine)
        return mine;
    pthread_mutex_lock(&lock);
    /* relaxed, both: written only under lock; see is_off. */
    int on = atomic_load_explicit(&enabled, memory_order_relaxed);
    if (on < 0) {
        on = parcint_env_ulong("PARC_GC_STATS", 0) != 0;
        atomic_store_explicit(&enabled, on, memory_order_relaxed);
        if (on)
            atexit(report);
    }
    if (on) {
        mine = calloc(1, sizeof *mine);
        if (mine) {
            atomic_init(&mine->worker, parc_worker_id());
            mine->next = records;
            records = mine;
        }
    }
    pthread_mutex_unlock(&lock);
    return mine;
}

/* add and raise_to: relaxed, both loads and stores: a counter has one
 * writer (its thread), so a plain read-then-store cannot lose an update, and
 * the report reads it once at exit, where a stale value is acceptable. */
static void add(_Atomic uint64_t *a, uint64_t v)
{
    atomic_store_explicit(a, atomic_load_explicit(a, memory_order_relaxed) + v,
                          memory_order_relaxed);
}

static void raise_to(_Atomic uint64_t *a, uint64_t v)
{
    if (atomic_load_explicit(a, memory_order_relaxed) < v)
        atomic_store_explicit(a, v, memory_order_relaxed);
}

/* Below SUB ns a bucket per ns; above, the bucket of ns is its top bit msb
 * and the SUB_BITS bits below it: [(SUB + sub) << (msb - SUB_BITS), the
 * same + 1 << (msb - SUB_BITS)). */
static unsigned bucket_of(uint64_t ns)
{
    if (ns < SUB)
        return (unsigned)ns;
    unsigned msb = 63u - (unsigned)__builtin_clzll(ns);
    return SUB * (msb - SUB_BITS + 1) +
           (unsigned)((ns >> (msb - SUB_BITS)) & (SUB - 1));
}

static double bucket_mid(unsigned b)
{
    if (b < SUB)
        return b;
    unsigned msb = b / SUB + SUB_BITS - 1, sub = b % SUB;
    double width = (double)(1ull << (msb - SUB_BITS));
    return ((double)(SUB + sub) + 0.5) * width;
}

/* relaxed: a stale -1 only sends us to record(), which decides under the
 * lock. */
static int is_off(void)
{
    return atomic_load_explicit(&enabled, memory_order_relaxed) == 0;
}

void parcint_gcstats_allocated(size_t bytes)
{
    if (is_off())
        return;
    struct record *r = record();
    if (r)
        add(&r->allocated, bytes);
}

void parcint_gcstats_collection(uint64_t pause_ns, uint64_t mark_ns,
                                size_t live, size_t heap_bytes, int full)
{
    if (is_off())
        return;
    struct record *r = record();
    if (!r)
        return;
    add(&r->collections, 1);
    if (full) {
        /* The mark rate is a full mark's: a minor one marks few bytes at
         * the cost of the written pages, which says nothing of the rate. */
        add(&r->full, 1);
        add(&r->marked_full, live);
        add(&r->mark_full_ns, mark_ns);
    } else {
        add(&r->minor_pauses[bucket_of(pause_ns)], 1);
        raise_to(&r->minor_max, pause_ns);
    }
    raise_to(&r->pause_max, pause_ns);
    raise_to(&r->peak_heap, heap_bytes);
    add(&r->pauses[bucket_of(pause_ns)], 1);
    /* relaxed: a label for the report, as the counters. */
    atomic_store_explicit(&r->worker, parc_worker_id(), memory_order_relaxed);
}

void parcint_gcstats_rescanned(size_t old_cells)
{
    if (is_off())
        return;
    struct record *r = record();
    if (r)
        add(&r->minor_old_cells, old_cells);
}

void parcint_gcstats_slice(uint64_t pause_ns)
{
    if (is_off())
        return;
    struct record *r = record();
    if (!r)
        return;
    add(&r->slices, 1);
    raise_to(&r->pause_max, pause_ns);
    add(&r->pauses[bucket_of(pause_ns)], 1);
}

/* -1 until the first collection reads PARC_GC_TRACE, then 0 or 1. Relaxed:
 * every thread that reads -1 reads the same environment and stores the
 * same value. */
static _Atomic int tracing = -1;

void parcint_gcstats_trace(uint64_t heap, int full, uint64_t pause_ns,
                           size_t nursery, size_t live, size_t heap_before,
                           size_t heap_after)
{
    int on = atomic_load_explicit(&tracing, memory_order_relaxed);
    if (on < 0) {
        on = parcint_env_ulong("PARC_GC_TRACE", 0) != 0;
        atomic_store_explicit(&tracing, on, memory_order_relaxed);
    }
    if (!on)
        return;
    const double mib = 1 << 20;
    /* One fprintf: stdio locks the stream, so lines never interleave. */
    fprintf(stderr,
            "parc gc: worker %d heap %" PRIu64 " %s pause_ms=%.2f"
            " nursery_mib=%.1f live_mib=%.1f heap_mib=%.1f->%.1f"
            " all_heaps_mib=%.1f\n",
            parc_worker_id(), heap, full ? "full" : "minor",
            (double)pause_ns / 1e6, (double)nursery / mib, (double)live / mib,
            (double)heap_before / mib, (double)heap_after / mib,
            (double)parcint_chunks_in_use() * PARCINT_CHUNK / mib);
}

/* The bucket's middle, but never more than the exact maximum. */
/* The report's loads, here and below, are relaxed: see add(). */
static double quantile_of(_Atomic uint64_t *hist, _Atomic uint64_t *max_ns,
                          uint64_t n, double q)
{
    double max = (double)atomic_load_explicit(max_ns, memory_order_relaxed);
    uint64_t want = (uint64_t)((double)n * q), seen = 0;
    for (unsigned b = 0; b < BUCKETS; b++) {
        seen += atomic_load_explicit(&hist[b], memory_order_relaxed);
        if (seen > want)
            return bucket_mid(b) < max ? bucket_mid(b) : max;
    }
    return 0;
}

/* Over every pause: n collections and the slices. */
static double quantile(struct record *r, uint64_t n, double q)
{
    n += atomic_load_explicit(&r->slices, memory_order_relaxed);
    return quantile_of(r->pauses, &r->pause_max, n, q);
}

static double minor_quantile(struct record *r, uint64_t n, double q)
{
    return n ? quantile_of(r->minor_pauses, &r->minor_max, n, q) : 0.0;
}

int parc_gc_stats(struct parc_gc_stats *out)
{
    struct record *r = is_off() ? NULL : record();
    if (!r)
        return ENOSYS;
    uint64_t n = atomic_load_explicit(&r->collections, memory_order_relaxed);
    uint64_t full = atomic_load_explicit(&r->full, memory_order_relaxed);
    out->minor = (unsigned long)(n - full);
    out->full = (unsigned long)full;
    out->pause_p50_us = n ? quantile(r, n, 0.5) / 1e3 : 0.0;
    out->pause_p99_us = n ? quantile(r, n, 0.99) / 1e3 : 0.0;
    out->pause_max_us =
        (double)atomic_load_explicit(&r->pause_max, memory_order_relaxed) / 1e3;
    out->minor_p50_us = minor_quantile(r, n - full, 0.5) / 1e3;
    out->minor_p99_us = minor_quantile(r, n - full, 0.99) / 1e3;
    out->minor_max_us =
        (double)atomic_load_explicit(&r->minor_max, memory_order_relaxed) / 1e3;
    return 0;
}

static void report(void)
{
    pthread_mutex_lock(&lock);
    fprintf(stderr, "parc gc: generations=%s\n", parcint_dirty_name());
    for (struct record *r = records; r; r = r->next) {
        uint64_t n = atomic_load_explicit(&r->collections, memory_order_relaxed);
        uint64_t full = atomic_load_explicit(&r->full, memory_order_relaxed);
        uint64_t mark_ns = atomic_load_explicit(&r->mark_full_ns, memory_order_relaxed);
        uint64_t marked = atomic_load_explicit(&r->marked_full, memory_order_relaxed);
        int w = atomic_load_explicit(&r->worker, memory_order_relaxed);
        char who[32];
        if (w >= 0)
            snprintf(who, sizeof who, "worker %d", w);
        else
            snprintf(who, sizeof who, "thread");
        fprintf(stderr,
                "parc gc: %s: collections=%" PRIu64 " minor=%" PRIu64
                " full=%" PRIu64 " pause_p50_us=%.1f pause_p99_us=%.1f pause_max_us=%.1f"
                " minor_p99_us=%.1f minor_max_us=%.1f slices=%" PRIu64
                " allocated_mib=%.1f peak_heap_mib=%.1f mark_mb_per_ms=%.1f"
                " minor_old_cells=%" PRIu64 "\n",
                who, n, n - full, full, n ? quantile(r, n, 0.5) / 1e3 : 0.0,
                n ? quantile(r, n, 0.99) / 1e3 : 0.0,
                (double)atomic_load_explicit(&r->pause_max, memory_order_relaxed) / 1e3,
                minor_quantile(r, n - full, 0.99) / 1e3,
                (double)atomic_load_explicit(&r->minor_max, memory_order_relaxed) / 1e3,
                atomic_load_explicit(&r->slices, memory_order_relaxed),
                (double)atomic_load_explicit(&r->allocated, memory_order_relaxed) / (1 << 20),
                (double)atomic_load_explicit(&r->peak_heap, memory_order_relaxed) / (1 << 20),
                mark_ns ? (double)marked / 1e6 / ((double)mark_ns / 1e6) : 0.0,
                atomic_load_explicit(&r->minor_old_cells, memory_order_relaxed));
    }
    pthread_mutex_unlock(&lock);
}
