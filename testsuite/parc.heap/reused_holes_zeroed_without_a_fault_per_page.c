/* Area:	allocation in the holes of tracked (write-protected) chunks
   Purpose:	With generations on from the start (PARC_GC_GEN_MIN=0),
		65,536 objects of 32 bytes (48-byte cells) are made and one
		run of 64 in every 1,024 is kept: a full collection then
		leaves 3 MiB of chunks whose holes (45 KiB each) lie between
		live cells, and write-protects their pages (generations).
		Filling those holes again zeroes them: the allocator must lift
		the protection of a hole's whole pages in one call first, so
		that the zeroing does not take a write fault per page. The
		runtime is started first: alone (one worker) the allocator
		lifts by the ioctl; where other workers run, by
		MADV_POPULATE_WRITE, whose faults the kernel takes itself
		(they count in getrusage, not as faults of the program: a
		perf counter of the thread's own page faults tells them
		apart). The program's own faults during the refill must be
		fewer than a third of the pages it fills: about one in five
		are left (the pages a hole shares with live cells stay
		protected), one a page without the lift. The kernel's must
		be none alone and at least half the pages with others. Where
		the kernel has no written-page sets nothing is protected,
		and the refill takes no fault. Every kept object's contents
		are checked.
   Limitations:	not compared under PARC_GC_STRESS (a collection at every
		allocation protects the pages again as they are filled); not
		in the sanitizer builds (their shadow memory faults too);
		with other workers, only where perf counters may be opened
		(perf_event_paranoid 2 or less, or root).  */

/* { dg-do run } */
/* { dg-parc-sanitizers "none" } */

#define _GNU_SOURCE /* RUSAGE_THREAD */
#include <parc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/perf_event.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "parc-test.h"

#define OBJECTS 65536
#define PERIOD 1024
#define KEPT 64 /* the first KEPT of every PERIOD objects */

struct obj {
    uint64_t key;
    struct obj *self;
    uint64_t pad[2]; /* 32 bytes: a 48-byte cell (33 rounded to 16) */
};

static struct obj *kept[OBJECTS / PERIOD * KEPT];

__attribute__((noinline)) static void build(void)
{
    size_t n = 0;
    for (long i = 0; i < OBJECTS; i++) {
        struct obj *o = parc_alloc(sizeof *o);
        CHECK(o != NULL);
        o->key = parc_test_mix((uint64_t)i);
        o->self = o;
        if (i % PERIOD < KEPT)
            kept[n++] = o;
    }
}

/* A counter of the calling thread's own page faults (those the kernel
 * takes for MADV_POPULATE_WRITE are not among them), or -1. */
static int open_fault_counter(void)
{
    struct perf_event_attr a = {
        .type = PERF_TYPE_SOFTWARE,
        .size = sizeof a,
        .config = PERF_COUNT_SW_PAGE_FAULTS_MIN,
        .exclude_kernel = 1,
        .exclude_hv = 1,
    };
    return (int)syscall(SYS_perf_event_open, &a, 0, -1, -1, 0);
}

static long read_counter(int fd)
{
    uint64_t v = 0;
    CHECK(read(fd, &v, sizeof v) == (ssize_t)sizeof v);
    return (long)v;
}

struct faults {
    long all;  /* the thread's, getrusage's count */
    long mine; /* the thread's own (perf), or -1 */
};

/* The calling thread's minor faults, the kernel's for it among them. */
static long thread_faults(void)
{
    struct rusage ru;
    CHECK(getrusage(RUSAGE_THREAD, &ru) == 0);
    return ru.ru_minflt;
}

/* Allocates objects into the holes build left; returns the page faults it
 * took and sets *pages to the pages it filled. */
__attribute__((noinline)) static struct faults refill(long count, long *pages,
                                                      int fd)
{
    long all = thread_faults(), mine = fd >= 0 ? read_counter(fd) : 0;
    for (long i = 0; i < count; i++) {
        struct obj *o = parc_alloc(sizeof *o);
        CHECK(o != NULL);
        CHECK(o->key == 0 && o->self == NULL); /* zeroed */
        o->key = (uint64_t)i;
    }
    struct faults f = {thread_faults() - all,
                       fd >= 0 ? read_counter(fd) - mine : -1};
    *pages = count * 48 / 4096;
    return f;
}

int main(void)
{
    /* Read at the first allocation: generations at once, and no pause
     * goal (whose allocator takes only whole free pages of old chunks). */
    setenv("PARC_GC_GEN_MIN", "0", 1);
    unsetenv("PARC_GC_PAUSE_US");
    CHECK(parc_start() == 0); /* the lift's way depends on the workers */
    int alone = parc_workers() == 1;
    int fd = open_fault_counter();
    int stressed = parc_test_gc_stressed();
    CHECK(parc_root_add(kept, sizeof kept) == 0);
    build();
    parc_gc_collect();
    /* The holes: 60,416 cells, 2.8 MiB; the heap's next nursery is 4 MiB
     * (its live size is below the 4 MiB floor), so no collection comes
     * during the refill. */
    long pages;
    struct faults f =
        refill((long)OBJECTS / PERIOD * (PERIOD - KEPT), &pages, fd);
    for (size_t i = 0; i < sizeof kept / sizeof *kept; i++) {
        long index = (long)(i / KEPT * PERIOD + i % KEPT);
        CHECK(kept[i]->self == kept[i]);
        CHECK(kept[i]->key == parc_test_mix((uint64_t)index));
    }
    printf("refill: %ld page faults in %ld pages, %ld the program's own\n",
           f.all, pages, f.mine);
    if (stressed) {
        printf("not compared (PARC_GC_STRESS)\n");
        return 0;
    }
    if (f.mine < 0) {
        if (!alone) {
            printf("not compared (no perf counter, other workers)\n");
            return 0;
        }
        f.mine = f.all; /* alone, every fault is the program's */
    }
    CHECK(f.mine * 3 < pages);
    /* None at all: nothing was protected (no written-page sets). */
    long kernels = f.all - f.mine;
    if (f.all > 0)
        CHECK(alone ? kernels * 10 < pages : kernels * 2 > pages);
    return 0;
}
