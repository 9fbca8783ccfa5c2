/* platform.c: Linux futex, clocks and CPU affinity for the scheduler. */
#define _GNU_SOURCE
#include "platform.h"

#include <errno.h>
#include <pthread.h>
#include <linux/futex.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

void parcint_futex_wait(_Atomic uint32_t *word, uint32_t expected,
                        uint64_t timeout_ns)
{
    struct timespec ts, *tp = NULL;
    if (timeout_ns) {
        ts.tv_sec = (time_t)(timeout_ns / 1000000000u);
        ts.tv_nsec = (long)(timeout_ns % 1000000000u);
        tp = &ts;
    }
    /* FUTEX_PRIVATE: the word is never shared between processes. The kernel
     * compares *word with expected under its own lock, which is what makes
     * "check, then sleep" free of lost wake-ups against parcint_futex_wake. */
    syscall(SYS_futex, (uint32_t *)word, FUTEX_WAIT_PRIVATE, expected, tp,
            NULL, 0);
}

void parcint_futex_wake(_Atomic uint32_t *word, int n)
{
    syscall(SYS_futex, (uint32_t *)word, FUTEX_WAKE_PRIVATE, n, NULL, NULL, 0);
}

void parcint_futex_wait_mask(_Atomic uint32_t *word, uint32_t expected,
                             uint32_t mask)
{
    /* As above; the bitset names this sleeper for FUTEX_WAKE_BITSET. */
    syscall(SYS_futex, (uint32_t *)word, FUTEX_WAIT_BITSET_PRIVATE, expected,
            NULL, NULL, mask);
}

void parcint_futex_wake_mask(_Atomic uint32_t *word, int n, uint32_t mask)
{
    syscall(SYS_futex, (uint32_t *)word, FUTEX_WAKE_BITSET_PRIVATE, n, NULL,
            NULL, mask);
}

uint64_t parcint_now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

unsigned parcint_cpu_count(void)
{
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) == 0) {
        int n = CPU_COUNT(&set);
        if (n > 0)
            return (unsigned)n;
    }
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (unsigned)n : 1u;
}

int parcint_pin_self(unsigned k)
{
    cpu_set_t set, one;
    if (sched_getaffinity(0, sizeof set, &set) != 0)
        return errno;
    int n = CPU_COUNT(&set);
    if (n <= 0)
        return EINVAL;
    unsigned want = k % (unsigned)n, seen = 0;
    for (int cpu = 0; cpu < CPU_SETSIZE; cpu++) {
        if (!CPU_ISSET(cpu, &set))
            continue;
        if (seen++ == want) {
            CPU_ZERO(&one);
            CPU_SET(cpu, &one);
            return sched_setaffinity(0, sizeof one, &one) == 0 ? 0 : errno;
        }
    }
    return EINVAL;
}

unsigned long parcint_env_ulong(const char *name, unsigned long def)
{
    const char *s = getenv(name);
    if (!s || !*s)
        return def;
    char *end;
    errno = 0;
    unsigned long v = strtoul(s, &end, 10);
    if (errno || *end || s[0] == '-') {
        fprintf(stderr, "parc: ignoring %s=%s: not a number\n", name, s);
        return def;
    }
    return v;
}

static pthread_key_t kept_key;
static pthread_once_t kept_once = PTHREAD_ONCE_INIT;
static __thread void *kept[PARCINT_KEPT_SLOTS];

static void (*thread_exit)(void); /* set before any thread starts */
/* The key is set for this thread (parcint_arm_thread_exit). */
static __thread int armed;

static void free_kept(void *v)
{
    void **k = v;
    /* The key was cleared before this call. First, while the buffers are
     * there, thread_exit: it may collect, and a collection that keeps a
     * buffer anew sets the key again, so that this destructor runs once
     * more and frees it. */
    armed = 0;
    if (thread_exit)
        thread_exit();
    for (int i = 0; i < PARCINT_KEPT_SLOTS; i++) {
        free(k[i]);
        k[i] = NULL;
    }
}

static void make_kept_key(void) { pthread_key_create(&kept_key, free_kept); }

void parcint_keep_until_exit(enum parcint_kept slot, void *p)
{
    kept[slot] = p;
    parcint_arm_thread_exit();
}

void parcint_arm_thread_exit(void)
{
    if (armed)
        return; /* every task heap a thread makes arms it */
    armed = 1;
    pthread_once(&kept_once, make_kept_key);
    pthread_setspecific(kept_key, kept); /* non-NULL: the destructor runs */
}

void parcint_set_thread_exit(void (*fn)(void)) { thread_exit = fn; }
