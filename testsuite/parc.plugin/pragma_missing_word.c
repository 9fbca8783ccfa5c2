/* Area:	#pragma parc
   Purpose:	Check that '#pragma parc' alone is an error.
   Limitations:	none.  */

/* { dg-do compile } */
void g(void)
{
#pragma parc /* { dg-error "expected 'fork' or 'join' after '#pragma parc'" } */
}
