/* Area:	writes clauses
   Purpose:	Check that a forked callee writing through a pointer argument needs a
		writes clause naming that argument.
   Limitations:	none.  */

/* { dg-do compile } */
static void fill(int *p, int n) { for (int i = 0; i < n; i++) p[i] = i; }
void g(int *a, int *b, int n)
{
#pragma parc fork
    fill(a, n); /* { dg-error "'fill' writes through argument 1 \\('a'\\), which no 'writes' clause of this fork names" } */
#pragma parc fork writes(a[0:n])
    fill(b, n); /* { dg-error "'fill' writes through argument 1 \\('b'\\)" } */
#pragma parc join
#pragma parc fork writes(a[0:n])
    fill(a + 0, n); /* { dg-bogus "writes through argument" } */
#pragma parc join
}
