/* Area:	contained process steps (gcc-steps.cc)
   Purpose:	Check that a contained spawn (NULL options) whose step sends
		to a process is an error at the spawn, with a note at the
		send; the same through a helper call chain, with a note at
		each call; and parc_proc_forward and parc_reply_give too.
   Limitations:	none.  */

/* { dg-do compile } */
#include <parc.h>

static parc_proc peer;

static void *direct(void *state, void *msg) /* { dg-message "a contained step may neither send nor wait; spawn the process .PARC_PROC_ACTOR. to let it send" } */
{
    (void)state;
    parc_proc_send(&peer, msg, NULL); /* { dg-message "'direct' calls 'parc_proc_send' here, which sends to a process" } */
    return NULL;
}

static void tell(void *m)
{
    parc_proc_send(&peer, m, NULL); /* { dg-message "'tell' calls 'parc_proc_send' here" } */
}

static void relay(void *m)
{
    tell(m); /* { dg-message "'relay' calls 'tell' here" } */
}

static void *indirect(void *state, void *msg) /* { dg-message "a contained step may neither send nor wait; spawn the process .PARC_PROC_ACTOR. to let it send" } */
{
    (void)state;
    relay(msg); /* { dg-message "'indirect' calls 'relay' here" } */
    return NULL;
}

static void *forwards(void *state, void *msg) /* { dg-message "a contained step may neither send nor wait; spawn the process .PARC_PROC_ACTOR. to let it send" } */
{
    (void)state;
    parc_proc_forward(&peer, msg); /* { dg-message "'forwards' calls 'parc_proc_forward' here" } */
    return NULL;
}

static void *gives(void *state, void *msg) /* { dg-message "a contained step may neither send nor wait; spawn the process .PARC_PROC_ACTOR. to let it send" } */
{
    parc_reply_give(state, msg); /* { dg-message "'gives' calls 'parc_reply_give' here, which gives a deferred reply" } */
    return NULL;
}

int main(void)
{
    parc_proc p[4];
    parc_proc_spawn(&p[0], direct, NULL, NULL); /* { dg-error "the step 'direct' of a contained process sends to a process: it calls 'parc_proc_send'" } */
    parc_proc_spawn(&p[1], indirect, NULL, NULL); /* { dg-error "the step 'indirect' of a contained process sends to a process" } */
    parc_proc_spawn(&p[2], forwards, NULL, NULL); /* { dg-error "the step 'forwards' of a contained process sends to a process" } */
    parc_proc_spawn(&p[3], gives, NULL, NULL); /* { dg-error "the step 'gives' of a contained process sends to a process" } */
    return 0;
}
