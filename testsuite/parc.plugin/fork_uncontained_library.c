/* Area:	library table: not contained
   Purpose:	Check the table's not-contained class: rand, getenv, exit, time.
   Limitations:	none.  */

/* { dg-do compile } */
#include <stdlib.h>
#include <time.h>
static int roll(int x) { return x + rand(); } /* { dg-message "it calls 'rand', which reads and updates the random generator's hidden state" } */
static int home(int x) { return x + (getenv("HOME") != 0); } /* { dg-message "it calls 'getenv', which reads the environment" } */
static int quit(int x) { if (x) exit(x); return 0; } /* { dg-message "it calls 'exit', which runs atexit handlers" } */
static long now(int x) { return x + time(0); } /* { dg-message "it calls 'time', which reads the clock" } */
long g(int x)
{
    int a, b, c;
    long d;
#pragma parc fork
    a = roll(x); /* { dg-error "cannot fork a call to 'roll'" } */
#pragma parc fork
    b = home(x); /* { dg-error "cannot fork a call to 'home'" } */
#pragma parc fork
    c = quit(x); /* { dg-error "cannot fork a call to 'quit'" } */
#pragma parc fork
    d = now(x); /* { dg-error "cannot fork a call to 'now'" } */
#pragma parc join
    return a + b + c + d;
}
