/* gcpause on parc's task heaps: each task's heap is collected by its own
 * worker alone; pauses from parc's own statistics (parc_gc_stats, which
 * needs PARC_GC_STATS=1: set here before the first allocation). A program
 * that wants short pauses asks for them: PARC_GC_PAUSE_US=1000 (minor
 * collections sized to 1 ms, full ones marked in slices; off by default,
 * docs/heap.md), unless the environment says otherwise. */
#define GP_IMPL "parc"

#include <parc.h>
#include <stdlib.h>

#include "gcpause.h"

static void gp_setup(void)
{
    setenv("PARC_GC_STATS", "1", 0);
    setenv("PARC_GC_PAUSE_US", "1000", 0);
}

static void *gp_alloc(size_t n) { return parc_alloc(n); }

static void gp_pauses(struct gp_pauses *out)
{
    struct parc_gc_stats s;
    if (parc_gc_stats(&s) != 0)
        bench_fail("parc_gc_stats: PARC_GC_STATS is off");
    out->p50_ms = s.pause_p50_us / 1e3;
    out->p99_ms = s.pause_p99_us / 1e3;
    out->max_ms = s.pause_max_us / 1e3;
    out->minor_p99_ms = s.minor_p99_us / 1e3;
    out->collections = s.minor + s.full;
}
