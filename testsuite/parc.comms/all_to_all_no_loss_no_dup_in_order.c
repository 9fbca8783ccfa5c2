/* Area:	parcint_comms_begin, _commit, _flush, _intake (stress)
   Purpose:	All-to-all traffic: 256 leaf tasks, forked as a tree and
		run wherever the scheduler puts them, each send 400
		messages (scaled) from the worker they run on to random
		workers, itself included, of 1 to 24 payload words
		(blocks fill and are reused), flushing every few
		messages. Every message arrives exactly once, in the
		order its sender sent it to that receiver (a sequence per
		sender and receiver), on the worker it was sent to, with
		its payload intact; the counts received per pair equal the
		counts sent.
   Limitations:	Uses the runtime's internal headers.  */

/* { dg-do run } */

#include "comms-test.h"

#define LEAVES 256
#define MAXW PARC_MAX_WORKERS

struct payload {
    uint64_t seq, to, key, nwords;
    uint64_t words[24];
};

static unsigned nw;
static long per_leaf;
/* [sender][receiver], written only by the sender's worker. */
static uint64_t (*next_seq)[MAXW];
/* [receiver][sender], written only by the receiver's worker. */
static uint64_t (*expect)[MAXW];
static _Atomic long received;

static void on_data(parcint_worker *w, const parcint_msg *m)
{
    const struct payload *p = (const struct payload *)m->data;
    CHECK(m->kind == CT_DATA && m->hops == 0);
    CHECK(m->from < nw && p->to == w->id);
    CHECK(p->seq == expect[w->id][m->from]); /* no loss, no dup, in order */
    expect[w->id][m->from]++;
    CHECK(p->nwords <= 24);
    CHECK(parcint_msg_bytes(m) >= 4 * sizeof(uint64_t) + p->nwords * 8);
    CHECK(ct_verify(p->words, (unsigned)p->nwords, p->key));
    /* release: pairs with ct_await's acquire (expect is read at the end). */
    atomic_fetch_add_explicit(&received, 1, memory_order_release);
}

static void leaf(unsigned i)
{
    parcint_worker *w = parcint_current();
    uint64_t r = parc_test_mix(i + 1);
    for (long k = 0; k < per_leaf; k++) {
        r = parc_test_mix(r);
        unsigned to = (unsigned)(r % nw);
        unsigned nwords = (unsigned)((r >> 16) % 24) + 1;
        parcint_msg *m = parcint_comms_begin(
            w, to, CT_DATA, 4 * sizeof(uint64_t) + nwords * 8);
        CHECK(m != NULL);
        struct payload *p = (struct payload *)m->data;
        p->seq = next_seq[w->id][to]++;
        p->to = to;
        p->key = r;
        p->nwords = nwords;
        ct_fill(p->words, nwords, r);
        parcint_comms_commit(w);
        if ((r >> 40) % 4 == 0)
            parcint_comms_flush(w);
        if ((r >> 44) % 16 == 0)
            parc_poll();
    }
    parcint_comms_flush(w);
}

struct tree {
    parc_frame f;
    unsigned lo, hi;
};

static void tree(unsigned lo, unsigned hi);

static void tree_thunk(parc_frame *f)
{
    struct tree *t = (struct tree *)f;
    tree(t->lo, t->hi);
}

static void tree(unsigned lo, unsigned hi)
{
    if (hi - lo == 1) {
        leaf(lo);
        return;
    }
    unsigned mid = lo + (hi - lo) / 2;
    struct tree a = {.lo = lo, .hi = mid};
    parc_fork(&a.f, tree_thunk);
    tree(mid, hi);
    parc_join(&a.f);
}

int main(void)
{
    ct_count_only_ours(); /* it checks that nothing else is pending */
    CHECK(parcint_comms_handle(CT_DATA, on_data) == 0);
    parcint_worker *w = ct_start();
    nw = parc_workers();
    per_leaf = parc_test_scaled(400, 20);
    next_seq = calloc(MAXW, sizeof *next_seq);
    expect = calloc(MAXW, sizeof *expect);
    CHECK(next_seq && expect);

    tree(0, LEAVES);
    long total = LEAVES * per_leaf;
    ct_await(w, &received, total);
    CHECK(atomic_load_explicit(&received, memory_order_acquire) == total);
    long sum = 0;
    for (unsigned r = 0; r < nw; r++)
        for (unsigned s = 0; s < nw; s++) {
            CHECK(expect[r][s] == next_seq[s][r]);
            sum += (long)expect[r][s];
        }
    CHECK(sum == total);
    CHECK(!parcint_comms_pending(w));
    printf("messages=%ld ok\n", total);
    /* { dg-output "ok" } */
    return 0;
}
