/* Area:	#pragma parc fork
   Purpose:	Check that a fork at the end of a function body is an error at the
		pragma (also when it is the body's only statement).
   Limitations:	none.  */

/* { dg-do compile } */
int f(int x) { return x + 1; }
void g(void)
{
#pragma parc fork /* { dg-error "'#pragma parc fork' is not followed by a statement" } */
}
void h(int *p)
{
    *p = f(*p);
#pragma parc fork /* { dg-error "'#pragma parc fork' is not followed by a statement" } */
}
