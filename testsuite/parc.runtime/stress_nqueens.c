/* Area:	parc_fork, parc_pop, parc_join (stress)
   Purpose:	N-queens search trees (boards of 8 to 12): every safe
		placement of a queen in the next row is a frame forked in a
		loop into an array, joined in reverse. Solution counts must
		be the known ones and fork counts those of a serial search.
		Each node does a little busy work, so that thieves find some.
   Limitations:	none.
   Forks:	at least 1,500,000 * PARC_TEST_SCALE; the count is printed
		and checked.  */

/* { dg-do run } */

#include <parc.h>
#include <stdint.h>
#include <stdio.h>

#include "parc-test.h"

#define MAXN 12

/* Work that takes time and changes nothing, so that thieves get a chance. */
static void burn(unsigned n)
{
    volatile uint32_t x = n;
    while (n--)
        x = x * 1664525u + 1013904223u;
}

struct place {
    parc_frame f;
    int n, row;
    uint32_t cols, diag1, diag2; /* attacked columns and diagonals */
    uint64_t solutions, forks;
};

static void place_par(struct place *p);

static void place_thunk(parc_frame *f) { place_par((struct place *)f); }

static void place_par(struct place *p)
{
    p->solutions = 0;
    p->forks = 0;
    burn(16);
    if (p->row == p->n) {
        p->solutions = 1;
        return;
    }
    struct place kids[MAXN];
    int k = 0;
    uint32_t all = (1u << p->n) - 1;
    uint32_t free_cols = all & ~(p->cols | p->diag1 | p->diag2);
    while (free_cols) {
        uint32_t bit = free_cols & -free_cols;
        free_cols ^= bit;
        kids[k] = (struct place){.n = p->n, .row = p->row + 1,
                                 .cols = p->cols | bit,
                                 .diag1 = ((p->diag1 | bit) << 1) & all,
                                 .diag2 = (p->diag2 | bit) >> 1};
        parc_fork(&kids[k].f, place_thunk);
        k++;
    }
    /* Odd rows join through the thunk, even rows pop and call. */
    while (k-- > 0) {
        if (p->row & 1)
            parc_join(&kids[k].f);
        else if (parc_pop(&kids[k].f))
            place_par(&kids[k]);
        p->solutions += kids[k].solutions;
        p->forks += 1 + kids[k].forks;
    }
}

static uint64_t place_ser(int n, int row, uint32_t cols, uint32_t d1,
                          uint32_t d2, uint64_t *forks)
{
    if (row == n)
        return 1;
    uint64_t s = 0;
    uint32_t all = (1u << n) - 1;
    uint32_t free_cols = all & ~(cols | d1 | d2);
    while (free_cols) {
        uint32_t bit = free_cols & -free_cols;
        free_cols ^= bit;
        ++*forks;
        s += place_ser(n, row + 1, cols | bit, ((d1 | bit) << 1) & all,
                       (d2 | bit) >> 1, forks);
    }
    return s;
}

int main(void)
{
    static const uint64_t known[MAXN + 1] = {1, 1, 0, 0, 2, 10, 4, 40, 92,
                                             352, 724, 2680, 14200};
    const uint64_t target = (uint64_t)(1500000 * parc_test_scale());
    uint64_t total = 0;
    unsigned boards = 0;
    for (int i = 0; total < target; i++) {
        int n = 8 + (i * 3) % 5; /* 8, 11, 9, 12, 10, ... */
        struct place root = {.n = n};
        place_par(&root);
        uint64_t forks = 0;
        CHECK(root.solutions == known[n]);
        CHECK(place_ser(n, 0, 0, 0, 0, &forks) == known[n]);
        CHECK(root.forks == forks);
        total += root.forks;
        boards++;
    }
    CHECK(total >= target);
    printf("boards=%u forks=%llu\n", boards, (unsigned long long)total);
    printf("ok\n");
    /* { dg-output "ok" } */
    return 0;
}
