/* Area:	parc_root_add, parc_root_remove
   Purpose:	Objects reachable only from a global array registered with
		parc_root_add survive many collections; a malloc'd table
		registered the same way too. parc_root_remove of a region
		never added returns EINVAL with a message; an empty region
		is EINVAL. After remove the region is no longer a root:
		the objects it held are reclaimed (live bytes drop).
   Limitations:	none.
   Allocations:	about 1,000,000 * PARC_TEST_SCALE objects.  */

/* { dg-do run } */
/* { dg-parc-env ASAN_OPTIONS detect_stack_use_after_return=0 } */
/* { dg-output "parc: parc_root_remove: .* was not registered" } */

#include <errno.h>
#include <parc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "parc-test.h"

#define N 512

static uint64_t *table[N];

static void fill(uint64_t **t, uint64_t salt)
{
    for (int i = 0; i < N; i++) {
        t[i] = parc_alloc_atomic(256);
        CHECK(t[i] != NULL);
        for (int j = 0; j < 32; j++)
            t[i][j] = salt + (uint64_t)(i * 32 + j);
    }
}

static void check(uint64_t **t, uint64_t salt)
{
    for (int i = 0; i < N; i++)
        for (int j = 0; j < 32; j++)
            CHECK(t[i][j] == salt + (uint64_t)(i * 32 + j));
}

static void churn(long n)
{
    for (long i = 0; i < n; i++)
        CHECK(parc_alloc(48) != NULL);
}

int main(void)
{
    CHECK(parc_root_add(table, sizeof table) == 0);
    uint64_t **heap_table = malloc(N * sizeof *heap_table);
    CHECK(heap_table != NULL);
    CHECK(parc_root_add(heap_table, N * sizeof *heap_table) == 0);
    fill(table, 1000);
    fill(heap_table, 5000000);
    long rounds = parc_test_scaled(20, 2);
    for (long r = 0; r < rounds; r++) {
        churn(50000);
        parc_gc_collect();
        check(table, 1000);
        check(heap_table, 5000000);
    }
    size_t with = parc_heap_live();
    CHECK(with >= 2 * N * 256);
    CHECK(parc_root_remove(heap_table) == 0);
    /* Hide the table's address from the stack scan as well. */
    uintptr_t hidden = (uintptr_t)heap_table ^ 0x5555;
    heap_table = NULL;
    parc_gc_collect();
    size_t without = parc_heap_live();
    CHECK(without + N * 256 <= with);
    check(table, 1000);
    free((void *)(hidden ^ 0x5555));
    CHECK(parc_root_remove(&hidden) == EINVAL);
    CHECK(parc_root_add(NULL, 8) == EINVAL);
    CHECK(parc_root_add(table, 0) == EINVAL);
    CHECK(parc_root_remove(table) == 0);
    fflush(stdout);
    fprintf(stderr, "done\n");
    return 0;
}
