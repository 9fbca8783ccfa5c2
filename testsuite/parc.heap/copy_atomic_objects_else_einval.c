/* Area:	parc_copy
   Purpose:	parc_copy of an object allocated with parc_alloc_atomic (small
		and large) returns a new object of the caller's heap with the
		same contents, also for objects made in stolen frames and
		merged at the join, and for the parent's objects copied by
		its children (stolen ones copy from another task's heap). It fails with NULL and errno EINVAL (and a
		message) for an object that may hold pointers (parc_alloc),
		a pointer into the middle of an object, and memory that is
		not parc's.
   Limitations:	none.  */

/* { dg-do run } */
/* { dg-parc-env ASAN_OPTIONS detect_stack_use_after_return=1 } */
/* { dg-output "parc: parc_copy: .* may hold pointers" } */

#include <errno.h>
#include <parc.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "parc-test.h"

struct call {
    parc_frame f;
    size_t n;
    const unsigned char *src; /* the parent's object, to copy */
    unsigned char *r, *copy;
};

static void make(parc_frame *f)
{
    struct call *c = (struct call *)f;
    /* Kept on the stack, stored into the frame only as the last act: a
     * collection of a stolen task's heap scans its own stack, not its frame
     * (docs/heap.md, "Rules for the hand API"; PARC_GC_STRESS catches a
     * store made earlier). */
    unsigned char *copy = parc_copy(c->src);
    CHECK(copy != NULL && copy != c->src);
    CHECK(memcmp(copy, c->src, 64) == 0);
    unsigned char *p = parc_alloc_atomic(c->n);
    CHECK(p != NULL);
    for (size_t i = 0; i < c->n; i++)
        p[i] = (unsigned char)(i * 7 + c->n);
    CHECK(memcmp(copy, c->src, 64) == 0);
    c->copy = copy;
    c->r = p;
}

int main(void)
{
    static const size_t sizes[] = {1, 17, 500, 5000, 100000, 3 << 20};
    enum { K = sizeof sizes / sizeof *sizes };
    for (long round = 0; round < parc_test_scaled(50, 2); round++) {
        unsigned char *src = parc_alloc_atomic(64);
        CHECK(src != NULL);
        for (int i = 0; i < 64; i++)
            src[i] = (unsigned char)(round + i);
        struct call calls[K];
        for (int i = 0; i < K; i++) {
            calls[i].n = sizes[i];
            calls[i].src = src;
            parc_fork(&calls[i].f, make);
        }
        for (int i = K; i-- > 0;)
            parc_join(&calls[i].f);
        for (int i = 0; i < K; i++)
            for (int j = 0; j < 64; j++)
                CHECK(calls[i].copy[j] == (unsigned char)(round + j));
        for (int i = 0; i < K; i++) {
            unsigned char *c = parc_copy(calls[i].r);
            CHECK(c != NULL && c != calls[i].r);
            CHECK(memcmp(c, calls[i].r, sizes[i]) == 0);
        }
    }
    void *ptrs = parc_alloc(64);
    errno = 0;
    CHECK(parc_copy(ptrs) == NULL && errno == EINVAL);
    unsigned char *a = parc_alloc_atomic(64);
    errno = 0;
    CHECK(parc_copy(a + 8) == NULL && errno == EINVAL);
    static char not_parc[64];
    errno = 0;
    CHECK(parc_copy(not_parc) == NULL && errno == EINVAL);
    errno = 0;
    CHECK(parc_copy(NULL) == NULL && errno == EINVAL);
    fflush(stdout);
    return 0;
}
