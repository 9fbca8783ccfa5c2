/* stats.h: PARC_STATS=1 prints per-worker counters at exit. The counters are
 * plain fields of each worker, written only by their owner and read here after
 * the owner has been joined; nothing on a fast path depends on this switch. */
#ifndef runtime_stats_h
#define runtime_stats_h

#include "worker.h"

void parcint_stats_init(void);
int parcint_stats_enabled(void);
/* The calling thread's CPU time, for pieces (statistics only). */
uint64_t parcint_stats_cpu_ns(void);
/* w ran a lazy fork's clone at once, for ns of CPU time. */
void parcint_stats_piece(parcint_worker *w, uint64_t ns);
/* A thread that is not a worker ran a fork in place. */
void parcint_stats_outsider_fork(void);
/* Prints the report; lazy_hold: the lazy fork rule's k (sched.c). */
void parcint_stats_report(unsigned lazy_hold);

#endif /* runtime_stats_h */
