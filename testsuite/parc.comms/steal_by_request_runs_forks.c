/* Area:	PARC_STEAL=request (runtime/request.c)
   Purpose:	With work requested and sent by message instead of stolen
		by CAS, fork/join still computes what the serial program
		computes: fib(24) 40 times (scaled) and 300 random
		fork/join trees (scaled) whose leaves each add their own
		key once. With two or more workers, frames do run on other
		workers than the one that forked them (they were sent on
		request): at least one frame of the trees over the run
		(more trees are run, for 10 s at most, until one has).
   Limitations:	Uses the runtime's internal headers. A machine where
		the other workers never get a CPU for 10 s would fail the
		"at least one" check.  */

/* { dg-do run } */
/* { dg-parc-env PARC_STEAL request } */

#include "comms-test.h"
#include "request.h"

static _Atomic long moved; /* frames run on another worker than forked */
static _Atomic uint64_t leaf_sum;

struct node_call {
    parc_frame f;
    uint64_t key;
    int depth;
    int forker;
};

static void tree(uint64_t key, int depth);

static void node_thunk(parc_frame *f)
{
    struct node_call *c = (struct node_call *)f;
    if (parc_worker_id() != c->forker)
        atomic_fetch_add_explicit(&moved, 1, memory_order_relaxed);
    tree(c->key, c->depth);
}

static void tree(uint64_t key, int depth)
{
    uint64_t r = parc_test_mix(key);
    if (depth == 0 || r % 7 == 0) {
        for (volatile int i = 0; i < 200; i++)
            ;
        atomic_fetch_add_explicit(&leaf_sum, key, memory_order_relaxed);
        return;
    }
    int k = (int)(r % 4) + 1;
    struct node_call c[4];
    for (int i = 0; i < k; i++) {
        c[i].key = r + (uint64_t)i + 1;
        c[i].depth = depth - 1;
        c[i].forker = parc_worker_id();
        parc_fork(&c[i].f, node_thunk);
    }
    for (int i = k - 1; i >= 0; i--)
        parc_join(&c[i].f);
}

static uint64_t tree_serial(uint64_t key, int depth)
{
    uint64_t r = parc_test_mix(key);
    if (depth == 0 || r % 7 == 0)
        return key;
    int k = (int)(r % 4) + 1;
    uint64_t s = 0;
    for (int i = 0; i < k; i++)
        s += tree_serial(r + (uint64_t)i + 1, depth - 1);
    return s;
}

static long fib_serial(int n) { return n < 2 ? n : fib_serial(n - 1) + fib_serial(n - 2); }

int main(void)
{
    CHECK(parcint_steal_mode == PARCINT_STEAL_REQUEST);
    ct_start();
    unsigned nw = parc_workers();
    long want = fib_serial(24);
    long reps = parc_test_scaled(40, 4);
    for (long i = 0; i < reps; i++)
        CHECK(parc_test_fib(24) == want);
    long trees = parc_test_scaled(300, 20);
    long before = atomic_load_explicit(&moved, memory_order_relaxed);
    double t0 = parc_test_now();
    /* Until a frame moved (10 s at most), however small the scale. */
    for (long t = 0; t < trees ||
                     (nw > 1 &&
                      atomic_load_explicit(&moved, memory_order_relaxed) ==
                          before &&
                      parc_test_now() - t0 < 10.0);
         t++) {
        atomic_store_explicit(&leaf_sum, 0, memory_order_relaxed);
        tree((uint64_t)t * 977, 9);
        CHECK(atomic_load_explicit(&leaf_sum, memory_order_relaxed) ==
              tree_serial((uint64_t)t * 977, 9));
    }
    if (nw > 1)
        CHECK(atomic_load_explicit(&moved, memory_order_relaxed) > before);
    printf("ok\n");
    /* { dg-output "ok" } */
    return 0;
}
