/* dirty.c: the written-page sets of the generational collector (dirty.h).
 *
 * Backend uffd: the whole reservation is registered once with a userfaultfd
 * in write-protect mode, with UFFD_FEATURE_WP_ASYNC: a write to a protected
 * page is resolved by the kernel itself (the page is unprotected and the
 * write goes on: no signal, no thread to serve faults, about 1 us), and
 * system calls writing into protected pages (read() into an object) work as
 * if nothing were protected. The PAGEMAP_SCAN ioctl on /proc/self/pagemap
 * then lists the pages that are no longer protected (PAGE_IS_WRITTEN) and,
 * with PM_SCAN_WP_MATCHING, protects them again in the same walk, so a write
 * is either reported by this scan or left for the next one, never lost.
 * See the kernel's Documentation/admin-guide/mm/userfaultfd.rst and
 * pagemap.rst. UFFD_USER_MODE_ONLY lets an unprivileged process have the
 * descriptor when vm.unprivileged_userfaultfd is 0 (we only need faults of
 * user-mode writes to be resolved, which WP_ASYNC does in the kernel).
 *
 * Pages given back with MADV_DONTNEED, and pages never protected, read as
 * written: more scanning, never less.
 *
 * Departure from Boehm's mprotect mode (os_dep.c's GC_dirty): no SIGSEGV
 * handler and no EFAULT from system calls; the price is a kernel of 6.7 or
 * later. On older kernels PARC_GC_GEN falls back to full collections.
 */
#define _GNU_SOURCE
#include "dirty.h"

#include "platform.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/userfaultfd.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

/* Linux 6.7's uapi, missing from older headers (Debian 12 has 6.1's): the
 * values are the kernel's ABI; an older kernel rejects them at run time
 * (UFFDIO_API or the ioctl fails) and we fall back to full collections. */
#ifndef UFFD_USER_MODE_ONLY
#define UFFD_USER_MODE_ONLY 1
#endif
#ifndef UFFD_FEATURE_WP_UNPOPULATED
#define UFFD_FEATURE_WP_UNPOPULATED (1 << 13)
#endif
#ifndef UFFD_FEATURE_WP_ASYNC
#define UFFD_FEATURE_WP_ASYNC (1 << 15)
#endif
#include <linux/fs.h>
#ifndef PAGEMAP_SCAN
#define PAGE_IS_WRITTEN (1 << 1)
struct page_region {
    uint64_t start, end, categories;
};
#define PM_SCAN_WP_MATCHING (1 << 0)
#define PM_SCAN_CHECK_WPASYNC (1 << 1)
struct pm_scan_arg {
    uint64_t size, flags, start, end, walk_end, vec, vec_len, max_pages,
        category_inverted, category_mask, category_anyof_mask, return_mask;
};
#define PAGEMAP_SCAN _IOWR('f', 16, struct pm_scan_arg)
#endif

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23 /* Linux 5.14's uapi */
#endif

#define PAGE 4096u

/* Set once under chunk.c's lock, before any chunk is taken; every collector
 * got its chunks through that lock since, so plain reads see it. A forked
 * child resets it (single-threaded then). */
static enum parcint_dirty_mode mode = PARCINT_DIRTY_OFF;
static size_t min_old = (size_t)8 << 20;

static uint64_t pause_goal_ns = 0;

size_t parcint_dirty_min_old(void) { return min_old; }
uint64_t parcint_dirty_pause_goal_ns(void) { return pause_goal_ns; }
static int uffd = -1, pagemap = -1;

enum parcint_dirty_mode parcint_dirty_mode(void) { return mode; }

const char *parcint_dirty_name(void)
{
    switch (mode) {
    case PARCINT_DIRTY_UFFD: return "uffd";
    case PARCINT_DIRTY_NOBARRIER: return "nobarrier";
    default: return "off";
    }
}

/* /proc/self/pagemap opened by the parent still names the parent: a child
 * must not scan (or protect) through it. Full collections from then on. */
static void forked_child(void) { mode = PARCINT_DIRTY_OFF; }

