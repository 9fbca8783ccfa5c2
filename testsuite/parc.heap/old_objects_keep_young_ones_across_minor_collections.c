/* Area:	generations (PARC_GC_GEN): sticky mark bits, written pages
   Purpose:	Old objects (a large pointer array and small holders, made
		old by a full collection) are given pointers to young objects
		made after that, by plain stores, by memcpy and by read()
		from a pipe, and the young objects are then reachable only
		through the old ones. Garbage between the stores runs many
		minor and full collections (under PARC_GC_STRESS, as in the
		CI's stress pass, one at every allocation, every fourth of
		them full, with a smaller load); every young object is checked
		round after round, in
		four tasks (stolen ones in heaps of their own, merged at the
		joins) and again after the joins. Each backend is forced in
		turn, in a child process per backend: PARC_GC_GEN=uffd (full
		collections where the kernel lacks it) and off (auto, the
		default, is every other test's).
		PARC_TEST_GC_GEN=nobarrier runs minor collections without the
		written pages instead: then this test fails, which shows it
		sees a missing barrier.
   Limitations:	a young object a stale stack word still points to stays
		alive without the barrier; the stores are made in noinline
		functions and the stack is overwritten after them.
   Allocations:	about 4 x 7,000,000 * PARC_TEST_SCALE objects.  */

/* { dg-do run } */
/* { dg-parc-env ASAN_OPTIONS detect_stack_use_after_return=0 } */

#include <parc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "parc-child.h"
#include "parc-test.h"

#define TASKS 4

/* The large array (pointerful, 64 KiB; 32 KiB under stress, still a large
 * object), small pointerful holders, and garbage allocations per round:
 * smaller under PARC_GC_STRESS, where every allocation collects. Set before
 * the children are made. */
static uint64_t SLOTS = 8192, HOLDERS = 512;
static long GARBAGE = 8000, ROUNDS = 150;

struct young {
    uint64_t magic;
    struct young *next; /* a second young object, made after this one */
    char pad[16];
};

struct holder {
    struct young *p;
    uint64_t pad[4];
};

struct old {
    struct young **slot;       /* SLOTS pointers, a large object */
    struct holder **holder;    /* HOLDERS pointers to small objects */
    uint64_t *slot_key, *holder_key; /* expected magics: malloc'd, no pointers */
    int pipe[2];
};

static uint64_t magic_of(uint64_t key) { return parc_test_mix(key) | 1; }

__attribute__((noinline)) static struct young *young_pair(uint64_t key)
{
    struct young *a = parc_alloc(sizeof *a);
    struct young *b = parc_alloc(sizeof *b);
    CHECK(a && b);
    a->magic = magic_of(key);
    b->magic = magic_of(key + 1);
    a->next = b;
    return a;
}

__attribute__((noinline)) static void check_young(const struct young *y,
                                                  uint64_t key)
{
    CHECK(y != NULL);
    if (y->magic != magic_of(key) || !y->next ||
        y->next->magic != magic_of(key + 1)) {
        fprintf(stderr, "young object %p of key %llu lost (magic %llx)\n",
                (const void *)y, (unsigned long long)key,
                (unsigned long long)y->magic);
        CHECK(0);
    }
}

__attribute__((noinline)) static void make_old(struct old *o, uint64_t seed)
{
    o->slot = parc_alloc(SLOTS * sizeof *o->slot);
    o->holder = parc_alloc(HOLDERS * sizeof *o->holder);
    o->slot_key = calloc(SLOTS, sizeof *o->slot_key);
    o->holder_key = calloc(HOLDERS, sizeof *o->holder_key);
    CHECK(o->slot && o->holder && o->slot_key && o->holder_key);
    CHECK(pipe(o->pipe) == 0);
    for (uint64_t i = 0; i < SLOTS; i++) {
        o->slot_key[i] = seed * 1000003 + 2 * i;
        o->slot[i] = young_pair(o->slot_key[i]);
    }
    for (uint64_t i = 0; i < HOLDERS; i++) {
        o->holder[i] = parc_alloc(sizeof(struct holder));
        CHECK(o->holder[i]);
        o->holder_key[i] = seed * 1000003 + 2 * (SLOTS + i);
        o->holder[i]->p = young_pair(o->holder_key[i]);
    }
}

/* Round r of task seed: replaces some slots and holders' pointers with
 * new young objects, three ways. */
