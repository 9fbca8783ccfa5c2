/* Area:	process functions, exit drain
   Purpose:	A process parked on a future message that nothing will ever
		complete (an actor's deferred reply, never given) does not
		hold exit for ever: the exit drain runs every other message
		first (a counter's queue, sent before exit, is finished),
		then, after 2 s with nothing else to run, reports the parked
		process on stderr and lets the program end with its status.
		A program whose parked processes are all released exits
		without the message.
   Limitations:	none.  */

/* { dg-do run } */

#include <parc.h>
#include <stdlib.h>

#include "parc-child.h"
#include "parc-test.h"

static parc_reply held;

static void *withhold(void *state, void *msg)
{
    (void)state;
    if (msg)
        CHECK(parc_proc_defer(&held) == 0); /* never given */
    else
        CHECK(parc_reply_give(&held, (void *)7) == 0);
    return NULL;
}

static void *consume(void *state, void *msg)
{
    (void)state;
    (void)msg;
    return NULL;
}

static long counted;
static void *count(void *state, void *msg)
{
    (void)state;
    (void)msg;
    counted++;
    return NULL;
}

static void report_count(void) { fprintf(stderr, "counted %ld\n", counted); }

static void scene(void *release)
{
    parc_proc a, c, n;
    parc_proc_opts actor = {.kind = PARC_PROC_ACTOR};
    parc_future r;
    /* Registered before the runtime's own exit handler: runs after it. */
    atexit(report_count);
    CHECK(parc_proc_spawn(&a, withhold, NULL, &actor) == 0);
    CHECK(parc_proc_spawn(&c, consume, NULL, NULL) == 0);
    CHECK(parc_proc_spawn(&n, count, NULL, NULL) == 0);
    CHECK(parc_proc_send(&a, (void *)1, &r) == 0);
    CHECK(parc_proc_send_future(&c, &r, NULL) == 0); /* parks c */
    if (release)
        CHECK(parc_proc_send(&a, NULL, NULL) == 0);
    for (int i = 0; i < 1000; i++)
        CHECK(parc_proc_send(&n, NULL, NULL) == 0);
    exit(0);
}

int main(void)
{
    char buf[4096];
    int st = parc_child_run(scene, NULL, buf, sizeof buf);
    parc_child_check_exited(st, buf, "parked for ever");
    CHECK(strstr(buf, "parc: processes: 1 process still waits at exit"));
    CHECK(strstr(buf, "counted 1000"));
    st = parc_child_run(scene, (void *)1, buf, sizeof buf);
    parc_child_check_exited(st, buf, "released");
    CHECK(!strstr(buf, "parc: processes:"));
    CHECK(strstr(buf, "counted 1000"));
    printf("ok\n");
    return 0;
}
/* { dg-output "ok" } */
