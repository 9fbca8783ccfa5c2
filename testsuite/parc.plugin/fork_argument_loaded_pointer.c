/* Area:	contained: pointer arguments
   Purpose:	Check that forking a callee that writes through its argument is an
		error when the argument is a pointer loaded from memory.
   Limitations:	none.  */

/* { dg-do compile } */
struct buf { int *data; int n; };
static void fill(int *p, int n) { for (int i = 0; i < n; i++) p[i] = i; }
void g(struct buf *b)
{
#pragma parc fork
    fill(b->data, b->n); /* { dg-error "cannot fork this call: argument 1 of 'fill' is a pointer loaded from memory, and 'fill' writes through it" } */
#pragma parc join
}
