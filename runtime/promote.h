/* promote.h: promotion of loops inside sequential clones (promote.c); the
 * inline halves are in parc.h (parcint_lenter, parcint_lleave). */
#ifndef runtime_promote_h
#define runtime_promote_h

#include "worker.h"

/* Promotes the oldest loop of w's clones that may be promoted: its untouched
 * upper half becomes a public frame. Returns nonzero if it forked one. */
int parcint_promote(parcint_worker *w);

#endif /* runtime_promote_h */
