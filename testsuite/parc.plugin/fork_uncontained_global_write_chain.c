/* Area:	contained, call graph, notes
   Purpose:	Check that forking a call whose callee's callee writes a global is an
		error at the fork, with a note per hop and the global's declaration.
   Limitations:	none.  */

/* { dg-do compile } */
int log_level; /* { dg-message "note: 'log_level' declared here" } */
static void note(int x) { log_level = x; } /* { dg-message "note: 'note' writes global 'log_level' here" } */
static void step(int x) { note(x); }
static int run(int x)
{
    step(x); /* { dg-message "'run' is not contained: it calls 'step', which calls 'note', which writes global 'log_level'" } */
    return x;
}
int g(int x)
{
    int r;
#pragma parc fork
    r = run(x); /* { dg-error "cannot fork a call to 'run', which is not contained" } */
#pragma parc join
    return r;
}
