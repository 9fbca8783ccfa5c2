/* Area:	parc_poll, parc_fork (sharing work)
   Purpose:	A worker that forks frames and then loops without forking,
		calling parc_poll, lets idle workers take every one of those
		frames: the poll serves their requests to share, publishing
		half of the private frames each time, and wakes sleeping
		workers. Each round forks 8 frames after the other workers
		had time to fall asleep, polls until all 8 have started on
		other workers, then joins them in reverse (each pop must
		return 0). With one worker, polling never runs a frame.
   Limitations:	With two or more workers, thieves must take the 8 frames
		within 10 s.
   Forks:	8 * 30 rounds.  */

/* { dg-do run } */

#include <parc.h>
#include <stdio.h>

#include "parc-share.h"
#include "parc-test.h"

static void poll_once(void) { parc_poll(); }

int main(void)
{
    CHECK(parc_start() == 0);
    parc_test_share_rounds(poll_once, 1000);
    printf("ok\n");
    /* { dg-output "ok" } */
    return 0;
}
