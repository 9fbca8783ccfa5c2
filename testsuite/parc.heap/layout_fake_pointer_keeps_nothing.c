/* Area:	parc_layout_new, parc_alloc_layout: precise scanning
   Purpose:	A layout object's words that are not pointer fields keep
		nothing alive, even when they hold the exact address of a
		parc object, while its pointer fields keep their targets:
		a record rooted by a global holds in a plain field the
		address of a 4 MiB object and in a pointer field another
		4 MiB object; after a full collection the live bytes count
		the second and not the first (a conservative scan keeps
		both). The same for an array of records whose every
		element's plain words name 1 MiB objects, for a large
		array (a whole chunk run), and for a record whose pointer
		field points one past the end of its target (kept) or into
		its middle (kept).
   Limitations:	stale words on the stack could keep the objects that
		must die: they are made and checked in frames that have
		returned, which main overwrites before each collection, and
		main itself holds none of their addresses.  */

/* { dg-do run } */
/* { dg-parc-env ASAN_OPTIONS detect_stack_use_after_return=0 } */

#include <parc.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "parc-test.h"

#define MIB ((size_t)1 << 20)

struct rec {
    uintptr_t fake;   /* an address, as a number: not a pointer field */
    void *real;       /* a pointer field */
    uint64_t data[2]; /* more plain words */
};

static const parc_layout *rec_layout;
static struct rec *root; /* registered with parc_root_add */

static void *big(size_t n, unsigned char fill)
{
    unsigned char *p = parc_alloc_atomic(n);
    CHECK(p != NULL);
    memset(p, fill, n);
    return p;
}

/* count records; element i's plain words name a fresh object of `each`
 * bytes (or its middle), its pointer field the kept one. */
__attribute__((noinline)) static void make(size_t count, size_t each,
                                           void *kept)
{
    root = parc_alloc_layout(rec_layout, count);
    CHECK(root != NULL);
    for (size_t i = 0; i < count; i++) {
        unsigned char *f = big(each, 0x11);
        root[i].fake = (uintptr_t)f;
        root[i].data[0] = (uintptr_t)(f + each / 2);
        root[i].data[1] = (uintptr_t)(f + each);
        root[i].real = kept;
    }
}

/* Inlined into main, so that parc_test_clobber_stack clears every frame
 * below main's (the phases' and the checks', which held the objects'
 * addresses) and main itself never holds one. */
static inline __attribute__((always_inline)) size_t live_now(void)
{
    parc_test_clobber_stack(65536);
    parc_gc_collect();
    return parc_heap_live();
}

static void check_kept(const unsigned char *k, size_t n, unsigned char v)
{
    for (size_t i = 0; i < n; i += 4096)
        CHECK(k[i] == v);
    CHECK(k[n - 1] == v);
}

/* The phases: each makes its records (rooted by the global) in a frame of
 * its own, and checks what they keep in another. */
__attribute__((noinline)) static void one(void)
{
    make(1, 4 * MIB, big(4 * MIB, 0x22)); /* fake 4 MiB, real 4 MiB */
}

__attribute__((noinline)) static void one_kept(void)
{
    check_kept(root->real, 4 * MIB, 0x22);
}

/* 16 records, each naming its own 1 MiB object in its plain words; the
 * pointer fields share one 2 MiB object, reached through its middle. */
__attribute__((noinline)) static void sixteen(void)
{
    make(16, MIB, (unsigned char *)big(2 * MIB, 0x33) + MIB);
}

__attribute__((noinline)) static void sixteen_kept(void)
{
    check_kept((unsigned char *)root[7].real - MIB, 2 * MIB, 0x33);
}

/* A large array (a run of chunks): 8192 records of 32 bytes, 256 KiB;
 * plain words name 4 KiB objects (32 MiB in all), the pointer fields one
 * past the end of a 1 MiB object. */
__attribute__((noinline)) static void many(void)
{
    make(8192, 4096, (unsigned char *)big(MIB, 0x44) + MIB);
}

__attribute__((noinline)) static void many_kept(void)
{
    check_kept((unsigned char *)root[8191].real - MIB, MIB, 0x44);
}

int main(void)
{
    static const size_t ptrs[] = {offsetof(struct rec, real)};
    rec_layout = parc_layout_new(sizeof(struct rec), ptrs, 1);
    CHECK(rec_layout != NULL);
    CHECK(parc_root_add(&root, sizeof root) == 0);
    size_t base = live_now();

    one();
    size_t live = live_now();
    printf("one record: %zu KiB live over the base\n", (live - base) >> 10);
    CHECK(live >= base + 4 * MIB);
    CHECK(live < base + 5 * MIB);
    one_kept();

    sixteen();
    live = live_now();
    printf("16 records: %zu KiB live over the base\n", (live - base) >> 10);
    CHECK(live >= base + 2 * MIB);
    CHECK(live < base + 3 * MIB);
    sixteen_kept();

    many();
    live = live_now();
    printf("8192 records: %zu KiB live over the base\n", (live - base) >> 10);
    CHECK(live >= base + MIB + 8192 * sizeof(struct rec));
    CHECK(live < base + 2 * MIB + 8192 * sizeof(struct rec));
    many_kept();

    /* Dropped: nothing of it stays. */
    root = NULL;
    live = live_now();
    CHECK(live < base + MIB / 2);
    printf("ok\n");
    return 0;
}
/* { dg-output "ok" } */