static int uffd_init(char *base, size_t bytes)
{
    int fd = (int)syscall(SYS_userfaultfd,
                          O_CLOEXEC | O_NONBLOCK | UFFD_USER_MODE_ONLY);
    if (fd < 0)
        return -1;
    struct uffdio_api api = {
        .api = UFFD_API,
        .features = UFFD_FEATURE_WP_ASYNC | UFFD_FEATURE_WP_UNPOPULATED,
    };
    struct uffdio_register reg = {
        .range = {(uintptr_t)base, bytes},
        .mode = UFFDIO_REGISTER_MODE_WP,
    };
    int pm = -1;
    if (ioctl(fd, UFFDIO_API, &api) != 0 ||
        !(api.features & UFFD_FEATURE_WP_ASYNC) ||
        ioctl(fd, UFFDIO_REGISTER, &reg) != 0 ||
        (pm = open("/proc/self/pagemap", O_RDONLY | O_CLOEXEC)) < 0) {
        close(fd);
        return -1;
    }
    /* One empty scan proves PAGEMAP_SCAN and the async mode both work. */
    struct pm_scan_arg a = {
        .size = sizeof a,
        .flags = PM_SCAN_CHECK_WPASYNC,
        .start = (uintptr_t)base,
        .end = (uintptr_t)base + PAGE,
        .category_mask = PAGE_IS_WRITTEN,
        .return_mask = PAGE_IS_WRITTEN,
    };
    if (ioctl(pm, PAGEMAP_SCAN, &a) < 0) {
        close(pm);
        close(fd);
        return -1;
    }
    uffd = fd;
    pagemap = pm;
    return 0;
}

void parcint_dirty_init(char *base, size_t bytes)
{
    const char *m = getenv("PARC_GC_GEN_MIN");
    if (m && *m) {
        char *end;
        unsigned long mib = strtoul(m, &end, 10);
        if (*end || mib > ((size_t)-1 >> 21))
            fprintf(stderr, "parc: PARC_GC_GEN_MIN=%s: expected MiB as a "
                            "whole number; using 8\n", m);
        else
            min_old = (size_t)mib << 20;
    }
    const char *g = getenv("PARC_GC_PAUSE_US");
    if (g && *g) {
        char *end;
        unsigned long us = strtoul(g, &end, 10);
        if (*end || g[0] == '-' || us > 10000000ul)
            fprintf(stderr, "parc: PARC_GC_PAUSE_US=%s: expected microseconds "
                            "from 0 (no goal) to 10000000; using 0\n", g);
        else
            pause_goal_ns = (uint64_t)us * 1000;
    }
    const char *s = getenv("PARC_GC_GEN");
    int forced = 0;
    if (s && *s) {
        if (strcmp(s, "off") == 0)
            return;
        if (strcmp(s, "nobarrier") == 0) {
            mode = PARCINT_DIRTY_NOBARRIER;
            return;
        }
        if (strcmp(s, "uffd") == 0)
            forced = 1;
        else if (strcmp(s, "auto") != 0)
            fprintf(stderr, "parc: PARC_GC_GEN=%s: expected auto, uffd, off "
                            "or nobarrier; using auto\n", s);
    }
    if (uffd_init(base, bytes) == 0) {
        mode = PARCINT_DIRTY_UFFD;
        pthread_atfork(NULL, NULL, forked_child);
        return;
    }
    if (forced)
        fprintf(stderr, "parc: PARC_GC_GEN=uffd: userfaultfd write-protection "
                        "with PAGEMAP_SCAN is not available (%s; Linux 6.7 or "
                        "later needed): full collections only\n",
                strerror(errno));
}

static void page_range(const char *lo, const char *hi, uintptr_t *a,
                       uintptr_t *b)
{
    *a = (uintptr_t)lo & ~(uintptr_t)(PAGE - 1);
    *b = ((uintptr_t)hi + PAGE - 1) & ~(uintptr_t)(PAGE - 1);
}

int parcint_dirty_protect(const char *lo, const char *hi)
{
    if (mode != PARCINT_DIRTY_UFFD)
        return mode == PARCINT_DIRTY_NOBARRIER ? 0 : -1;
    uintptr_t a, b;
    page_range(lo, hi, &a, &b);
    struct uffdio_writeprotect wp = {
        .range = {a, b - a},
        .mode = UFFDIO_WRITEPROTECT_MODE_WP,
    };
    return ioctl(uffd, UFFDIO_WRITEPROTECT, &wp) == 0 ? 0 : -1;
}

