/* Area:	the collector: interior and one-past-the-end pointers
   Purpose:	Objects of every size class and large objects are kept alive
		only by a pointer into their middle or one past their end;
		after collections and a flood of new allocations their
		contents must be intact and no new object may overlap them.
		Objects kept by no pointer at all must be reclaimed: the
		heap's live bytes after a collection stay near what is kept.
   Limitations:	the live-bytes bound allows for conservative retention.
   Allocations:	about 600,000 * PARC_TEST_SCALE objects.  */

/* { dg-do run } */
/* { dg-parc-env ASAN_OPTIONS detect_stack_use_after_return=0 } */

#include <parc.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "parc-test.h"

#define KEPT 64

struct kept {
    unsigned char *ref; /* into the middle, or one past the end */
    size_t size;
    int past_end;
};

/* The kept references live in a parc object, itself kept by the stack. */
static size_t size_of(int i)
{
    static const size_t sizes[] = {1, 8, 15, 16, 24, 100, 128, 1000, 4096,
                                   30000, 40000, 300000, 1 << 20};
    return sizes[i % (int)(sizeof sizes / sizeof *sizes)];
}

static int overlaps(const unsigned char *p, size_t n, struct kept *k)
{
    for (int i = 0; i < KEPT; i++) {
        const unsigned char *base = k[i].past_end ? k[i].ref - k[i].size
                                                  : k[i].ref - k[i].size / 2;
        if (p < base + k[i].size && base < p + n)
            return 1;
    }
    return 0;
}

int main(void)
{
    struct kept *k = parc_alloc(KEPT * sizeof *k);
    CHECK(k != NULL);
    size_t kept_bytes = 0;
    for (int i = 0; i < KEPT; i++) {
        size_t n = size_of(i);
        unsigned char *p = i % 3 == 0 ? parc_alloc_atomic(n) : parc_alloc(n);
        CHECK(p != NULL);
        for (size_t j = 0; j < n; j++)
            CHECK(p[j] == 0); /* memory comes zeroed */
        memset(p, 0x40 + i, n);
        k[i].size = n;
        k[i].past_end = i % 2;
        k[i].ref = k[i].past_end ? p + n : p + n / 2;
        kept_bytes += n;
    }
    long rounds = parc_test_scaled(30, 3);
    for (long r = 0; r < rounds; r++) {
        for (int j = 0; j < 20000; j++) {
            size_t n = size_of((int)(parc_test_mix((uint64_t)(r * 20000 + j)) % 11));
            unsigned char *p = j % 2 ? parc_alloc(n) : parc_alloc_atomic(n);
            CHECK(p != NULL);
            CHECK(!overlaps(p, n, k));
            p[0] = 1;
            p[n - 1] = 2;
        }
        parc_gc_collect();
        for (int i = 0; i < KEPT; i++) {
            const unsigned char *base = k[i].past_end ? k[i].ref - k[i].size
                                                      : k[i].ref - k[i].size / 2;
            for (size_t j = 0; j < k[i].size; j++)
                CHECK(base[j] == 0x40 + i);
        }
        /* The garbage went: what is live is what is kept, give or take the
         * cells' rounding and a few words that still look like pointers. */
        CHECK(parc_heap_live() < 2 * kept_bytes + (1 << 20));
    }
    printf("kept %zu bytes through %ld rounds\n", kept_bytes, rounds);
    return 0;
}
