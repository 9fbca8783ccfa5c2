/* Area:	plugin arguments
   Purpose:	Check that an unknown -fplugin-arg-parc-* key is an error naming it.
   Limitations:	none.  */

/* { dg-do compile } */
/* { dg-options "-fplugin-arg-parc-bogus" } */
/* { dg-error "unknown argument '-fplugin-arg-parc-bogus'" "" { target *-*-* } 0 } */
/* { dg-error "failed to initialize plugin" "" { target *-*-* } 0 } */
int x;
