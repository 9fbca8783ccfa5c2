/* Area:	parc_future_* (misuse answered with EINVAL)
   Purpose:	A handle once consumed (joined or dropped) is answered with
		EINVAL by join, drop, need, par and copy, and ready returns
		0 for it, without touching the future; so are a NULL handle
		pointer, a zeroed handle, and a stale handle whose cell has
		been reused by a new future (the new future is unharmed).
		Creating a future with a NULL output, a NULL function or an
		unknown flag is EINVAL too. The process does not abort.
   Limitations:	The messages on stderr are not checked.  */

/* { dg-do run } */

#include <errno.h>
#include <parc.h>
#include <stdint.h>
#include <stdio.h>

#include "parc-test.h"

static void *ident(void *p) { return p; }

static void all_einval(parc_future *h)
{
    parc_future out = {0};
    CHECK(parc_future_join(h, NULL) == EINVAL);
    CHECK(parc_future_drop(h) == EINVAL);
    CHECK(parc_future_need(h) == EINVAL);
    CHECK(parc_future_par(h) == EINVAL);
    CHECK(parc_future_copy(h, &out) == EINVAL);
    CHECK(out.cell == NULL);
    CHECK(parc_future_ready(h) == 0);
}

int main(void)
{
    parc_future h, c;
    void *v;

    /* joined, then everything again */
    CHECK(parc_future_fork(&h, ident, (void *)11, 0) == 0);
    v = NULL;
    CHECK(parc_future_join(&h, &v) == 0);
    CHECK(v == (void *)11);
    all_einval(&h);

    /* dropped (lazy and eager), then everything */
    CHECK(parc_future_lazy(&h, ident, (void *)12, 0) == 0);
    CHECK(parc_future_drop(&h) == 0);
    all_einval(&h);
    CHECK(parc_future_fork(&h, ident, (void *)13, 0) == 0);
    CHECK(parc_future_drop(&h) == 0);
    all_einval(&h);

    /* a consumed copy leaves the original valid */
    CHECK(parc_future_lazy(&h, ident, (void *)14, 0) == 0);
    CHECK(parc_future_copy(&h, &c) == 0);
    CHECK(parc_future_join(&c, NULL) == 0);
    all_einval(&c);
    CHECK(parc_future_need(&h) == 0);
    CHECK(parc_future_ready(&h) == 1);
    v = NULL;
    CHECK(parc_future_join(&h, &v) == 0);
    CHECK(v == (void *)14);
    all_einval(&h);

    /* a stale handle whose cell a new future reuses */
    parc_future old, fresh;
    CHECK(parc_future_lazy(&old, ident, (void *)15, 0) == 0);
    parc_future stale = old;
    CHECK(parc_future_join(&old, NULL) == 0);
    CHECK(parc_future_lazy(&fresh, ident, (void *)16, 0) == 0);
    all_einval(&stale);
    CHECK(parc_future_ready(&fresh) == 0); /* untouched by the stale calls */
    v = NULL;
    CHECK(parc_future_join(&fresh, &v) == 0);
    CHECK(v == (void *)16);
    printf("cell reused: %s\n", stale.cell == fresh.cell ? "yes" : "no");

    /* NULL and zeroed handles */
    parc_future zero = {0};
    all_einval(&zero);
    CHECK(parc_future_join(NULL, &v) == EINVAL);
    CHECK(parc_future_drop(NULL) == EINVAL);
    CHECK(parc_future_need(NULL) == EINVAL);
    CHECK(parc_future_par(NULL) == EINVAL);
    CHECK(parc_future_copy(NULL, &c) == EINVAL);
    CHECK(parc_future_ready(NULL) == 0);

    /* bad arguments to the constructors and to copy */
    CHECK(parc_future_fork(NULL, ident, NULL, 0) == EINVAL);
    CHECK(parc_future_lazy(NULL, ident, NULL, 0) == EINVAL);
    CHECK(parc_future_fork(&h, NULL, NULL, 0) == EINVAL);
    CHECK(parc_future_lazy(&h, NULL, NULL, 0) == EINVAL);
    CHECK(parc_future_fork(&h, ident, NULL, 1u << 7) == EINVAL);
    CHECK(parc_future_lazy(&h, ident, NULL, 1u << 7) == EINVAL);
    CHECK(parc_future_lazy(&h, ident, (void *)17, 0) == 0);
    CHECK(parc_future_copy(&h, NULL) == EINVAL);
    v = NULL;
    CHECK(parc_future_join(&h, &v) == 0); /* the failed copy took no ref */
    CHECK(v == (void *)17);
    printf("ok\n");
    /* { dg-output "ok" } */
    return 0;
}
