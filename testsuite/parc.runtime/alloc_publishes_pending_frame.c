/* Area:	parc_alloc's slow path, parc_fork (sharing work)
   Purpose:	A worker that forks frames and then only allocates (no
		fork, join or poll) lets idle workers take every one of those
		frames: the allocation slow path publishes half of the
		private frames when a worker asked to share, and wakes
		sleeping workers (heap.c, parcint_deque_offer). Each round
		forks 8 frames after the other workers had time to fall
		asleep, allocates until all 8 have started on other workers,
		then joins them in reverse (each pop must return 0). With one
		worker, allocating never runs a frame. Before the slow path
		published, the frames stayed private until the join (the
		test fails at its 10 s limit): bench/gcpause's tasks all ran
		on one worker so.
   Limitations:	With two or more workers, thieves must take the 8 frames
		within 10 s.
   Forks:	8 * 30 rounds.  */

/* { dg-do run } */

#include <parc.h>
#include <stdio.h>

#include "parc-share.h"
#include "parc-test.h"

/* An allocation the compiler cannot drop: a 64-byte cell, so that the
 * slow path comes every hole (at most every 32 KiB). */
static void *volatile sink;

static void allocate(void)
{
    void *p = parc_alloc(64);
    CHECK(p != NULL);
    sink = p;
}

int main(void)
{
    CHECK(parc_start() == 0);
    parc_test_share_rounds(allocate, 100000);
    printf("ok\n");
    /* { dg-output "ok" } */
    return 0;
}
