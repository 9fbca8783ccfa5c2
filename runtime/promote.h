/* promote.h: promotion of loops inside sequential clones (promote.c); the
 * inline halves are in parc.h (parcint_lenter, parcint_lleave). */
#ifndef runtime_promote_h
#define runtime_promote_h

#include "worker.h"

/* Promotes the oldest loop of w's clones that may be promoted: its untouched
 * upper half becomes a public frame. Returns nonzero if it forked one. */
int parcint_promote(parcint_worker *w);

/* w is looking for work (h = 1: idle, or waiting at a join with nothing to
 * help with) or not any more (h = 0): counted in parcint_hungry, which
 * decides whether clones' loops keep records. Owner only. */
void parcint_set_hungry(parcint_worker *w, int h);

#endif /* runtime_promote_h */