void parcint_dirty_unprotect(const char *lo, const char *hi, int by_faults)
{
    if (mode != PARCINT_DIRTY_UFFD)
        return;
    /* Whole pages only: a page the range shares with a neighbour may hold
     * an old cell, whose writes must still be seen (unprotecting it would
     * be safe, since it is then reported written, but costs a rescan). */
    uintptr_t a = ((uintptr_t)lo + PAGE - 1) & ~(uintptr_t)(PAGE - 1);
    uintptr_t b = (uintptr_t)hi & ~(uintptr_t)(PAGE - 1);
    if (b < a + 2 * PAGE)
        return; /* one page: its fault costs about what the call does */
    /* Linux 5.14's; the uffd backend needs 6.7. A refusal (no memory to
     * populate a page the range lacks) falls back to the ioctl. */
    if (by_faults && madvise((void *)a, b - a, MADV_POPULATE_WRITE) == 0)
        return;
    struct uffdio_writeprotect wp = {.range = {a, b - a}, .mode = 0};
    /* A refusal leaves the pages protected: their writes fault and are
     * reported, as without this call. */
    (void)ioctl(uffd, UFFDIO_WRITEPROTECT, &wp);
}

#define SCAN_VEC 1024
/* 24 KiB a thread that collects, freed when it ends. */
static __thread struct page_region *scan_vec;

static struct page_region *thread_scan_vec(void)
{
    if (!scan_vec && (scan_vec = malloc(SCAN_VEC * sizeof *scan_vec)))
        parcint_keep_until_exit(PARCINT_KEPT_SCAN_VEC, scan_vec);
    return scan_vec;
}

/* One walk of PAGEMAP_SCAN over [lo, hi) with these flags, in as many
 * calls as the vector needs: parcint_dirty_take and parcint_dirty_written. */
static int scan_pages(const char *lo, const char *hi, uint64_t flags,
                      void (*f)(void *ctx, const char *a, const char *b),
                      void *ctx)
{
    if (mode == PARCINT_DIRTY_NOBARRIER)
        return 0; /* reports nothing: the broken barrier of the tests */
    if (mode != PARCINT_DIRTY_UFFD)
        return -1;
    uintptr_t a, b;
    page_range(lo, hi, &a, &b);
    /* Room for SCAN_VEC written regions a call: a full vector ends the
     * walk, and each call that protected pages again flushed every CPU's
     * TLB (an interrupt on each CPU running the process). With 32, a 2.8
     * MiB array written at random pages took 7 calls a minor collection. */
    struct page_region local[32], *v = thread_scan_vec();
    size_t vlen = SCAN_VEC;
    if (!v) {
        v = local; /* no memory: more calls, the same pages */
        vlen = sizeof local / sizeof local[0];
    }
    while (a < b) {
        struct pm_scan_arg arg = {
            .size = sizeof arg,
            .flags = flags,
            .start = a,
            .end = b,
            .vec = (uintptr_t)v,
            .vec_len = vlen,
            .category_mask = PAGE_IS_WRITTEN,
            .return_mask = PAGE_IS_WRITTEN,
        };
        long n = ioctl(pagemap, PAGEMAP_SCAN, &arg);
        if (n < 0)
            return -1;
        for (long i = 0; i < n; i++)
            f(ctx, (const char *)(uintptr_t)v[i].start,
              (const char *)(uintptr_t)v[i].end);
        /* A full vector stops the walk early: go on from where it ended. */
        if (arg.walk_end <= a)
            return -1;
        a = arg.walk_end;
    }
    return 0;
}

int parcint_dirty_take(const char *lo, const char *hi,
                       void (*f)(void *ctx, const char *a, const char *b),
                       void *ctx)
{
    return scan_pages(lo, hi, PM_SCAN_WP_MATCHING | PM_SCAN_CHECK_WPASYNC,
                      f, ctx);
}

int parcint_dirty_written(const char *lo, const char *hi,
                          void (*f)(void *ctx, const char *a, const char *b),
                          void *ctx)
{
    return scan_pages(lo, hi, PM_SCAN_CHECK_WPASYNC, f, ctx);
}
