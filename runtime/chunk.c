/* chunk.c: the reservation, the owner table, and free runs of chunks.
 *
 * One PROT_NONE reservation (MAP_NORESERVE: address space only) holds every
 * chunk. It is cut into arenas (at most MAX_ARENAS, at least ARENA_MIN
 * chunks each), and each thread takes its chunks first fit from an arena of
 * its own, then from anywhere. Why: a minor collection asks the kernel for
 * the written pages of its heap's chunks one run of adjacent chunks at a
 * time, and every scan or protection that changes page-table entries
 * flushes the TLBs of every CPU running the process (an interrupt each).
 * With one first-fit frontier for all, two workers' heaps grew interleaved,
 * chunk by chunk: gcpause at two workers made 71 scans per minor
 * collection against 13 at one (docs/heap.md, "Arenas").
 *
 * Memory is committed (made readable and writable with mprotect) a granule
 * of COMMIT_STEP chunks at a time, where a run is taken; a thread's arena
 * then grows as one mapping. A run given back is MADV_DONTNEED'd: its pages
 * leave the process's resident set and read as zero when taken again, which
 * is why the allocator may treat a taken run as zeroed.
 *
 * Which chunks are free is a bitmap under one mutex: chunks are taken and
 * given once per 256 KiB of allocation, far from the allocation fast path.
 * Adjacent free chunks coalesce for free in a bitmap.
 */
#define _GNU_SOURCE
#include "chunk.h"

#include "dirty.h"
#include "platform.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <sys/mman.h>

#define COMMIT_STEP 64 /* chunks: 16 MiB, the commit granule */
#define MAX_ARENAS 64
#define ARENA_MIN 256 /* chunks: 64 MiB */
#define DEFAULT_RESERVE ((size_t)64 << 30)
#define MIN_RESERVE ((size_t)64 << 20)

struct parcint_chunks parcint_chunks;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static uint64_t *used;   /* bit i: chunk i taken */
static uint64_t *committed; /* bit g: granule g is PROT_READ|PROT_WRITE */
static size_t low;       /* every chunk below is taken */
static size_t in_use;
static size_t arenas, arena_chunks; /* arena a: chunks [a, a + 1) * arena_chunks */
static size_t arena_low[MAX_ARENAS]; /* every chunk of arena a below is taken */
static unsigned next_arena;          /* the next thread's arena, mod arenas */
static __thread int my_arena = -1;
static int init_err = -1; /* -1: not tried yet */

