/* comms-test.h: what the tests of parc.comms share.
 *
 *   ct_start()              starts the runtime; returns the calling worker
 *                           (worker 0)
 *   ct_run_on(w, to, fn, arg)  sends worker `to` a message that runs
 *                           fn(receiver, arg) there, inside its intake
 *                           (register ct_on_run for CT_RUN first:
 *                           ct_register())
 *   ct_await(w, c, want)    takes messages on w (parcint_comms_await) until
 *                           the atomic counter c reaches want (acquire); 60 s
 *                           at most, then CHECK fails
 *   ct_fill(words, n, key)  n pseudo-random words derived from key;
 *   ct_verify(words, n, key)  1 if they are intact
 *   ct_count_only_ours()    for tests that check the transport's counters
 *                           exactly: under PARC_STEAL=request, runs the
 *                           program again with PARC_STEAL=cas (the mode's
 *                           work requests are messages too, and the mode
 *                           is read when the library loads)
 */
#ifndef COMMS_TEST_H
#define COMMS_TEST_H

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "comms.h"
#include "pool.h"
#include "worker.h"

#include "parc-test.h"

enum { CT_RUN = PARCINT_MSG_FIRST_FREE, CT_DATA, CT_CHAIN, CT_OTHER };

typedef void (*ct_fn)(parcint_worker *w, void *arg);

struct ct_run {
    ct_fn fn;
    void *arg;
};

static inline void ct_on_run(parcint_worker *w, const parcint_msg *m)
{
    struct ct_run r;
    CHECK(parcint_msg_bytes(m) >= sizeof r);
    memcpy(&r, m->data, sizeof r);
    r.fn(w, r.arg);
}

static inline void ct_register(void)
{
    CHECK(parcint_comms_handle(CT_RUN, ct_on_run) == 0);
}

static inline parcint_worker *ct_start(void)
{
    CHECK(parc_start() == 0);
    parcint_worker *w = parcint_current();
    CHECK(w != NULL && w->id == 0);
    return w;
}

static inline void ct_run_on(parcint_worker *w, unsigned to, ct_fn fn,
                             void *arg)
{
    struct ct_run r = {fn, arg};
    CHECK(parcint_comms_send(w, to, CT_RUN, &r, sizeof r) == 0);
}

struct ct_wait {
    _Atomic long *c;
    long want;
    double t0;
};

static inline int ct_reached(void *p)
{
    struct ct_wait *cw = p;
    /* acquire: pairs with the release increments of the handlers, so what
     * they wrote before counting is visible to the caller. */
    if (atomic_load_explicit(cw->c, memory_order_acquire) >= cw->want)
        return 1;
    CHECK(parc_test_now() - cw->t0 < 60.0);
    return 0;
}

static inline void ct_await(parcint_worker *w, _Atomic long *c, long want)
{
    struct ct_wait cw = {c, want, parc_test_now()};
    parcint_comms_await(w, ct_reached, &cw);
}

static inline void ct_fill(uint64_t *words, unsigned n, uint64_t key)
{
    for (unsigned i = 0; i < n; i++)
        words[i] = parc_test_mix(key * 131 + i);
}

static inline int ct_verify(const uint64_t *words, unsigned n, uint64_t key)
{
    for (unsigned i = 0; i < n; i++)
        if (words[i] != parc_test_mix(key * 131 + i))
            return 0;
    return 1;
}

static inline void ct_count_only_ours(void)
{
    const char *mode = getenv("PARC_STEAL");
    if (!mode || strcmp(mode, "request") != 0)
        return;
    CHECK(setenv("PARC_STEAL", "cas", 1) == 0);
    char *argv[] = {(char *)"/proc/self/exe", NULL};
    execv("/proc/self/exe", argv);
    CHECK(!"execv /proc/self/exe failed");
}

#endif /* COMMS_TEST_H */
