/* Area:	process heaps: replies that hold pointers (layout objects)
   Purpose:	A step's reply that is a parc_alloc_layout object of the
		process's heap reaches each joiner as a deep copy in the
		joiner's heap: a ring of 64 layout nodes with atomic names,
		a node shared by two others, a self-loop and an interior
		pointer into a layout array, built by the step among garbage
		(PARC_GC_STRESS=2: the process's heap is collected as it is
		built and between steps). The reply is joined after its
		process is reclaimed with its heap, and its chunks reused;
		two handles of one reply each get their own copy; the graph
		is checked after main's own collections. A reply whose
		graph reaches a parc_alloc object, and a parc_alloc reply,
		are refused: the joiner gets NULL, with a message.
   Limitations:	none.  */

/* { dg-do run } */
/* { dg-parc-env PARC_GC_STRESS 2 } */
/* { dg-output "parc: parc_proc step: the reply 0x\[0-9a-f\]+ reaches 0x\[0-9a-f\]+, which may hold pointers.*" } */
/* { dg-output "parc: parc_proc step: the reply 0x\[0-9a-f\]+ is in the process's heap but is not the start.*" } */

#include <parc.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "parc-test.h"

enum { R = 64 };

struct node {
    uint64_t key;
    struct node *next, *self, *shared;
    char *name;          /* atomic */
    struct node **slot;  /* into the array below */
    struct node **array; /* R pointers, a layout array */
};

static const parc_layout *node_l, *ptr_l;

static void name_of(char *b, uint64_t k)
{
    snprintf(b, 24, "node-%llu", (unsigned long long)k);
}

/* msg: the seed; 0: a graph that reaches a parc_alloc object; 1: a
 * parc_alloc reply. */
static void *build(void *state, void *msg)
{
    (void)state;
    uint64_t seed = (uint64_t)(uintptr_t)msg;
    if (seed == 1)
        return parc_alloc(64);
    struct node **array = parc_alloc_layout(ptr_l, R);
    CHECK(array != NULL);
    for (int i = 0; i < R; i++) {
        struct node *n = parc_alloc_layout(node_l, 1);
        CHECK(n != NULL);
        n->key = seed * 1000 + (uint64_t)i;
        CHECK((n->name = parc_alloc_atomic(24)) != NULL);
        name_of(n->name, n->key);
        n->self = n;
        n->array = array;
        n->slot = &array[i];
        array[i] = n;
        for (int j = 0; j < 8; j++) /* garbage */
            memset(parc_alloc_atomic(48), 0xee, 48);
    }
    for (int i = 0; i < R; i++) {
        array[i]->next = array[(i + 1) % R];
        array[i]->shared = array[R / 2];
    }
    if (seed == 0)
        array[R - 1]->shared = (struct node *)parc_alloc(32);
    return array[0];
}

static void check(const struct node *g, uint64_t seed)
{
    CHECK(g != NULL);
    const struct node *p = g;
    struct node **array = g->array;
    for (int i = 0; i < R; i++, p = p->next) {
        char want[24];
        CHECK(p->key == seed * 1000 + (uint64_t)i);
        name_of(want, p->key);
        CHECK(strcmp(p->name, want) == 0);
        CHECK(p->self == p);
        CHECK(p->array == array && p->slot == &array[i] && array[i] == p);
        CHECK(p->shared == array[R / 2]);
    }
    CHECK(p == g);
}

static atomic_int gone;
static void note_gone(void *state)
{
    (void)state;
    atomic_store(&gone, 1);
}

static void *nothing(void *state, void *msg)
{
    (void)state;
    return msg;
}

int main(void)
{
    static const size_t np[] = {offsetof(struct node, next),
                                offsetof(struct node, self),
                                offsetof(struct node, shared),
                                offsetof(struct node, name),
                                offsetof(struct node, slot),
                                offsetof(struct node, array)};
    static const size_t pp[] = {0};
    CHECK((node_l = parc_layout_new(sizeof(struct node), np, 6)));
    CHECK((ptr_l = parc_layout_new(sizeof(void *), pp, 1)));

    long rounds = parc_test_scaled(20, 3);
    for (long r = 0; r < rounds; r++) {
        uint64_t seed = 2 + (uint64_t)r;
        parc_proc p, sync;
        parc_proc_opts fo = {.fini = note_gone};
        atomic_store(&gone, 0);
        CHECK(parc_proc_spawn(&p, build, NULL, &fo) == 0);
        CHECK(parc_proc_spawn(&sync, nothing, NULL, NULL) == 0);
        parc_future f, f2;
        CHECK(parc_proc_send(&p, (void *)(uintptr_t)seed, &f) == 0);
        CHECK(parc_future_copy(&f, &f2) == 0);
        CHECK(parc_proc_drop(&p) == 0);
        double t0 = parc_test_now();
        while (!atomic_load(&gone)) { /* joining helps run processes */
            parc_future s;
            CHECK(parc_test_now() - t0 < 60);
            CHECK(parc_proc_send(&sync, NULL, &s) == 0);
            CHECK(parc_future_join(&s, NULL) == 0);
        }
        CHECK(parc_proc_drop(&sync) == 0);
        for (int j = 0; j < 64; j++) /* chunks the heap gave back, reused */
            memset(parc_alloc_atomic(4000), 0x5a, 4000);
        void *v, *v2;
        CHECK(parc_future_join(&f, &v) == 0);
        check(v, seed);
        CHECK(parc_future_join(&f2, &v2) == 0);
        CHECK(v2 != v);
        check(v2, seed);
        for (int j = 0; j < 2000; j++) /* main's collections */
            memset(parc_alloc_layout(node_l, 1), 0x77, sizeof(struct node));
        parc_gc_collect();
        check(v, seed);
        check(v2, seed);
    }

    /* Refused: a graph reaching a parc_alloc object; a parc_alloc reply. */
    parc_proc p;
    CHECK(parc_proc_spawn(&p, build, NULL, NULL) == 0);
    parc_future f;
    void *v = (void *)1;
    CHECK(parc_proc_send(&p, (void *)0, &f) == 0);
    CHECK(parc_future_join(&f, &v) == 0);
    CHECK(v == NULL);
    fflush(stdout);
    v = (void *)1;
    CHECK(parc_proc_send(&p, (void *)1, &f) == 0);
    CHECK(parc_future_join(&f, &v) == 0);
    CHECK(v == NULL);
    CHECK(parc_proc_drop(&p) == 0);
    printf("ok\n");
    return 0;
}
/* { dg-output "ok" } */