static void *map_anon(size_t bytes, int prot)
{
    void *p = mmap(NULL, bytes, prot,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    return p == MAP_FAILED ? NULL : p;
}

static int reserve(void)
{
    /* PARC_HEAP_MAX (MiB) caps every heap together: tests of out of memory,
     * and programs that want a bound. */
    size_t want = parcint_env_ulong("PARC_HEAP_MAX", 0) << 20;
    if (!want)
        want = DEFAULT_RESERVE;
    if (want < 4 * PARCINT_CHUNK)
        want = 4 * PARCINT_CHUNK;
    /* A sanitizer's shadow or ulimit -v may refuse the default: halve it
     * down to MIN_RESERVE (or to the cap, if smaller). */
    for (size_t bytes = want;; bytes /= 2) {
        size_t n = bytes >> PARCINT_CHUNK_SHIFT;
        char *p = map_anon(bytes + PARCINT_CHUNK, PROT_NONE);
        _Atomic uint64_t *owner = p ? map_anon(n * sizeof *owner, PROT_READ | PROT_WRITE) : NULL;
        uint32_t *first = owner ? map_anon(n * sizeof *first, PROT_READ | PROT_WRITE) : NULL;
        /* Committed with their chunks (commit), as the chunks are. */
        char *headers = first ? map_anon(n * PARCINT_HEADER_SLOT, PROT_NONE) : NULL;
        size_t g = (n + COMMIT_STEP - 1) / COMMIT_STEP;
        uint64_t *bits = headers ? map_anon((n + 63) / 64 * 8 + (g + 63) / 64 * 8,
                                          PROT_READ | PROT_WRITE)
                               : NULL;
        if (bits) {
            /* Align to the chunk size: trim the slack at both ends. */
            uintptr_t a = ((uintptr_t)p + PARCINT_CHUNK - 1) & ~(PARCINT_CHUNK - 1);
            if (a > (uintptr_t)p)
                munmap(p, a - (uintptr_t)p);
            size_t tail = (uintptr_t)p + bytes + PARCINT_CHUNK - (a + bytes);
            if (tail)
                munmap((char *)a + bytes, tail);
            parcint_chunks.base = (char *)a;
            parcint_chunks.headers = headers;
            parcint_chunks.n = n;
            parcint_chunks.owner = owner;
            parcint_chunks.first = first;
            used = bits;
            committed = bits + (n + 63) / 64;
            arenas = n / ARENA_MIN < 1 ? 1 : n / ARENA_MIN;
            if (arenas > MAX_ARENAS)
                arenas = MAX_ARENAS;
            arena_chunks = n / arenas;
            for (size_t a = 0; a < arenas; a++)
                arena_low[a] = a * arena_chunks;
            return 0;
        }
        if (p)
            munmap(p, bytes + PARCINT_CHUNK);
        if (owner)
            munmap((void *)owner, n * sizeof *owner);
        if (first)
            munmap(first, n * sizeof *first);
        if (headers)
            munmap(headers, n * PARCINT_HEADER_SLOT);
        if (bytes / 2 < (want < MIN_RESERVE ? want : MIN_RESERVE))
            return ENOMEM;
    }
}

int parcint_chunks_init(void)
{
    pthread_mutex_lock(&lock);
    if (init_err < 0) {
        init_err = reserve();
        if (!init_err)
            parcint_dirty_init(parcint_chunks.base,
                               parcint_chunks.n << PARCINT_CHUNK_SHIFT);
        if (init_err)
            fprintf(stderr, "parc: cannot reserve address space for the heaps\n");
    }
    int err = init_err;
    pthread_mutex_unlock(&lock);
    return err;
}

static int taken(size_t i) { return (used[i >> 6] >> (i & 63)) & 1; }

/* The first run of k free chunks in [from, to), or -1. */
static long find_run(size_t k, size_t from, size_t to)
{
    size_t run = 0;
    for (size_t i = from; i < to;) {
        if (run == 0 && (i & 63) == 0 && i + 64 <= to &&
            used[i >> 6] == ~(uint64_t)0) {
            i += 64;
            continue;
        }
        if (taken(i))
            run = 0;
        else if (++run == k)
            return (long)(i + 1 - k);
        i++;
    }
    return -1;
}

static int is_committed(size_t g) { return (committed[g >> 6] >> (g & 63)) & 1; }

/* Makes chunks [at, at + k) readable and writable, a granule at a time,
 * one mprotect per stretch of granules not committed yet. Returns -1 when
 * the OS refused memory (strict overcommit): out of memory. */
static int commit(size_t at, size_t k)
{
    size_t g = at / COMMIT_STEP, end = (at + k - 1) / COMMIT_STEP + 1;
    while (g < end) {
        if (is_committed(g)) {
            g++;
            continue;
        }
        size_t h = g;
        while (h < end && !is_committed(h))
            h++;
        size_t lo = g * COMMIT_STEP, hi = h * COMMIT_STEP;
        if (hi > parcint_chunks.n)
            hi = parcint_chunks.n;
        if (mprotect(parcint_chunk_addr(lo), (hi - lo) << PARCINT_CHUNK_SHIFT,
                     PROT_READ | PROT_WRITE) != 0 ||
            mprotect(parcint_chunks.headers + lo * PARCINT_HEADER_SLOT,
                     (hi - lo) * PARCINT_HEADER_SLOT, PROT_READ | PROT_WRITE) != 0)
            return -1;
        for (; g < h; g++)
            committed[g >> 6] |= (uint64_t)1 << (g & 63);
    }
    return 0;
}

static size_t arena_of(size_t i)
{
    size_t a = i / arena_chunks;
    return a < arenas ? a : arenas - 1; /* the last takes the remainder */
}

static size_t arena_end(size_t a)
{
    return a + 1 == arenas ? parcint_chunks.n : (a + 1) * arena_chunks;
}

long parcint_chunks_take(size_t k, uint64_t id)
{
    pthread_mutex_lock(&lock);
    if (my_arena < 0)
        my_arena = (int)(next_arena++ % arenas);
    size_t a = (size_t)my_arena;
    long at = find_run(k, arena_low[a], arena_end(a));
    if (at < 0) /* the arena is full, or k is larger than what it has free */
        at = find_run(k, low, parcint_chunks.n);
    if (at >= 0 && commit((size_t)at, k) != 0)
        at = -1;
    if (at >= 0) {
        for (size_t i = (size_t)at; i < (size_t)at + k; i++) {
            used[i >> 6] |= (uint64_t)1 << (i & 63);
            parcint_chunks.first[i] = (uint32_t)at;
            /* relaxed: see chunk.h; the chunk's contents reach other threads
             * only through the program's own synchronization. */
            atomic_store_explicit(&parcint_chunks.owner[i], id,
                                  memory_order_relaxed);
        }
        if ((size_t)at == low)
            low += k;
        /* A run may cross into later arenas (a fallback, or a large
         * object): each arena's hint stays a bound below its free chunks. */
        for (size_t b = arena_of((size_t)at); b <= arena_of((size_t)at + k - 1); b++)
            if (arena_low[b] >= (size_t)at && arena_low[b] < (size_t)at + k)
                arena_low[b] = (size_t)at + k < arena_end(b) ? (size_t)at + k
                                                              : arena_end(b);
        in_use += k;
    }
    pthread_mutex_unlock(&lock);
    return at;
}

void parcint_chunks_give(size_t index, size_t k)
{
    /* Outside the lock: the run is still marked taken, so nobody else can
     * take it while its pages go. */
    madvise(parcint_chunk_addr(index), k << PARCINT_CHUNK_SHIFT, MADV_DONTNEED);
    madvise(parcint_chunks.headers + index * PARCINT_HEADER_SLOT,
            k * PARCINT_HEADER_SLOT, MADV_DONTNEED);
    pthread_mutex_lock(&lock);
    for (size_t i = index; i < index + k; i++) {
        /* relaxed: a collector comparing with its own id never sees 0 as its
         * own; see chunk.h. */
        atomic_store_explicit(&parcint_chunks.owner[i], 0, memory_order_relaxed);
        used[i >> 6] &= ~((uint64_t)1 << (i & 63));
    }
    if (index < low)
        low = index;
    for (size_t b = arena_of(index); b <= arena_of(index + k - 1); b++) {
        size_t from = b * arena_chunks > index ? b * arena_chunks : index;
        if (from < arena_low[b])
            arena_low[b] = from;
    }
    in_use -= k;
    pthread_mutex_unlock(&lock);
}

void parcint_chunks_relabel(size_t index, size_t k, uint64_t id)
{
    for (size_t i = index; i < index + k; i++)
        /* relaxed: see chunk.h. */
        atomic_store_explicit(&parcint_chunks.owner[i], id, memory_order_relaxed);
}

size_t parcint_chunks_in_use(void)
{
    pthread_mutex_lock(&lock);
    size_t n = in_use;
    pthread_mutex_unlock(&lock);
    return n;
}
