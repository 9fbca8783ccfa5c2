/* Area:	#pragma parc fork, #pragma parc join
   Purpose:	Check that fork and join outside a function body are errors.
   Limitations:	none.  */

/* { dg-do compile } */
#pragma parc fork /* { dg-error "'#pragma parc fork' at file scope" } */
int f(int x) { return x; }
#pragma parc join /* { dg-error "'#pragma parc join' at file scope" } */
