/* stats.c: the PARC_STATS report. */
#include "stats.h"

#include "platform.h"
#include "pool.h"

#include <inttypes.h>
#include <stdio.h>
#include <time.h>

static int enabled;
/* relaxed: a counter read once at exit. */
static _Atomic uint64_t outsider_forks;

/* What timing an empty piece reads (two clock reads, a system call each for
 * a thread's CPU clock): taken off every piece, or a million small pieces
 * would add up to more than the work they did. Written before the pool
 * opens. */
static uint64_t clock_ns;

void parcint_stats_init(void)
{
    enabled = parcint_env_ulong("PARC_STATS", 0) != 0;
    if (!enabled)
        return;
    clock_ns = UINT64_MAX;
    for (int i = 0; i < 64; i++) {
        uint64_t t0 = parcint_stats_cpu_ns(), d = parcint_stats_cpu_ns() - t0;
        if (d < clock_ns)
            clock_ns = d;
    }
}

int parcint_stats_enabled(void)
{
    return enabled;
}

/* Thread CPU time rather than wall time: with more workers than cores (the
 * way to see a 16-worker schedule on a small machine), a piece's wall time
 * counts the time its thread waited for a core. */
uint64_t parcint_stats_cpu_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

void parcint_stats_piece(parcint_worker *w, uint64_t ns)
{
    ns = ns > clock_ns ? ns - clock_ns : 0;
    w->pieces++;
    w->piece_ns += ns;
    if (ns > w->piece_max_ns)
        w->piece_max_ns = ns;
}

void parcint_stats_outsider_fork(void)
{
    atomic_fetch_add_explicit(&outsider_forks, 1, memory_order_relaxed);
}

void parcint_stats_report(unsigned lazy_hold)
{
    unsigned n = parcint_nworkers();
    if (!enabled)
        return;
    uint64_t total_forks = 0, total_steals = 0, steps = 0, cross = 0,
             moves = 0, mutes = 0, pieces = 0, piece_ns = 0, piece_max = 0,
             promotions = 0;
    for (unsigned i = 0; i < n; i++) {
        parcint_worker *w = parcint_worker_by_id(i);
        /* Worker 1 joined the others: their counters are ours to read only
         * if it was joined itself. */
        int readable = i == 0 || (parcint_worker_by_id(1)->joined && w->joined);
        if (!readable) {
            fprintf(stderr, "parc: worker %u: not stopped at exit (counters not read)\n", i);
            continue;
        }
        total_forks += w->hot.forks;
        total_steals += w->steals;
        steps += w->proc_steps;
        cross += w->proc_cross;
        moves += w->proc_moves;
        mutes += w->proc_mutes;
        pieces += w->pieces;
        promotions += w->promotions;
        piece_ns += w->piece_ns;
        if (w->piece_max_ns > piece_max)
            piece_max = w->piece_max_ns;
        fprintf(stderr,
                "parc: worker %u: forks=%" PRIu64 " steals=%" PRIu64
                " failed_steals=%" PRIu64 " leapfrogs=%" PRIu64
                " idle_ms=%.3f wait_ms=%.3f sleeps=%" PRIu64 " inline_forks=%" PRIu64
                " futures_run=%" PRIu64 " lazies_upgraded=%" PRIu64
                " proc_turns=%" PRIu64
                " proc_steps=%" PRIu64 " proc_cross=%" PRIu64
                " proc_moves=%" PRIu64 " proc_mutes=%" PRIu64
                " pieces=%" PRIu64 " piece_ms=%.3f piece_max_ms=%.3f"
                " promotions=%" PRIu64 "\n",
                i, w->hot.forks, w->steals, w->failed_steals, w->leapfrogs,
                (double)w->idle_ns / 1e6, (double)w->wait_ns / 1e6, w->sleeps, w->inline_forks,
                w->futures_run, w->lazies_upgraded, w->proc_turns, w->proc_steps, w->proc_cross,
                w->proc_moves, w->proc_mutes, w->pieces,
                (double)w->piece_ns / 1e6, (double)w->piece_max_ns / 1e6,
                w->promotions);
    }
    fprintf(stderr,
            "parc: total: workers=%u forks=%" PRIu64 " steals=%" PRIu64
            " outsider_forks=%" PRIu64 " proc_steps=%" PRIu64
            " proc_cross=%" PRIu64 " proc_moves=%" PRIu64
            " proc_mutes=%" PRIu64 " pieces=%" PRIu64 " piece_ms=%.3f"
            " piece_max_ms=%.3f piece_share=%.4f piece_bound=%.1f"
            " lazy_hold=%u promotions=%" PRIu64 "\n",
            n, total_forks, total_steals,
            atomic_load_explicit(&outsider_forks, memory_order_relaxed),
            steps, cross, moves, mutes, pieces, (double)piece_ns / 1e6,
            (double)piece_max / 1e6,
            piece_ns ? (double)piece_max / (double)piece_ns : 0.0,
            /* The work is counted as the pieces' total: the clones run
             * nearly all of it (docs/deparallelization.md), so the bound
             * errs low. */
            piece_max ? (double)piece_ns / (double)piece_max : 0.0,
            lazy_hold, promotions);
}
