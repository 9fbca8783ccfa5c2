/* platform.h: the few Linux facilities the scheduler needs (futex, clocks, CPU
 * sets), kept apart so the rest of the runtime reads as portable C11. */
#ifndef runtime_platform_h
#define runtime_platform_h

#include <stdatomic.h>
#include <stdint.h>

/* Sleeps while *word == expected, at most timeout_ns (0: no limit). Spurious
 * returns are allowed; callers re-check their condition. */
void parcint_futex_wait(_Atomic uint32_t *word, uint32_t expected,
                        uint64_t timeout_ns);
/* Wakes up to n threads sleeping on word. */
void parcint_futex_wake(_Atomic uint32_t *word, int n);
/* As parcint_futex_wait (no limit), as one of the sleepers named by mask:
 * parcint_futex_wake wakes it like any other, parcint_futex_wake_mask only
 * if their masks share a bit (FUTEX_WAIT_BITSET). */
void parcint_futex_wait_mask(_Atomic uint32_t *word, uint32_t expected,
                             uint32_t mask);
/* Wakes up to n threads sleeping on word whose mask shares a bit with
 * mask. */
void parcint_futex_wake_mask(_Atomic uint32_t *word, int n, uint32_t mask);

/* Monotonic time in nanoseconds. */
uint64_t parcint_now_ns(void);

/* The number of CPUs this process may run on (sched_getaffinity), at least 1. */
unsigned parcint_cpu_count(void);
/* Pins the calling thread to the k-th CPU (modulo) of the process's affinity
 * set. Returns 0 or an errno value. */
int parcint_pin_self(unsigned k);

/* A spin-wait hint for the CPU. */
static inline void parcint_cpu_relax(void)
{
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#elif defined(__aarch64__)
    __asm__ __volatile__("yield");
#endif
}

/* The buffers a thread keeps between collections in __thread variables of
 * their own, freed when the thread ends: a slot each. */
enum parcint_kept {
    PARCINT_KEPT_MARK_STACK, /* gc.c */
    PARCINT_KEPT_TRACKED,    /* gc.c */
    PARCINT_KEPT_INDEX_BITS, /* gc.c */
    PARCINT_KEPT_SCAN_VEC,   /* dirty.c */
    PARCINT_KEPT_SLOTS
};
/* Notes p (malloc'd; after a realloc, its new value) as the calling
 * thread's buffer in slot, which free() takes when the thread ends. */
void parcint_keep_until_exit(enum parcint_kept slot, void *p);

/* Sets the function run when a thread that called parcint_arm_thread_exit
 * (or kept a buffer) ends, before its buffers are freed, so that it may
 * still collect (heap.c: the thread's heap). Set once, from a constructor.
 * Arming again costs a test of a thread-local flag. */
void parcint_set_thread_exit(void (*fn)(void));
void parcint_arm_thread_exit(void);

/* Reads a variable from the environment as an unsigned number; def when unset,
 * and a message on stderr (then def) when it is not a number. */
unsigned long parcint_env_ulong(const char *name, unsigned long def);

#endif /* runtime_platform_h */
