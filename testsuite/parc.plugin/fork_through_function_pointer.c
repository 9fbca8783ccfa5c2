/* Area:	#pragma parc fork
   Purpose:	Check that forking a call through a function pointer is an error.
   Limitations:	none.  */

/* { dg-do compile } */
int g(int (*fp)(int), int x)
{
    int y;
#pragma parc fork
    y = fp(x); /* { dg-error "cannot fork a call through a function pointer" } */
#pragma parc join
    return y;
}
