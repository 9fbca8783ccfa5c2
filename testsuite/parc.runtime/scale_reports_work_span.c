/* Area:	PARC_SCALE (work, span and parallelism of a run)
   Purpose:	With PARC_SCALE=1 the runtime prints at exit, on stderr, the
		work, the span and the parallelism of the run, whatever
		PARC_WORKERS says (it measures on one worker): a balanced tree
		of 256 forked leaves of equal work shows a parallelism well
		above 20, a program that forks nothing shows exactly 1.0, and
		the fork count is exact; parc_scale_begin/end narrow the report
		to a region, which serial work around it does not dilute. Runs
		in child processes, whose stderr
		the parent reads.
   Limitations:	the span is wall-clock time on the critical path: a
		preemption there lengthens it (a loaded machine preempts for
		milliseconds), so each tree runs up to five times and the
		best parallelism must pass a margin that a broken span (equal
		to the work, or diluted by the serial work around the region:
		about 1) cannot.  */

/* { dg-do run } */

#include <parc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parc-child.h"
#include "parc-test.h"

/* About 0.2 ms of work, not optimized away. */
static unsigned long leaf(unsigned long seed)
{
    volatile unsigned long x = seed;
    for (int i = 0; i < 200000; i++)
        x = x * 6364136223846793005ul + 1442695040888963407ul;
    return x;
}

struct tree_call {
    parc_frame f;
    int depth;
    unsigned long seed, r;
};

static unsigned long tree(int depth, unsigned long seed);

static void tree_thunk(parc_frame *f)
{
    struct tree_call *c = (struct tree_call *)f;
    c->r = tree(c->depth, c->seed);
}

static unsigned long tree(int depth, unsigned long seed)
{
    if (depth == 0)
        return leaf(seed);
    struct tree_call a = {.depth = depth - 1, .seed = seed * 2};
    parc_fork(&a.f, tree_thunk);
    unsigned long b = tree(depth - 1, seed * 2 + 1);
    parc_join(&a.f);
    return a.r ^ b;
}

static void balanced(void *arg)
{
    (void)arg;
    setenv("PARC_SCALE", "1", 1);
    setenv("PARC_WORKERS", "4", 1);
    printf("%lu\n", tree(8, 1)); /* 255 forks, 256 leaves */
    exit(0);                     /* the report is printed at exit */
}

static void serial(void *arg)
{
    (void)arg;
    setenv("PARC_SCALE", "1", 1);
    CHECK(parc_start() == 0);
    printf("%lu\n", leaf(3) ^ leaf(4));
    exit(0);
}

/* The tree between serial work ten times longer, reported as a region. */
static void region(void *arg)
{
    (void)arg;
    setenv("PARC_SCALE", "1", 1);
    CHECK(parc_start() == 0);
    unsigned long x = 0;
    for (int i = 0; i < 2000; i++)
        x ^= leaf((unsigned long)i);
    parc_scale_begin();
    x ^= tree(8, 5);
    parc_scale_end();
    for (int i = 0; i < 2000; i++)
        x ^= leaf((unsigned long)i + 7);
    printf("%lu\n", x);
    exit(0);
}

static double field(const char *buf, const char *name)
{
    const char *p = strstr(buf, name);
    CHECK(p != NULL);
    return strtod(p + strlen(name), NULL);
}

/* The best parallelism of up to five runs of fn (preemptions only lower it),
 * checking each run's report; the last report is left in buf. */
static double best_parallelism(void (*fn)(void *), const char *what,
                               const char *forks, char *buf, size_t len)
{
    double best = 0;
    for (int run = 0; run < 5 && best <= 4; run++) {
        int st = parc_child_run(fn, NULL, buf, len);
        parc_child_check_exited(st, buf, what);
        CHECK(strstr(buf, "parc scale: work ") != NULL);
        CHECK(strstr(buf, forks) != NULL);
        double work = field(buf, "work "), span = field(buf, "span "),
               par = field(buf, "parallelism ");
        if (!(span <= work && work > 0)) {
            fprintf(stderr, "%s: %s", what, buf);
            CHECK(0);
        }
        if (par > best)
            best = par;
    }
    if (!(best > 4))
        fprintf(stderr, "%s: best parallelism %.1f: %s", what, best, buf);
    return best;
}

int main(void)
{
    char buf[4096];
    CHECK(best_parallelism(balanced, "balanced tree", "(255 forks)", buf,
                           sizeof buf) > 4);
    CHECK(best_parallelism(region, "region", "(255 forks, region)", buf,
                           sizeof buf) > 4);

    int st = parc_child_run(serial, NULL, buf, sizeof buf);
    parc_child_check_exited(st, buf, "no forks");
    CHECK(strstr(buf, "parallelism 1.0 (0 forks)") != NULL);
    printf("ok\n"); /* { dg-output "ok" } */
    return 0;
}
