/* chunk.c: the reservation, the owner table, and free runs of chunks.
 *
 * One PROT_NONE reservation (MAP_NORESERVE: address space only) holds every
 * chunk. The part below the commit frontier is readable and writable; the
 * frontier moves up COMMIT_STEP chunks at a time with mprotect, so the
 * committed part stays one mapping however many chunks are in use. A run
 * given back is MADV_DONTNEED'd: its pages leave the process's resident set
 * and read as zero when taken again, which is why the allocator may treat a
 * taken run as zeroed.
 *
 * Which chunks are free is a bitmap under one mutex: chunks are taken and
 * given once per 256 KiB of allocation, far from the allocation fast path.
 * First fit from the lowest free chunk keeps the heap compact in the address
 * space; adjacent free chunks coalesce for free in a bitmap.
 */
#define _GNU_SOURCE
#include "chunk.h"

#include "dirty.h"
#include "platform.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <sys/mman.h>

#define COMMIT_STEP 64 /* chunks: 16 MiB */
#define DEFAULT_RESERVE ((size_t)64 << 30)
#define MIN_RESERVE ((size_t)64 << 20)

struct parcint_chunks parcint_chunks;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static uint64_t *used;   /* bit i: chunk i taken */
static size_t low;       /* every chunk below is taken */
static size_t committed; /* chunks below are PROT_READ|PROT_WRITE */
static size_t in_use;
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
        uint64_t *bits = first ? map_anon((n + 63) / 64 * 8, PROT_READ | PROT_WRITE) : NULL;
        if (bits) {
            /* Align to the chunk size: trim the slack at both ends. */
            uintptr_t a = ((uintptr_t)p + PARCINT_CHUNK - 1) & ~(PARCINT_CHUNK - 1);
            if (a > (uintptr_t)p)
                munmap(p, a - (uintptr_t)p);
            size_t tail = (uintptr_t)p + bytes + PARCINT_CHUNK - (a + bytes);
            if (tail)
                munmap((char *)a + bytes, tail);
            parcint_chunks.base = (char *)a;
            parcint_chunks.n = n;
            parcint_chunks.owner = owner;
            parcint_chunks.first = first;
            used = bits;
            return 0;
        }
        if (p)
            munmap(p, bytes + PARCINT_CHUNK);
        if (owner)
            munmap((void *)owner, n * sizeof *owner);
        if (first)
            munmap(first, n * sizeof *first);
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

static long find_run(size_t k)
{
    size_t run = 0, n = parcint_chunks.n;
    for (size_t i = low; i < n;) {
        if (run == 0 && (i & 63) == 0 && used[i >> 6] == ~(uint64_t)0) {
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

long parcint_chunks_take(size_t k, uint64_t id)
{
    pthread_mutex_lock(&lock);
    long at = find_run(k);
    if (at >= 0 && (size_t)at + k > committed) {
        size_t to = (size_t)at + k + COMMIT_STEP;
        if (to > parcint_chunks.n)
            to = parcint_chunks.n;
        if (mprotect(parcint_chunk_addr(committed),
                     (to - committed) << PARCINT_CHUNK_SHIFT,
                     PROT_READ | PROT_WRITE) != 0)
            at = -1; /* the OS refused memory: out of memory */
        else
            committed = to;
    }
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
    pthread_mutex_lock(&lock);
    for (size_t i = index; i < index + k; i++) {
        /* relaxed: a collector comparing with its own id never sees 0 as its
         * own; see chunk.h. */
        atomic_store_explicit(&parcint_chunks.owner[i], 0, memory_order_relaxed);
        used[i >> 6] &= ~((uint64_t)1 << (i & 63));
    }
    if (index < low)
        low = index;
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
