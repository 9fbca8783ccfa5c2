/* dirty.h: which pages of the heaps were written since they were protected
 * (the generational collector's remembered set, gc.c).
 *
 * Plain C has no write barrier, so the kernel keeps one: the pages that hold
 * old pointerful objects are write-protected, and a minor collection asks
 * which of them were written since, rescans only those, and protects them
 * again. docs/heap.md ("Generations") gives the design and the backends.
 *
 * The backend is chosen once, when the reservation is made (PARC_GC_GEN):
 *   uffd       userfaultfd write-protection in asynchronous mode
 *              (UFFD_FEATURE_WP_ASYNC) read back with the PAGEMAP_SCAN
 *              ioctl (Linux 6.7 and later): no signals, and system calls
 *              that write into protected pages work as usual.
 *   off        no tracking: every collection is a full one.
 *   nobarrier  minor collections without asking for written pages: WRONG,
 *              it loses objects; only for showing that the tests catch a
 *              missing barrier.
 */
#ifndef runtime_dirty_h
#define runtime_dirty_h

#include <stddef.h>
#include <stdint.h>

enum parcint_dirty_mode {
    PARCINT_DIRTY_OFF = 0,
    PARCINT_DIRTY_UFFD,
    PARCINT_DIRTY_NOBARRIER,
};

/* Chooses the backend for the reservation [base, base + bytes) and sets it
 * up; falls back to off (with a message when PARC_GC_GEN asked for more).
 * Called once, under chunk.c's lock. */
void parcint_dirty_init(char *base, size_t bytes);

/* The backend in use; off until parcint_dirty_init ran, and off for good in
 * a child after fork() (the tracking belongs to the parent's address space).
 */
enum parcint_dirty_mode parcint_dirty_mode(void);
const char *parcint_dirty_name(void);

/* Bytes a heap's last full collection must have found live before its
 * collections use generations (PARC_GC_GEN_MIN, MiB; default 8): below it a
 * full mark costs less than the write tracking (gc.c). Set by
 * parcint_dirty_init. */
size_t parcint_dirty_min_old(void);

/* The pause goal (PARC_GC_PAUSE_US, microseconds; default 0: no goal, the
 * nursery is the live size and full collections stop the heap): gc.c sizes
 * each heap's nursery so that its minor collections' measured cost fits,
 * and marks full collections in slices of that length. Off by default: it
 * costs throughput (binarytrees, docs/heap.md). In ns. Set by
 * parcint_dirty_init. */
uint64_t parcint_dirty_pause_goal_ns(void);

/* Write-protects the pages overlapping [lo, hi): from now on a write to them
 * is reported by parcint_dirty_take. Returns 0, or -1 when the kernel
 * refused (then nothing about those pages is known: collect fully). */
int parcint_dirty_protect(const char *lo, const char *hi);

/* Lifts the protection of the whole pages inside [lo, hi) (when there are
 * at least two): the allocator's, before it zeroes a free run that holds no
 * old cell (which needs no tracking until the next collection protects it
 * again: one call replaces a write fault per page), and an opened large
 * object's. Such pages are reported written by the next parcint_dirty_take,
 * as if the first write had faulted.
 *
 * With by_faults set, the kernel resolves each page as a write fault would
 * (MADV_POPULATE_WRITE): making a page writable needs no TLB shootdown,
 * where the ioctl's flush interrupts every other CPU the process runs on.
 * It costs about 0.6 us a page more than the ioctl, so it pays only where
 * other threads run (docs/heap.md, "Lifting without shootdowns"). */
void parcint_dirty_unprotect(const char *lo, const char *hi, int by_faults);

/* Calls f(ctx, a, b) for every run [a, b) of pages overlapping [lo, hi)
 * that was written since it was last protected (or was never protected),
 * and protects them again, atomically with the report. Returns 0, or -1
 * when the kernel refused (then collect fully). */
int parcint_dirty_take(const char *lo, const char *hi,
                       void (*f)(void *ctx, const char *a, const char *b),
                       void *ctx);

/* Calls f(ctx, a, b) for every run [a, b) of pages overlapping [lo, hi)
 * that parcint_dirty_take would report, and protects nothing: a walk over a
 * range that other heaps' chunks share (theirs stay as they are). Returns
 * 0, or -1 when the kernel refused. */
int parcint_dirty_written(const char *lo, const char *hi,
                          void (*f)(void *ctx, const char *a, const char *b),
                          void *ctx);

#endif /* runtime_dirty_h */
