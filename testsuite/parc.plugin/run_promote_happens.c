/* Area:	sequential clones: promotion (heartbeat) in split loops
   Purpose:	Check that promotion happens: an unbalanced tree (a root
		whose first child is a spine of loops, each running its deep
		child first and small bushes after it, whose every node
		enters a loop and polls; the root's other children are
		small) runs at 4 workers in a child process with
		PARC_STATS=1; the lazy forks soon leave the spine to one
		worker's sequential clone, the others go idle and ask, and
		the clone's polls must promote its loops' untouched leaves
		(the total line's promotions, at least 4, and in practice
		one per request while the spine's bushes run).  Built without
		options (promotion is the default); with
		-fplugin-arg-parc-no-heartbeat the count is 0 and the test
		fails.  The result is checked in the child and at the
		harness's worker counts.
   Limitations:	promotions need the idle workers to run while the spine
		does: its bushes take some tens of milliseconds in all, long
		enough for a loaded machine.  Not in the AddressSanitizer
		build, which adds -fsanitize=undefined: with UBSan's checks
		in the clones' loops the plugin records none of them, so
		nothing is promoted there (results stay exact:
		run_promote_results.c runs in that build).  */

/* { dg-do run } */
/* { dg-parc-sanitizers "none thread" } */
#include <parc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parc-child.h"
#include "parc-test.h"

PARC_PURE static unsigned long work(unsigned long x, int rounds)
{
    for (int i = 0; i < rounds; i++)
        x = x * 6364136223846793005ul + 1442695040888963407ul;
    return x >> 40;
}

#define LEAF 2000
#define DEPTH 200
#define BUSH 3

/* A spine node's first child is the next spine node, the others are
 * bushes: small trees whose every node enters a loop, and so polls. */
PARC_PURE long node(int d, int bush, unsigned long x)
{
    if (d == 0)
        return (long)(work(x, LEAF) & 1023);
    int c = 2 + d % 3;
    long r[4];
    for (int i = 0; i < c; i++) {
#pragma parc fork
        r[i] = node(bush || i == 0 ? d - 1 : BUSH, bush || i > 0,
                    x * 3 + (unsigned long)i);
    }
#pragma parc join
    long n = 1;
    for (int i = 0; i < c; i++)
        n += r[i];
    return n;
}

/* The root publishes its upper halves and runs its first child, the
 * spine, in a sequential clone (parc.h's lazy forks: the worker holds
 * enough frames), where nothing but promotion can share it. */
PARC_PURE long top(unsigned long x)
{
    long r[8];
    for (int i = 0; i < 8; i++) {
#pragma parc fork
        r[i] = node(i == 0 ? DEPTH : 1, i > 0, x + (unsigned long)i);
    }
#pragma parc join
    long n = 0;
    for (int i = 0; i < 8; i++)
        n += r[i];
    return n;
}

static long node_serial(int d, int bush, unsigned long x)
{
    if (d == 0)
        return (long)(work(x, LEAF) & 1023);
    int c = 2 + d % 3;
    long n = 1;
    for (int i = 0; i < c; i++)
        n += node_serial(bush || i == 0 ? d - 1 : BUSH, bush || i > 0,
                         x * 3 + (unsigned long)i);
    return n;
}

static long top_serial(unsigned long x)
{
    long n = 0;
    for (int i = 0; i < 8; i++)
        n += node_serial(i == 0 ? DEPTH : 1, i > 0, x + (unsigned long)i);
    return n;
}

static long want;

static void child(void *arg)
{
    (void)arg;
    CHECK(setenv("PARC_WORKERS", "4", 1) == 0);
    CHECK(setenv("PARC_STATS", "1", 1) == 0);
    CHECK(parc_start() == 0);
    CHECK(top(1) == want);
    exit(0); /* the report is printed by the runtime's atexit handler */
}

int main(void)
{
    want = top_serial(1);
    /* The child first: it must be made before this process starts the
     * runtime. */
    static char buf[1 << 16];
    int status = parc_child_run(child, NULL, buf, sizeof buf);
    parc_child_check_exited(status, buf, "child failed");
    const char *total = strstr(buf, "parc: total:");
    CHECK(total != NULL);
    const char *p = strstr(total, " promotions=");
    unsigned long promotions = 0;
    CHECK(p && sscanf(p, " promotions=%lu", &promotions) == 1);
    printf("promotions=%lu\n", promotions);
    CHECK(promotions >= 4);

    CHECK(top(1) == want);
    printf("ok\n");
    /* { dg-output "ok" } */
    return 0;
}
