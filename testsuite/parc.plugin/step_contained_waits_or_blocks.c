/* Area:	contained process steps (gcc-steps.cc)
   Purpose:	Check that a contained step that waits for a future
		(parc_future_join, parc_future_need: through a helper) or may
		block its worker (a mutex, a sleep) is an error at the spawn
		with notes down to the call; the kind is read from a local
		options struct whose kind is contained on one path only, a
		compound literal, and a struct zeroed then given
		PARC_PROC_CONTAINED explicitly.
   Limitations:	none.  */

/* { dg-do compile } */
#include <parc.h>
#include <pthread.h>
#include <unistd.h>

static void *joins(void *state, void *msg) /* { dg-message "a contained step may neither send nor wait" } */
{
    parc_future *f = msg;
    void *v;
    (void)state;
    parc_future_join(f, &v); /* { dg-message "'joins' calls 'parc_future_join' here, which waits for a future" } */
    return v;
}

static void need(parc_future *f)
{
    parc_future_need(f); /* { dg-message "'need' calls 'parc_future_need' here, which waits for a future" } */
}

static void *needs(void *state, void *msg) /* { dg-message "a contained step may neither send nor wait" } */
{
    (void)state;
    need(msg); /* { dg-message "'needs' calls 'need' here" } */
    return NULL;
}

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static void *locks(void *state, void *msg) /* { dg-message "a contained step may neither send nor wait" } */
{
    (void)state;
    pthread_mutex_lock(&lock); /* { dg-message "'locks' calls 'pthread_mutex_lock' here, which may wait for a lock" } */
    pthread_mutex_unlock(&lock);
    return msg;
}

static void *sleeps(void *state, void *msg) /* { dg-message "a contained step may neither send nor wait" } */
{
    (void)state;
    usleep(10); /* { dg-message "'sleeps' calls 'usleep' here, which waits on the clock" } */
    return msg;
}

int main(int argc, char **argv)
{
    (void)argv;
    parc_proc p[4];
    parc_proc_opts maybe = {.capacity = 4};
    if (argc > 1)
        maybe.kind = PARC_PROC_ACTOR;
    else
        maybe.kind = PARC_PROC_CONTAINED;
    parc_proc_spawn(&p[0], joins, NULL, &maybe); /* { dg-error "the step 'joins' of a contained process waits for a future: it calls 'parc_future_join'" } */
    parc_proc_spawn(&p[1], needs, NULL, &(parc_proc_opts){.batch = 1}); /* { dg-error "the step 'needs' of a contained process waits for a future: it calls 'parc_future_need'" } */
    parc_proc_opts o = {0};
    o.kind = PARC_PROC_CONTAINED;
    parc_proc_spawn(&p[2], locks, NULL, &o); /* { dg-error "the step 'locks' of a contained process may block its worker: it calls 'pthread_mutex_lock'" } */
    parc_proc_spawn(&p[3], sleeps, NULL, NULL); /* { dg-error "the step 'sleeps' of a contained process may block its worker: it calls 'usleep'" } */
    return 0;
}
