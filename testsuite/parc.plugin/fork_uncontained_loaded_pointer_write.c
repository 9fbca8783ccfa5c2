/* Area:	contained: stores through loaded pointers
   Purpose:	Check that a store through a pointer loaded from memory is not
		contained, while a store through the parameter itself is.
   Limitations:	none.  */

/* { dg-do compile } */
struct node { struct node *next; int v; };
static int poke(struct node *n) { n->next->v = 1; return 0; } /* { dg-message "'poke' is not contained: it writes through a pointer loaded from memory" } */
static int set(struct node *n) { n->v = 1; return 0; }
int g(struct node *n)
{
    int r, s;
#pragma parc fork
    r = poke(n); /* { dg-error "cannot fork a call to 'poke'" } */
#pragma parc fork writes(n[0:1])
    s = set(n); /* { dg-bogus "cannot fork" } */
#pragma parc join
    return r + s;
}
