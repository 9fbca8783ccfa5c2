/* Area:	__PARC__, parc.h
   Purpose:	Check that the plugin predefines __PARC__ and that the marks then
		become attributes.
   Limitations:	none.  */

/* { dg-do compile } */
#include <parc.h>
#ifndef __PARC__
#error "__PARC__ is not defined with the plugin"
#endif
PARC_PURE int sq(int x);
PARC_PURE int sq(int x) { return x * x; }
_Static_assert(__PARC__ == 1, "__PARC__ is 1");
