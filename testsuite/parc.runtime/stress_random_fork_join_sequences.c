/* Area:	parc_fork, parc_pop, parc_join (stress)
   Purpose:	Random interleavings of forks and joins: a function keeps a
		stack of up to 48 pending frames and, driven by a seeded
		generator, forks a new frame or joins the innermost one
		(parc_join or parc_pop plus an inline call), reusing joined
		frames for later forks. Thunks run shorter sequences of
		their own, three levels deep. Every frame's value is checked
		when it is joined, and the whole against a serial run.
   Limitations:	none.
   Forks:	at least 1,000,000 * PARC_TEST_SCALE; the count is printed
		and checked.  */

/* { dg-do run } */

#include <parc.h>
#include <stdint.h>
#include <stdio.h>

#include "parc-test.h"

#define STACK 48

struct job {
    parc_frame f;
    uint64_t key;
    int level;
    uint64_t value, forks;
};

static uint64_t seq_par(uint64_t key, int level, uint64_t *forks);
static uint64_t seq_ser(uint64_t key, int level, uint64_t *forks);

static void job_run(struct job *j)
{
    j->forks = 0;
    j->value = j->level > 0 ? seq_par(j->key, j->level - 1, &j->forks)
                            : parc_test_mix(j->key);
}

static void job_thunk(parc_frame *f) { job_run((struct job *)f); }

static uint64_t job_expect(uint64_t key, int level, uint64_t *forks)
{
    return level > 0 ? seq_ser(key, level - 1, forks) : parc_test_mix(key);
}

/* Operations of a sequence at this level: the top level runs long ones. */
static unsigned ops_of(uint64_t key, int level)
{
    return level >= 3 ? 4000 : (unsigned)(parc_test_mix(key) % (8u << level));
}

static uint64_t seq_par(uint64_t key, int level, uint64_t *forks)
{
    struct job st[STACK];
    int top = 0;
    uint64_t acc = parc_test_mix(key ^ 0x77), r = key;
    unsigned ops = ops_of(key, level);
    for (unsigned op = 0; op < ops || top > 0; op++) {
        r = parc_test_mix(r);
        int fork = op < ops && top < STACK && (top == 0 || (r & 3) != 0);
        if (fork) {
            st[top] = (struct job){
                .key = r, .level = (int)((r >> 8) % (unsigned)(level + 1))};
            parc_fork(&st[top].f, job_thunk);
            top++;
            ++*forks;
        } else {
            struct job *j = &st[--top];
            if ((r >> 4) & 1)
                parc_join(&j->f);
            else if (parc_pop(&j->f))
                job_run(j);
            uint64_t fk = 0;
            CHECK(j->value == job_expect(j->key, j->level, &fk));
            CHECK(j->forks == fk);
            *forks += j->forks;
            acc = parc_test_mix(acc + j->value);
        }
    }
    return acc;
}

static uint64_t seq_ser(uint64_t key, int level, uint64_t *forks)
{
    uint64_t stk[STACK];
    int lv[STACK];
    int top = 0;
    uint64_t acc = parc_test_mix(key ^ 0x77), r = key;
    unsigned ops = ops_of(key, level);
    for (unsigned op = 0; op < ops || top > 0; op++) {
        r = parc_test_mix(r);
        int fork = op < ops && top < STACK && (top == 0 || (r & 3) != 0);
        if (fork) {
            stk[top] = r;
            lv[top] = (int)((r >> 8) % (unsigned)(level + 1));
            top++;
            ++*forks;
        } else {
            top--;
            acc = parc_test_mix(acc + job_expect(stk[top], lv[top], forks));
        }
    }
    return acc;
}

int main(void)
{
    const uint64_t target = (uint64_t)(1000000 * parc_test_scale());
    uint64_t total = 0, seed = 0x5e9;
    unsigned runs = 0;
    while (total < target) {
        uint64_t key = parc_test_mix(seed++), forks = 0, sforks = 0;
        uint64_t v = seq_par(key, 3, &forks);
        CHECK(v == seq_ser(key, 3, &sforks));
        CHECK(forks == sforks);
        total += forks;
        runs++;
    }
    CHECK(total >= target);
    printf("runs=%u forks=%llu\n", runs, (unsigned long long)total);
    printf("ok\n");
    /* { dg-output "ok" } */
    return 0;
}
