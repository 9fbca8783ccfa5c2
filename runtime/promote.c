/* promote.c: heartbeat promotion inside sequential clones (TPAL: Rainey et
 * al., PLDI 2021; Acar et al., PLDI 2018), driven by demand.
 *
 * A split loop's clone, while some worker is hungry or in a piece's outer
 * levels (parcint_lwant, parc.h), keeps a record (struct parcint_lrec) on this
 * thread's list: where it stands (cur), where its own part ends (hi), and the
 * range function's captures. When a thief that found nothing public asks this
 * worker to share (PARCINT_SIG_SHARE, which clears its limit), the next loop
 * entry of a clone polls here, and the oldest loop that may be promoted gives
 * up the upper half of the iterations it has not started: its hi drops to
 * the cut, and [cut, old hi) is forked publicly as a frame of the record
 * whose thunk calls the parallel range function (which splits further and
 * publishes as it goes). The loop joins its promoted parts when it reaches
 * its cut (parcint_lleave).
 *
 * Which loop: the oldest, since its untouched iterations are the biggest
 * work there is, but only among the loops younger than the innermost frame
 * this worker's deque holds. Joins are LIFO: a loop joins its parts when its
 * own part is done, before its function returns, so every frame forked after
 * a part and still pending then must belong to something younger. A loop
 * younger (deeper in this thread's stack: lower addresses, as every frame a
 * worker's deque holds lies in its own stack) than the innermost frame ends
 * before that frame is joined; an older loop's part would sit above that
 * frame and be joined after it, out of order. Parts of the same loop are
 * pieces of its record, so a loop with parts may be promoted again: its new
 * part is younger and joined first.
 *
 * Everything here runs on the owner's thread, at its poll: the records are
 * its own, read and written with plain loads and stores. */
#include "promote.h"

#include "deque.h"
#include "scale.h"
#include "stats.h"

#include <string.h>

__thread struct parcint_lrec *parcint_loops
    __attribute__((tls_model("initial-exec")));

/* Only a loop entered while some worker looks for work keeps a record (the
 * clone's entry tests this count, parc.h's parcint_lwant): with every worker
 * busy, or with one worker, a record is bookkeeping nobody reads. The loops
 * that matter are still recorded: a piece's oldest loops are entered when
 * it starts, right after its worker was hungry itself, and the rest of the
 * time a worker goes hungry, every loop entered from then on is recorded
 * and can be promoted at the next request. */
_Atomic unsigned parcint_hungry;
__thread int parcint_lroom __attribute__((tls_model("initial-exec")));

void parcint_set_hungry(parcint_worker *w, int h)
{
    if (w->hungry == h)
        return;
    w->hungry = h;
    /* relaxed: a count read as a hint (parcint_lwant); no memory is
     * published through it. */
    if (h)
        atomic_fetch_add_explicit(&parcint_hungry, 1, memory_order_relaxed);
    else
        atomic_fetch_sub_explicit(&parcint_hungry, 1, memory_order_relaxed);
}

/* Iterations of r not started: [cur + 1, hi). As a signed difference, so
 * that a loop past its last test (cur == hi) has none. */
static long long untouched(const struct parcint_lrec *r)
{
    return (long long)(r->hi - r->cur - 1);
}

int parcint_promote(parcint_worker *w)
{
    if (!parcint_deque_room(w))
        return 0;
    const parc_frame *top = parcint_deque_top(w);
    struct parcint_lrec *pick = NULL;
    for (struct parcint_lrec *r = parcint_loops; r; r = r->prev) {
        if (top && (uintptr_t)r > (uintptr_t)top)
            break; /* older than the innermost frame held */
        if (r->npieces < PARCINT_LPIECES && untouched(r) >= 1)
            pick = r;
    }
    if (!pick)
        return 0;
    /* Give away the upper half, rounded up: with one iteration left, that
     * one (the loop is busy with its current iteration meanwhile). */
    unsigned long long first = pick->cur + 1;
    unsigned long long cut = first + (unsigned long long)untouched(pick) / 2;
    if (pick->npieces == 0)
        pick->end = pick->hi;
    struct parcint_lpiece *p = &pick->pieces[pick->npieces++];
    p->rec = pick;
    p->lo = cut;
    p->hi = pick->hi;
    pick->hi = cut;
    w->promotions++;
    /* Pushed and published: limit is NULL, so parc_fork takes its slow
     * path, which serves the request that brought us here. */
    parcint_fork_public(&w->hot, &p->frame, pick->promote);
    return 1;
}

void parcint_lpoll(struct parcint_hot *hot)
{
    parcint_worker *w = parcint_current();
    /* PARC_SCALE measures the forks the program expresses: no promotion. */
    if (!w || parcint_scale_enabled()) {
        parcint_poll_slow(hot);
        return;
    }
    /* relaxed: the value only chooses between promoting and serving; the
     * request is consumed by parcint_deque_serve's seq_cst exchange, on
     * either path. Private frames are shared by publishing them. */
    if ((atomic_load_explicit(&hot->signal, memory_order_relaxed) &
         PARCINT_SIG_SHARE) &&
        hot->head == hot->split && parcint_promote(w))
        return;
    parcint_deque_serve(w);
}

/* Adds a[from..to) into a[0], in index order, in size-byte unsigned
 * arithmetic (the bits of a signed sum are the same). */
static void sum_into_first(void *a, unsigned size, unsigned long long from,
                           unsigned long long to)
{
    char *b = a;
    for (unsigned long long i = from; i != to; i++) {
        char *e = b + i * size;
        switch (size) {
        case 1: *(uint8_t *)b += *(uint8_t *)e; break;
        case 2: { uint16_t x, y; memcpy(&x, b, 2); memcpy(&y, e, 2); x += y; memcpy(b, &x, 2); break; }
        case 4: { uint32_t x, y; memcpy(&x, b, 4); memcpy(&y, e, 4); x += y; memcpy(b, &x, 4); break; }
        default: { uint64_t x, y; memcpy(&x, b, 8); memcpy(&y, e, 8); x += y; memcpy(b, &x, 8); break; }
        }
    }
}

void parcint_lleave_slow(struct parcint_lrec *r, void *sum, unsigned size)
{
    parcint_worker *w = parcint_current();
    /* The joins' time (waiting, leapfrogging, running a part nobody took) is
     * not the enclosing piece's own work: PARC_STATS takes it off
     * (sched.c's parcint_lazy_timed). */
    int timed = w && parcint_stats_enabled() && w->leave_depth++ == 0;
    uint64_t t0 = timed ? parcint_stats_cpu_ns() : 0;
    for (unsigned k = r->npieces; k > 0; k--) {
        struct parcint_lpiece *p = &r->pieces[k - 1];
        if (parc_pop(&p->frame))
            p->frame.fn(&p->frame);
    }
    if (w && parcint_stats_enabled() && --w->leave_depth == 0 && timed)
        w->piece_skip_ns += parcint_stats_cpu_ns() - t0;
    r->npieces = 0;
    if (sum)
        sum_into_first(sum, size, r->hi, r->end);
}
