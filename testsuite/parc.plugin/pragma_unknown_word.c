/* Area:	#pragma parc
   Purpose:	Check that a word after '#pragma parc' other than fork or join is an
		error at the pragma, not an ignored pragma.
   Limitations:	none.  */

/* { dg-do compile } */
int f(int x) { return x; }
int g(int x)
{
    int r;
#pragma parc spawn /* { dg-error "unknown '#pragma parc spawn'; expected 'fork' or 'join'" } */
    r = f(x);
    return r;
}
