/* Area:	use before join: a fork's destination
   Purpose:	Check that reading, assigning, taking the address of, or passing
		to another fork the destination of a pending fork, between the
		fork and its join in source order, is an error with a note at the
		fork; also for 'T x = f();', an array element destination, and a
		return value computed before the implicit join.
   Limitations:	the first use per fork is reported.  */

/* { dg-do compile } */
#include <parc.h>
PARC_PURE int sq(int v) { return v * v; }
PARC_CONTAINED void peek(const int *p) { (void) p; }
int read_it(int n)
{
    int x, y;
#pragma parc fork
    x = sq(n); /* { dg-message "forked here" } */
    y = x + 1; /* { dg-error "'x' is used before the join of the fork that writes it" } */
#pragma parc join
    return x + y;
}
int assign_it(int n)
{
    int x;
#pragma parc fork
    x = sq(n); /* { dg-message "forked here" } */
    x = 3; /* { dg-error "'x' is used before the join" } */
#pragma parc join
    return x;
}
int address_to_fork(int n)
{
#pragma parc fork
    int x = sq(n); /* { dg-message "forked here" } */
#pragma parc fork
    peek(&x); /* { dg-error "'x' is used before the join" } */
#pragma parc join
    return x;
}
int element(int n)
{
    int r[4] = { 0 };
#pragma parc fork
    r[1] = sq(n); /* { dg-message "forked here" } */
    r[2] = r[1]; /* { dg-error "an element of 'r' that a pending fork writes \\(its destination\\) is used before the join" } */
#pragma parc join
    return r[2];
}
int returned(int n)
{
    int x;
#pragma parc fork
    x = sq(n); /* { dg-message "forked here" } */
    return x; /* { dg-error "'x' is used before the join" } */
}
