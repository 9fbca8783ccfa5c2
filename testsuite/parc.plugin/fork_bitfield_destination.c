/* Area:	#pragma parc fork
   Purpose:	Check that a bit-field cannot receive a forked call's result (the
		parent takes the destination's address).
   Limitations:	none.  */

/* { dg-do compile } */
struct s { unsigned v : 4; };
unsigned f(unsigned x) { return x & 7; }
unsigned g(unsigned x)
{
    struct s s;
#pragma parc fork
    s.v = f(x); /* { dg-error "cannot be a bit-field" } */
#pragma parc join
    return s.v;
}
