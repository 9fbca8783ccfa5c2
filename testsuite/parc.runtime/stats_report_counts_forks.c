/* Area:	PARC_STATS (the statistics report at exit)
   Purpose:	With PARC_STATS=1 the runtime prints at exit, on stderr, one
		line "parc: worker N: forks=..." per worker and a total line;
		the forks of the workers add up to the total and to exactly
		the forks the program made on workers (wherever thieves ran
		the forking frames), and outsider_forks counts the forks of
		a thread that is not a worker. Each worker's line has its
		idle_ms and wait_ms (time in joins of stolen frames), never
		negative, and wait_ms is 0 with one worker (nothing is
		stolen). With PARC_STATS=0 nothing is
		printed. The program runs in child processes (POSIX fork,
		before this process starts the runtime) whose stderr the
		parent reads through a pipe.
   Limitations:	none.
   Forks:	28,656 * 20 * PARC_TEST_SCALE (at least 2 rounds) on the
		workers and 986 on another thread.  */

/* { dg-do run } */

#include <inttypes.h>
#include <parc.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parc-child.h"
#include "parc-test.h"

#define FIB_N 22
#define FIB_FORKS 28656u    /* forks of parc_test_fib(22) */
#define OUTSIDER_N 15
#define OUTSIDER_FORKS 986u /* forks of fib(15) */

static void *outsider(void *p)
{
    (void)p;
    CHECK(parc_test_fib(OUTSIDER_N) == 610);
    return NULL;
}

static long rounds;

static void child(void *stats)
{
    CHECK(setenv("PARC_STATS", stats, 1) == 0);
    CHECK(parc_start() == 0);
    for (long i = 0; i < rounds; i++)
        CHECK(parc_test_fib(FIB_N) == 17711);
    pthread_t th;
    CHECK(pthread_create(&th, NULL, outsider, NULL) == 0);
    CHECK(pthread_join(th, NULL) == 0);
    exit(0); /* the report is printed by the runtime's atexit handler */
}

/* Runs child(stats) in a child process; returns its stderr (malloc'd). */
static char *run_child(const char *stats)
{
    size_t cap = 1 << 16;
    char *buf = malloc(cap);
    CHECK(buf != NULL);
    int status = parc_child_run(child, (void *)stats, buf, cap);
    parc_child_check_exited(status, buf, "child failed");
    return buf;
}

int main(void)
{
    rounds = (long)(20 * parc_test_scale());
    if (rounds < 2)
        rounds = 2;
    unsigned workers = parc_workers(); /* does not start the runtime */

    char *quiet = run_child("0");
    CHECK(strstr(quiet, "parc: worker") == NULL);
    CHECK(strstr(quiet, "parc: total") == NULL);
    free(quiet);

    char *out = run_child("1");
    CHECK(strstr(out, "not stopped") == NULL);
    uint64_t sum_forks = 0, sum_steals = 0;
    unsigned lines = 0;
    int seen[PARC_MAX_WORKERS] = {0};
    uint64_t t_forks = 0, t_steals = 0, t_outsider = 0;
    unsigned t_workers = 0;
    int have_total = 0;
    for (char *line = strtok(out, "\n"); line; line = strtok(NULL, "\n")) {
        unsigned id;
        uint64_t forks, steals;
        if (sscanf(line, "parc: worker %u: forks=%" SCNu64 " steals=%" SCNu64,
                   &id, &forks, &steals) == 3) {
            CHECK(id < workers && !seen[id]);
            seen[id] = 1;
            const char *idle = strstr(line, " idle_ms="),
                       *wait = strstr(line, " wait_ms=");
            double idle_ms = -1, wait_ms = -1;
            CHECK(idle && wait && idle < wait);
            CHECK(sscanf(idle, " idle_ms=%lf", &idle_ms) == 1 && idle_ms >= 0);
            CHECK(sscanf(wait, " wait_ms=%lf", &wait_ms) == 1 && wait_ms >= 0);
            CHECK(workers > 1 || wait_ms == 0);
            sum_forks += forks;
            sum_steals += steals;
            lines++;
        } else if (sscanf(line,
                          "parc: total: workers=%u forks=%" SCNu64
                          " steals=%" SCNu64 " outsider_forks=%" SCNu64,
                          &t_workers, &t_forks, &t_steals, &t_outsider) == 4) {
            CHECK(!have_total);
            have_total = 1;
        }
    }
    CHECK(have_total);
    CHECK(lines == workers);
    CHECK(t_workers == workers);
    CHECK(sum_forks == t_forks);
    CHECK(sum_steals == t_steals);
    CHECK(t_forks == (uint64_t)rounds * FIB_FORKS);
    CHECK(t_outsider == OUTSIDER_FORKS);
    CHECK(workers > 1 || t_steals == 0);
    free(out);
    printf("forks=%" PRIu64 " outsider_forks=%" PRIu64 "\n", t_forks,
           t_outsider);
    printf("ok\n");
    /* { dg-output "ok" } */
    return 0;
}
