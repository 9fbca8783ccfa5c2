/* parc-test.h: what the C tests of the parc testsuite share.
 *
 *   CHECK(cond)            on failure, prints the condition and its place on
 *                          stderr and aborts (the run then FAILs)
 *   parc_test_scale()      $PARC_TEST_SCALE as a double, 1.0 when unset; tests
 *                          multiply their problem sizes by it (the TSan run of
 *                          quickstart.sh check uses 0.1)
 *   parc_test_scaled(n, lo)  n times the scale, at least lo
 *   parc_test_mix(x)       a 64-bit mixing function (splitmix64's finalizer):
 *                          seeded pseudo-random keys and busy work
 *   parc_test_now()        CLOCK_MONOTONIC in seconds, as a double
 *   parc_test_clobber_stack(bytes)
 *                          zeroes that much of the stack below the caller, so
 *                          that no dead slot of an earlier call keeps a parc
 *                          object alive (stacks are scanned conservatively)
 *                          where a test wants it reachable through its heap
 *                          alone; a task's stack is smaller than a thread's:
 *                          32 KiB there
 *   parc_test_age_lists(ring, n, r, list, garbage)
 *                          a list of `list` nodes of 40 bytes, made now, takes
 *                          the place of ring[r % n] (ring is the caller's
 *                          root: a list lives n rounds and dies old), then
 *                          `garbage` short-lived allocations of 16 to 215
 *                          bytes: a program whose old objects grow and die,
 *                          so that the collector's policy runs full
 *                          collections besides minor ones
 *   parc_test_gc_stressed()  1 when PARC_GC_STRESS asks for collections at
 *                          allocations (set, and not "0")
 *   parc_test_minor_faults()  the process's minor page faults so far
 *                          (getrusage): write-protection faults among them
 *   parc_test_gc_stats()   the calling thread's heap statistics (needs
 *                          PARC_GC_STATS=1, set before the first allocation)
 *   parc_test_collect()    allocates garbage until the heap collects; 1 when
 *                          that collection was a minor one
 *   parc_test_proc_heaps_gone()  waits (60 s at most, yielding) until no
 *                          process heap is counted, then checks that none
 *                          holds a byte (processes reclaimed, heaps and all)
 *   parc_test_fib(n)       fib(n) on the frame ABI: forks fib(n - 1), computes
 *                          fib(n - 2), then parc_join; fib(n + 1) - 1 forks
 *                          (struct parc_test_fib_call is its frame)
 *
 * Everything here is static inline (parc_test_clobber_stack, which must not
 * be inlined, is marked unused instead), so a test that uses only part of it
 * gets no warning for the rest.
 */
#ifndef PARC_TEST_H
#define PARC_TEST_H

#include <parc.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

#define CHECK(cond)                                                          \
    do {                                                                     \
        if (!(cond)) {                                                       \
            fflush(stdout);                                                  \
            fprintf(stderr, "%s:%d: %s: CHECK failed: %s\n", __FILE__,       \
                    __LINE__, __func__, #cond);                              \
            abort();                                                         \
        }                                                                    \
    } while (0)

static inline double
parc_test_scale(void)
{
    const char *s = getenv("PARC_TEST_SCALE");
    char *end;
    double v;

    if (s == NULL || *s == '\0')
        return 1.0;
    v = strtod(s, &end);
    if (*end != '\0' || !(v > 0.0)) {
        fprintf(stderr, "PARC_TEST_SCALE=%s: not a positive number\n", s);
        abort();
    }
    return v;
}

static inline long
parc_test_scaled(long n, long lo)
{
    long v = (long)((double)n * parc_test_scale());
    return v < lo ? lo : v;
}

static inline uint64_t
parc_test_mix(uint64_t x)
{
    x += 0x9e3779b97f4a7c15ull;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
    return x ^ (x >> 31);
}

static inline double
parc_test_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

/* noinline: its frame lies below the caller's. Not instrumented:
 * AddressSanitizer's redzones around buf would be left unwritten, stale
 * words and all. */
static __attribute__((noinline, unused, no_sanitize_address)) void
parc_test_clobber_stack(size_t bytes)
{
    char buf[bytes];
    volatile char *p = buf; /* the stores must happen */
    for (size_t i = 0; i < bytes; i++)
        p[i] = 0;
}

static inline int
parc_test_gc_stressed(void)
{
    const char *s = getenv("PARC_GC_STRESS");
    return s && *s && !(s[0] == '0' && s[1] == '\0');
}

static inline long
parc_test_minor_faults(void)
{
    struct rusage ru;
    CHECK(getrusage(RUSAGE_SELF, &ru) == 0);
    return ru.ru_minflt;
}

static inline void
parc_test_proc_heaps_gone(void)
{
    parc_proc_heaps hs;
    double t0 = parc_test_now();
    do {
        CHECK(parc_test_now() - t0 < 60);
        CHECK(parc_proc_heaps_get(&hs) == 0);
        sched_yield();
    } while (hs.heaps != 0);
    CHECK(hs.bytes == 0);
}

static inline struct parc_gc_stats
parc_test_gc_stats(void)
{
    struct parc_gc_stats s;
    CHECK(parc_gc_stats(&s) == 0);
    return s;
}

/* noinline, as parc_test_clobber_stack: its garbage's frame lies below the
 * caller's. */
static __attribute__((noinline, unused)) int
parc_test_collect(void)
{
    struct parc_gc_stats s0 = parc_test_gc_stats(), s;
    do {
        for (int i = 0; i < 256; i++)
            CHECK(parc_alloc(32) != NULL);
        s = parc_test_gc_stats();
    } while (s.minor == s0.minor && s.full == s0.full);
    return s.full == s0.full;
}

struct parc_test_link {
    struct parc_test_link *next;
    uint64_t pad[4];
};

static inline void
parc_test_age_lists(struct parc_test_link **ring, long n, long r, long list,
                    long garbage)
{
    struct parc_test_link *l = NULL;
    for (long k = 0; k < list; k++) {
        struct parc_test_link *nd = parc_alloc(sizeof *nd);
        CHECK(nd != NULL);
        nd->next = l;
        l = nd;
    }
    ring[r % n] = l;
    for (long k = 0; k < garbage; k++)
        CHECK(parc_alloc(16 + (size_t)(k % 200)) != NULL);
}

struct parc_test_fib_call {
    parc_frame f; /* first member: the thunk casts the frame back */
    int n;
    long r;
};

static inline long parc_test_fib(int n);

static inline void
parc_test_fib_thunk(parc_frame *f)
{
    struct parc_test_fib_call *c = (struct parc_test_fib_call *)f;
    c->r = parc_test_fib(c->n);
}

static inline long
parc_test_fib(int n)
{
    if (n < 2)
        return n;
    struct parc_test_fib_call a = {.n = n - 1};
    parc_fork(&a.f, parc_test_fib_thunk);
    long b = parc_test_fib(n - 2);
    parc_join(&a.f);
    return a.r + b;
}

#endif /* PARC_TEST_H */
