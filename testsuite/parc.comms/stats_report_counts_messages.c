/* Area:	PARC_STATS (the comms figures at exit)
   Purpose:	With PARC_STATS=1 a program that sent messages prints at
		exit, on stderr, a line "parc: comms worker N: sent=...
		received=..." per worker and the matrix, row by receiver:
		worker 0's 10 messages to itself and 7 to worker 1 (with
		two workers or more), plus the STOP the exit sends to each
		other worker, are counted where they were sent and where
		they were taken. With PARC_STATS=0 no comms line is
		printed. The program runs in child processes (POSIX fork,
		before this process starts the runtime) whose stderr the
		parent reads.
   Limitations:	Uses the runtime's internal headers.  */

/* { dg-do run } */

#include <stdlib.h>

#include "comms-test.h"
#include "parc-child.h"

static void nothing(parcint_worker *w, const parcint_msg *m)
{
    (void)w;
    (void)m;
}

static void child(void *arg)
{
    (void)arg;
    parcint_worker *w = ct_start();
    for (int i = 0; i < 10; i++)
        CHECK(parcint_comms_send(w, 0, CT_DATA, NULL, 0) == 0);
    if (parc_workers() > 1)
        for (int i = 0; i < 7; i++)
            CHECK(parcint_comms_send(w, 1, CT_DATA, &i, sizeof i) == 0);
    CHECK(parcint_comms_intake(w) == 10);
    exit(0); /* the report is made at exit (parc_child_run would _exit) */
}

static const char *line(const char *buf, const char *prefix)
{
    const char *p = strstr(buf, prefix);
    CHECK(p != NULL);
    return p + strlen(prefix);
}

int main(void)
{
    ct_count_only_ours(); /* it counts every message */
    CHECK(parcint_comms_handle(CT_DATA, nothing) == 0);
    unsigned n = parc_workers(); /* $PARC_WORKERS; the runtime is not started */
    char buf[8192];

    CHECK(setenv("PARC_STATS", "1", 1) == 0);
    int status = parc_child_run(child, NULL, buf, sizeof buf);
    parc_child_check_exited(status, buf, "PARC_STATS=1");
    unsigned long long sent, received;
    CHECK(sscanf(line(buf, "parc: comms worker 0: "), "sent=%llu received=%llu",
                 &sent, &received) == 2);
    CHECK(sent == 10 + (n > 1 ? 7 : 0) + (n - 1));
    CHECK(received == 10);
    unsigned long long to0;
    CHECK(sscanf(line(buf, "parc: comms to  0:"), "%llu", &to0) == 1);
    CHECK(to0 == 10);
    if (n > 1) {
        CHECK(sscanf(line(buf, "parc: comms worker 1: "),
                     "sent=%llu received=%llu", &sent, &received) == 2);
        CHECK(sent == 0 && received == 8); /* 7 and the STOP */
        CHECK(sscanf(line(buf, "parc: comms to  1:"), "%llu", &to0) == 1);
        CHECK(to0 == 8);
    }

    CHECK(setenv("PARC_STATS", "0", 1) == 0);
    status = parc_child_run(child, NULL, buf, sizeof buf);
    parc_child_check_exited(status, buf, "PARC_STATS=0");
    CHECK(strstr(buf, "comms") == NULL);
    printf("ok\n");
    /* { dg-output "ok" } */
    return 0;
}
