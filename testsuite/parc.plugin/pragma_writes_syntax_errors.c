/* Area:	#pragma parc fork writes(...)
   Purpose:	Check each malformed writes clause: no parenthesis, no section, no
		colon, no bracket, unknown name, a name that is not a pointer,
		bad separator, text after the clause.
   Limitations:	none.  */

/* { dg-do compile } */
void fill(int *p, int n) { for (int i = 0; i < n; i++) p[i] = i; }
void g1(int *a, int n)
{
#pragma parc fork writes a[0:n] /* { dg-error {expected '\(' after 'writes'} } */
    fill(a, n);
}
void g2(int *a, int n)
{
#pragma parc fork writes(a) /* { dg-error {expected '\[' after 'a'} } */
    fill(a, n);
}
void g3(int *a, int n)
{
#pragma parc fork writes(a[0 n]) /* { dg-error {expected ':' in array section} } */
    fill(a, n);
}
void g4(int *a, int n)
{
#pragma parc fork writes(a[0:n) /* { dg-error {expected '\]' in array section} } */
    fill(a, n);
}
void g5(int *a, int n)
{
#pragma parc fork writes(b[0:n]) /* { dg-error {'b' undeclared in 'writes' clause} } */
    fill(a, n);
}
void g6(int *a, int n)
{
#pragma parc fork writes(n[0:1]) /* { dg-error {'n' in 'writes' clause is not a pointer or an array} } */
    fill(a, n);
}
void g7(int *a, int n)
{
#pragma parc fork writes(a[0:n] a[0:n]) /* { dg-error {expected ',' or '\)' in 'writes' clause} } */
    fill(a, n);
}
void g8(int *a, int n)
{
#pragma parc fork writes(a[0:n]) extra /* { dg-error {unexpected text after the 'writes' clause} } */
    fill(a, n);
}
void g9(int *a, int n)
{
#pragma parc fork writes(a[0:z]) /* { dg-error {'z' undeclared in 'writes' clause} } */
    fill(a, n);
}
