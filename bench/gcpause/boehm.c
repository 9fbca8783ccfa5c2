/* gcpause on Debian's Boehm-Demers-Weiser collector (libgc 8.2): GC_MALLOC,
 * parc's workers registered with libgc at their first allocation. A
 * collection stops every registered thread, so its pause is every worker's:
 * it is timed from GC_EVENT_PRE_STOP_WORLD to GC_EVENT_POST_START_WORLD
 * (GC_set_on_collection_event; the callback runs in the collecting thread
 * with the allocation lock held), into one histogram that every task
 * reports. GP_BOEHM_INCREMENTAL (boehm-incr.c) turns on libgc's
 * generational, incremental mode (GC_enable_incremental: mprotect or
 * soft-dirty bits). */
#ifndef GP_IMPL
#define GP_IMPL "boehm"
#endif
#define GC_THREADS
#define GP_SHARED_PAUSES 1

#include <gc.h>
#include <time.h>

#include "gcpause.h"

#define HIST 20000 /* 10 us buckets: pauses up to 200 ms, then the last */

static double stop_t0;
static unsigned long hist[HIST], ncoll;
static double pause_max;

static void on_event(GC_EventType e)
{
    if (e == GC_EVENT_PRE_STOP_WORLD) {
        stop_t0 = bench_now();
    } else if (e == GC_EVENT_POST_START_WORLD && stop_t0 > 0) {
        double ms = (bench_now() - stop_t0) * 1e3;
        unsigned b = ms / 0.01 < HIST - 1 ? (unsigned)(ms / 0.01) : HIST - 1;
        hist[b]++;
        ncoll++;
        if (ms > pause_max)
            pause_max = ms;
        stop_t0 = 0;
    }
}

static void gp_setup(void)
{
    GC_INIT();
    GC_allow_register_threads();
#ifdef GP_BOEHM_INCREMENTAL
    GC_enable_incremental();
#endif
    GC_set_on_collection_event(on_event);
}

static __thread int registered;

static void *gp_alloc(size_t n)
{
    if (__builtin_expect(!registered, 0)) {
        struct GC_stack_base sb;
        if (GC_get_stack_base(&sb) != GC_SUCCESS)
            bench_fail("GC_get_stack_base failed");
        GC_register_my_thread(&sb); /* GC_DUPLICATE for the main thread */
        registered = 1;
    }
    return GC_MALLOC(n);
}

static double quantile(double q)
{
    unsigned long want = (unsigned long)((double)ncoll * q), seen = 0;
    for (unsigned b = 0; b < HIST; b++) {
        seen += hist[b];
        if (seen > want)
            return (b + 0.5) * 0.01 < pause_max ? (b + 0.5) * 0.01 : pause_max;
    }
    return 0;
}

static void gp_pauses(struct gp_pauses *out)
{
    GC_alloc_lock();
    out->p50_ms = ncoll ? quantile(0.5) : 0;
    out->p99_ms = ncoll ? quantile(0.99) : 0;
    out->max_ms = pause_max;
    out->minor_p99_ms = out->p99_ms; /* libgc does not say which were partial */
    out->collections = ncoll;
    GC_alloc_unlock();
}