__attribute__((noinline)) static void store_young(struct old *o, uint64_t seed,
                                                  long r)
{
    for (int k = 0; k < 48; k++) {
        uint64_t key = parc_test_mix(seed + (uint64_t)r * 131 + (uint64_t)k);
        uint64_t i = key % SLOTS;
        uint64_t ykey = (seed << 40) + ((uint64_t)r << 16) + 4 * (uint64_t)k;
        struct young *y = young_pair(ykey);
        switch (k % 3) {
        case 0: /* a plain store */
            o->slot[i] = y;
            break;
        case 1: /* memcpy */
            memcpy(&o->slot[i], &y, sizeof y);
            break;
        default: /* a system call writes it */
            CHECK(write(o->pipe[1], &y, sizeof y) == sizeof y);
            CHECK(read(o->pipe[0], &o->slot[i], sizeof y) == sizeof y);
            break;
        }
        o->slot_key[i] = ykey;
        y = NULL;
    }
    for (int k = 0; k < 8; k++) {
        uint64_t i = parc_test_mix(seed * 7 + (uint64_t)r * 17 + (uint64_t)k) % HOLDERS;
        uint64_t ykey = (seed << 40) + ((uint64_t)r << 16) + 4 * (uint64_t)(64 + k);
        struct young *y = young_pair(ykey);
        if (k % 2)
            memcpy(&o->holder[i]->p, &y, sizeof y);
        else
            o->holder[i]->p = y;
        o->holder_key[i] = ykey;
    }
}

__attribute__((noinline)) static void garbage(long n)
{
    for (long i = 0; i < n; i++) {
        void *p = parc_alloc(8 + (size_t)(i % 7) * 16);
        CHECK(p != NULL);
    }
}

static void check_all(const struct old *o)
{
    for (uint64_t i = 0; i < SLOTS; i++)
        check_young(o->slot[i], o->slot_key[i]);
    for (uint64_t i = 0; i < HOLDERS; i++)
        check_young(o->holder[i]->p, o->holder_key[i]);
}

static void rounds(struct old *o, uint64_t seed, long n)
{
    for (long r = 0; r < n; r++) {
        store_young(o, seed, r);
        /* No dead slot keeps a young object alive in place of the old one
         * that must. */
        parc_test_clobber_stack(32768);
        garbage(GARBAGE);
        if (r % 8 == 0)
            check_all(o);
    }
    check_all(o);
}

struct task {
    parc_frame f;
    uint64_t seed;
    struct old *r;
};

static void task_thunk(parc_frame *f)
{
    struct task *t = (struct task *)f;
    /* malloc'd, so registered: its words are a root for every heap. */
    struct old *o = calloc(1, sizeof *o);
    CHECK(o != NULL && parc_root_add(o, sizeof *o) == 0);
    make_old(o, t->seed);
    parc_gc_collect(); /* a full collection: everything is old now */
    rounds(o, t->seed, parc_test_scaled(ROUNDS, 4));
    t->r = o;
}

static void body(void)
{
    struct task t[TASKS];
    for (int i = 0; i < TASKS; i++) {
        t[i] = (struct task){.seed = (uint64_t)i + 1};
        if (i < TASKS - 1)
            parc_fork(&t[i].f, task_thunk);
    }
    task_thunk(&t[TASKS - 1].f);
    for (int i = TASKS - 2; i >= 0; i--)
        if (parc_pop(&t[i].f))
            task_thunk(&t[i].f);
    /* Every task's heap is ours now: more rounds in the merged heap. */
    for (int i = 0; i < TASKS; i++)
        check_all(t[i].r);
    for (int i = 0; i < TASKS; i++)
        rounds(t[i].r, t[i].seed + 100, parc_test_scaled(20, 3));
    /* For the log: this thread's collections (no minor ones where the
     * kernel lacks the uffd backend). */
    struct parc_gc_stats st;
    if (parc_gc_stats(&st) == 0)
        printf("%s: this thread: %lu minor, %lu full collections\n",
               getenv("PARC_GC_GEN"), st.minor, st.full);
    fflush(stdout);
}

int main(void)
{
    const char *modes = getenv("PARC_TEST_GC_GEN");
    if (!modes || !*modes)
        modes = "uffd off"; /* auto, the default, is every other test's */
    char list[64];
    snprintf(list, sizeof list, "%s", modes);
    const char *stress = getenv("PARC_GC_STRESS");
    if (stress && *stress) {
        SLOTS = 4096;
        HOLDERS = 64;
        GARBAGE = 200;
        ROUNDS = 40;
    }
    /* PARC_GC_GEN and PARC_GC_STATS are read at the first allocation and
     * collection, in the child. */
    setenv("PARC_GC_STATS", "1", 0);
    /* Generations from the first collection: this test's heaps stay below
     * the default 8 MiB at which they would start. */
    setenv("PARC_GC_GEN_MIN", "0", 0);
    for (char *save, *m = strtok_r(list, " ", &save); m;
         m = strtok_r(NULL, " ", &save)) {
        char what[64];
        snprintf(what, sizeof what, "PARC_GC_GEN=%s", m);
        setenv("PARC_GC_GEN", m, 1);
        parc_child_expect_exit(body, what, "lost");
        printf("%s: passed\n", what);
    }
    return 0;
}
