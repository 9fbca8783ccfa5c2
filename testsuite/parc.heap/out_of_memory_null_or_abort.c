/* Area:	out of memory (PARC_HEAP_MAX, PARC_OOM)
   Purpose:	In a child process whose heaps may take 16 MiB in all
		(PARC_HEAP_MAX=16), keeping every object alive eventually
		makes parc_alloc return NULL with errno ENOMEM (after a
		collection found nothing to free), for small and large
		requests; the program can go on after dropping its objects.
		With PARC_OOM=abort the same program dies of SIGABRT with a
		message naming the request's size. And garbage never runs
		out: allocating 40 times the cap in dropped objects works.
   Limitations:	none.  */

/* { dg-do run } */
/* { dg-parc-env ASAN_OPTIONS detect_stack_use_after_return=0 } */

#include <errno.h>
#include <parc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parc-child.h"
#include "parc-test.h"

struct keep {
    struct keep *next;
    char pad[200];
};

/* Keeps every object alive until parc_alloc fails; returns their count. */
__attribute__((noinline)) static long fill(size_t size)
{
    struct keep *head = NULL;
    long n = 0;
    for (;;) {
        struct keep *k = parc_alloc(size);
        if (!k) {
            CHECK(errno == ENOMEM);
            return n;
        }
        k->next = head;
        head = k;
        n++;
        CHECK(n * (long)size < (64L << 20)); /* the cap holds */
    }
}

static void exhaust(size_t size)
{
    CHECK(fill(size) > 0);
    /* No dead slot of fill's frame still points at its chain. */
    parc_test_clobber_stack(65536);
    /* After dropping everything there is room again. */
    parc_gc_collect();
    CHECK(parc_alloc(size) != NULL);
}

/* The sizes filled and the garbage made. Under PARC_GC_STRESS, which
 * collects at every allocation and so marks all that is kept so far each
 * time, the objects are 8 KiB (still a small class) and fewer: the same
 * megabytes in 40 times fewer allocations. */
static size_t small = sizeof(struct keep), garbage_size = 256;
static long garbage_count = 40 * 16 * 4096;

static void null_small(void) { exhaust(small); }
static void null_large(void) { exhaust(1 << 20); }

static void garbage_fits(void)
{
    for (long i = 0; i < garbage_count; i++) {
        char *p = parc_alloc(garbage_size);
        CHECK(p != NULL);
        p[0] = 1;
    }
    for (int i = 0; i < 200; i++)
        CHECK(parc_alloc_atomic(3 << 20) != NULL);
}

static void abort_small(void)
{
    setenv("PARC_OOM", "abort", 1);
    exhaust(small);
}

int main(void)
{
    if (getenv("PARC_GC_STRESS")) {
        small = 8192;
        garbage_size = 8192;
        garbage_count = 40 * 16 * 128;
    }
    char aborted[64];
    snprintf(aborted, sizeof aborted, "parc: out of memory: parc_alloc(%zu)",
             small);
    setenv("PARC_HEAP_MAX", "16", 1);
    parc_child_expect_exit(null_small, "small objects", "CHECK failed");
    parc_child_expect_exit(null_large, "large objects", "CHECK failed");
    parc_child_expect_exit(garbage_fits, "garbage", "CHECK failed");
    parc_child_expect_abort(abort_small, "PARC_OOM=abort",
                            aborted);
    printf("ok\n");
    return 0;
}
