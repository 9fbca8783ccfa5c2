/* Area:	contained process steps (gcc-steps.cc)
   Purpose:	Check that the step of a contained spawn must be contained
		(a step that writes a global through a helper is an error at
		the spawn, with the chain), must be a function named at the
		spawn (not a function pointer parameter), and must be
		defined in the file; at -O0.
   Limitations:	none.  */

/* { dg-do compile } */
/* { dg-options "-O0" } */
#include <parc.h>

static long total; /* { dg-message "'total' declared here" } */

static void bump(long x)
{
    total += x; /* { dg-message "'bump' reads global 'total' here" } */
}

static void *tally(void *state, void *msg)
{
    (void)state;
    bump((long)msg); /* { dg-message "'tally' is not contained: it calls 'bump', which reads global 'total'" } */
    return NULL;
}

void *elsewhere(void *state, void *msg); /* { dg-message "'elsewhere' is declared here" } */

void spawn_with(parc_proc *p, parc_step_fn f)
{
    parc_proc_spawn(p, f, NULL, NULL); /* { dg-error "the step of a contained process must be a function named here" } */
}

int main(void)
{
    parc_proc p[2];
    parc_proc_spawn(&p[0], tally, NULL, NULL); /* { dg-error "the step 'tally' of a contained process is not contained" } */
    parc_proc_spawn(&p[1], elsewhere, NULL, NULL); /* { dg-error "the step 'elsewhere' of a contained process is not defined in this file" } */
    return 0;
}
