/* Area:	#pragma parc fork
   Purpose:	Check that a clause other than writes(...) is an error naming it.
   Limitations:	none.  */

/* { dg-do compile } */
void fill(int *p, int n) { for (int i = 0; i < n; i++) p[i] = i; }
void g(int *a, int n)
{
#pragma parc fork reads(a[0:n]) /* { dg-error "unknown clause 'reads' in '#pragma parc fork'" } */
    fill(a, n);
#pragma parc join
}
