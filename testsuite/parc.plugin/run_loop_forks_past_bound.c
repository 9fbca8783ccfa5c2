/* Area:	lowering: loops that fork more often than the frame bound
   Purpose:	Check that a loop forking 5000 calls before one join (more than
		the bounded frame array holds: the rest run inline, in order),
		and a while loop over a list, give the serial result at every
		worker count, and that the loop can run again after its join.
   Limitations:	none.  */

/* { dg-do run } */
#include <parc.h>
#include <stdio.h>

struct node { long v; struct node *next; long out; };

PARC_PURE static long cube(long v) { return v * v * v % 1000003; }

int main(void)
{
    static long r[5000];
    static struct node nodes[300];
    long total = 0;
    for (int round = 0; round < 3; round++) {
        for (int i = 0; i < 5000; i++) {
#pragma parc fork
            r[i] = cube(i + round);
        }
#pragma parc join
        for (int i = 0; i < 5000; i++)
            total += r[i];
    }
    for (int i = 0; i < 300; i++) {
        nodes[i].v = i;
        nodes[i].next = i + 1 < 300 ? &nodes[i + 1] : 0;
    }
    struct node *n = &nodes[0];
    while (n) {
#pragma parc fork
        n->out = cube(n->v * 7);
        n = n->next;
    }
#pragma parc join
    for (int i = 0; i < 300; i++)
        total += nodes[i].out;
    printf("%ld\n", total); /* { dg-output "7672127105" } */
    return 0;
}
