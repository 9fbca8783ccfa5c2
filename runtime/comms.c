/* comms.c: the lock-light transport between workers (comms.h; the design, the
 * reasons and the figures are in docs/comms.md).
 *
 * Memory, by owner:
 *
 *   cell[r][s]    messages s has published to r. Written only by sender s,
 *                 read only by receiver r; one cache line each, n x n of them
 *                 for the n workers the runtime runs.
 *   lane (s, r)   sender s's memory for its messages to r: a FIFO of blocks
 *                 of records written in order. Records are never moved; a
 *                 block is reused only after r said it is past it (consumed);
 *                 then it goes to s's spare list, which trim() shortens
 *                 back to malloc.
 *                 The lane's "done" line (consumed, taken) is the only part
 *                 the receiver writes.
 *   reader (r, s) receiver r's private cursor in lane (s, r).
 *   alerted[r]    1 while r is alerted (a signal is on its way or pending) or
 *                 looking (it scans its row every round, in the idle loop or
 *                 parcint_comms_await): a sender then does not signal.
 *
 * Publication: the sender writes its records, then stores its count of
 * messages into its cell (seq_cst, which includes release); the receiver's
 * seq_cst load of the cell (which includes acquire) that reads the count
 * makes every record below it visible. The receiver reads records in place
 * and, at the end of the lane's batch, stores consumed and taken (release);
 * the sender's acquire load of consumed before it reuses a block orders
 * every read of that block before the reuse: a read never races a rewrite.
 *
 * Alerts (a Dekker pair): the sender stores its cell then loads alerted[r];
 * the receiver clears alerted[r] then loads its cells; all four are seq_cst,
 * so one of them sees the other: either the sender sees 0 and signals, or
 * the receiver's scan sees the message.
 */
#define _GNU_SOURCE
#include "comms.h"

#include "diag.h"
#include "hooks.h"
#include "platform.h"
#include "pool.h"

#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Records of kind 0 link a lane's full block to the next one. */
#define MSG_NEXT 0
#define NEXT_SIZE 16u
#define BLOCK_BYTES (16u * 1024u)
/* A run record (parcint_comms_run_open): the header's kind carries RUN_BIT,
 * data[0] holds the count (low half) and the stride (high half), and the
 * payloads follow from data[1]. */
#define RUN_BIT 0x8000u
#define RUN_HEAD 16u
/* What the open message of a node is. */
enum { OPEN_MSG, OPEN_BATCH, OPEN_RUN };
/* The spare blocks a worker had all along since its last trim, beyond
 * PARCINT_COMMS_FREE_BLOCKS, go back to malloc at its next good time at
 * least this long after that trim (reclaim_all). */
#define TRIM_NS 10000000u
/* Idle rounds after a message during which an idle worker checks its row
 * several times per round (idle_intake). */
#define IDLE_WARM 64

struct block {
    struct block *next; /* sender-private: the lane's FIFO of blocks, or the
                           worker's free list */
    uint64_t base;      /* position of bytes[0] in the lane's byte sequence */
    _Alignas(PARCINT_LINE) unsigned char bytes[BLOCK_BYTES];
};

struct lane {
    /* Sender-private. */
    struct block *wblock; /* where the next record goes */
    uint32_t wpos;
    uint64_t sent;        /* messages committed */
    uint64_t published;   /* the count last stored into the cell */
    struct block *oldest; /* FIFO oldest .. wblock: blocks r may still read */
    struct block *first;  /* r's starting block (constant once published) */
    unsigned nblocks;     /* in the FIFO: PARCINT_COMMS_LANE_BLOCKS at most,
                             but for sends made by handlers */
    /* Written by the receiver only. */
    _Alignas(PARCINT_LINE) _Atomic uint64_t consumed; /* bytes r is past */
    _Atomic uint64_t taken;                           /* messages r handled */
};

struct reader {
    struct lane *lane; /* NULL until the first message */
    struct block *block;
    uint32_t pos;
    uint64_t taken;
};

struct cell {
    _Alignas(PARCINT_LINE) _Atomic uint64_t count;
};

struct node {
    /* Written by senders (the 0 -> 1 exchange) and by the receiver. */
    _Alignas(PARCINT_LINE) _Atomic uint32_t alerted;
    /* Owner-private: receiving. */
    _Alignas(PARCINT_LINE) int looking; /* alerted is 1 on our own account */
    int in_intake;
    int no_wait; /* sends that must not wait at the lane bound: the exit's */
    unsigned warm; /* idle rounds left to check the row more closely */
    int took; /* an intake took messages since the last idle_intake */
    struct reader *readers; /* [sender] */
    /* Owner-private: sending. */
    struct lane **lanes; /* [receiver]; an entry is written before the cell
                            store that first publishes it */
    uint16_t *dirty;     /* receivers of committed, unpublished messages */
    unsigned ndirty;
    struct lane *open; /* the message between begin and commit */
    unsigned open_to;
    uint32_t open_size;
    int open_kind; /* OPEN_MSG, OPEN_BATCH or OPEN_RUN */
    struct block *spare; /* free list (trim keeps it short) */
    unsigned nspare;
    unsigned spare_low;  /* the fewest spares since the last trim */
    uint64_t trimmed_ns; /* when the last trim ran */
    unsigned nlanes, lane_blocks; /* lanes made; blocks in their FIFOs */
    /* Statistics: written by the owner, read at exit (relaxed atomics, so
     * the exit's report may read them while the owner still runs). */
    _Alignas(PARCINT_LINE) _Atomic uint64_t sent, received, forwarded, flushes,
        alerts, intakes, blocks, held, freed, peak, waits;
};

struct table {
    unsigned n;
    struct cell *cells; /* [receiver * n + sender] */
    struct node *nodes; /* [worker] */
};

_Static_assert(sizeof(struct cell) == PARCINT_LINE, "a cell per cache line");
_Static_assert(offsetof(struct lane, consumed) % PARCINT_LINE == 0,
               "the receiver's done line is apart from the sender's fields");
_Static_assert(offsetof(struct node, looking) % PARCINT_LINE == 0 &&
                   offsetof(struct node, sent) % PARCINT_LINE == 0,
               "senders' writes to alerted do not touch the owner's lines");

/* NULL until the first message; then the table for the runtime's workers.
 * release in create, acquire in get and in the hooks: the table's contents
 * are visible to whoever sees the pointer. */
static _Atomic(struct table *) table;
static pthread_mutex_t create_lock = PTHREAD_MUTEX_INITIALIZER;
/* The scheduler's side is plugged in with the first handler, before the
 * runtime starts (written then, read after: published like the hooks by
 * the start's release store): a program that receives no message pays
 * nothing, not even a hook. */
static int plugged;
/* Written before the runtime starts, read after (the start's release store
 * in pool.c publishes them). */
static parcint_msg_handler handlers[PARCINT_MSG_KINDS];
static parcint_run_handler run_handlers[PARCINT_MSG_KINDS];

static inline void bump(_Atomic uint64_t *c, uint64_t k)
{
    /* relaxed, both: only the owner writes; the exit's report reads. */
    atomic_store_explicit(c, atomic_load_explicit(c, memory_order_relaxed) + k,
                          memory_order_relaxed);
}

static struct table *create(void)
{
    pthread_mutex_lock(&create_lock);
    /* relaxed: under the lock, which orders it against the store below. */
    struct table *t = atomic_load_explicit(&table, memory_order_relaxed);
    if (!t && !plugged)
        parcint_misuse("parcint_comms",
                       "no message handler was registered before the runtime "
                       "started, so no worker would take messages");
    if (!t) {
        unsigned n = parcint_nworkers();
        t = calloc(1, sizeof *t);
        if (t) {
            t->n = n;
            t->cells = aligned_alloc(PARCINT_LINE,
                                     (size_t)n * n * sizeof *t->cells);
            t->nodes = aligned_alloc(PARCINT_LINE, n * sizeof *t->nodes);
        }
        if (!t || !t->cells || !t->nodes)
            parcint_misuse("parcint_comms",
                           "no memory for the comms matrix of %u workers", n);
        memset(t->cells, 0, (size_t)n * n * sizeof *t->cells);
        memset(t->nodes, 0, n * sizeof *t->nodes);
        for (unsigned i = 0; i < n; i++) {
            struct node *nd = &t->nodes[i];
            nd->readers = calloc(n, sizeof *nd->readers);
            nd->lanes = calloc(n, sizeof *nd->lanes);
            nd->dirty = calloc(n, sizeof *nd->dirty);
            if (!nd->readers || !nd->lanes || !nd->dirty)
                parcint_misuse("parcint_comms",
                               "no memory for the comms matrix of %u workers",
                               n);
        }
        /* release: see table. */
        atomic_store_explicit(&table, t, memory_order_release);
    }
    pthread_mutex_unlock(&create_lock);
    return t;
}

static inline struct table *get(void)
{
    /* acquire: see table. */
    struct table *t = atomic_load_explicit(&table, memory_order_acquire);
    return t ? t : create();
}

static inline struct cell *cell(struct table *t, unsigned r, unsigned s)
{
    return &t->cells[(size_t)r * t->n + s];
}

static struct node *self_node(struct table *t, parcint_worker *w,
                              const char *call)
{
    if (w == NULL || w != parcint_current())
        parcint_misuse(call, "called for worker %p, which is not the calling "
                             "thread's worker",
                       (void *)w);
    return &t->nodes[w->id];
}

static int plug_into_scheduler(void);

int parcint_comms_handle(unsigned kind, parcint_msg_handler fn)
{
    if (kind == MSG_NEXT || kind >= PARCINT_MSG_KINDS || fn == NULL)
        return EINVAL;
    if (parcint_started())
        return EBUSY;
    int err = plug_into_scheduler();
    if (err)
        return err;
    if (handlers[kind])
        return EEXIST;
    handlers[kind] = fn;
    return 0;
}

/* A single message of a kind with a run handler: a run of one. */
static void run_of_one(parcint_worker *w, const parcint_msg *m)
{
    run_handlers[m->kind](w, m->from, m->data, parcint_msg_bytes(m), 1);
}

int parcint_comms_handle_run(unsigned kind, parcint_run_handler fn)
{
    if (fn == NULL)
        return EINVAL;
    int err = parcint_comms_handle(kind, run_of_one);
    if (err == 0)
        run_handlers[kind] = fn;
    return err;
}

/* ---- Sending ---------------------------------------------------------------- */

/* A block for one of me's lanes: a spare one, else a new one. */
static struct block *get_block(struct node *me)
{
    struct block *b = me->spare;
    if (b) {
        me->spare = b->next;
        if (--me->nspare < me->spare_low)
            me->spare_low = me->nspare;
    } else if ((b = aligned_alloc(PARCINT_LINE, sizeof *b))) {
        bump(&me->blocks, 1);
        bump(&me->held, 1);
    } else {
        return NULL;
    }
    b->next = NULL;
    return b;
}

/* A block no lane needs any more: a spare until trim frees it. */
static void put_block(struct node *me, struct block *b)
{
    b->next = me->spare;
    me->spare = b;
    me->nspare++;
}

/* Frees the spares beyond PARCINT_COMMS_FREE_BLOCKS that were not needed
 * since the last trim (its low-water mark), at most once per TRIM_NS: a
 * lane that streams draws its spares down between trims and keeps them
 * (freeing them at once made a stream malloc and fault in its blocks
 * again: throughput's records at 9.5 ns against 4.6), while a burst's
 * backlog goes back to malloc within two trims of its being read. */
static void trim(struct node *me)
{
    uint64_t now = parcint_now_ns();
    if (now - me->trimmed_ns < TRIM_NS)
        return;
    unsigned surplus = me->spare_low > PARCINT_COMMS_FREE_BLOCKS
                           ? me->spare_low - PARCINT_COMMS_FREE_BLOCKS
                           : 0;
    for (unsigned k = 0; k < surplus; k++) {
        struct block *b = me->spare;
        me->spare = b->next;
        me->nspare--;
        free(b);
    }
    if (surplus) {
        /* relaxed, both: figures (see bump); only the owner writes them. */
        atomic_store_explicit(&me->held,
                              atomic_load_explicit(&me->held,
                                                   memory_order_relaxed) -
                                  surplus,
                              memory_order_relaxed);
        bump(&me->freed, surplus);
    }
    me->spare_low = me->nspare;
    me->trimmed_ns = now;
}

/* Takes back l's blocks that its receiver is past (all but the current
 * one at most). Sender-only: at advance, and at the sender's own idle
 * times (reclaim_all). */
static void reclaim_lane(struct node *me, struct lane *l)
{
    if (l->oldest == l->wblock)
        return;
    /* acquire: pairs with the receiver's release store of consumed in
     * take_lane: its reads of a block happen before we reuse or free it. */
    uint64_t done = atomic_load_explicit(&l->consumed, memory_order_acquire);
    while (l->oldest != l->wblock &&
           done >= l->oldest->base + BLOCK_BYTES) {
        struct block *b = l->oldest;
        l->oldest = b->next;
        l->nblocks--;
        me->lane_blocks--;
        put_block(me, b);
    }
}

/* Every lane of me that holds more than its current block, then the
 * spares (two compares when there is nothing to do). */
static void reclaim_all(struct table *t, struct node *me)
{
    if (me->lane_blocks != me->nlanes)
        for (unsigned r = 0; r < t->n; r++)
            if (me->lanes[r])
                reclaim_lane(me, me->lanes[r]);
    if (me->nspare > PARCINT_COMMS_FREE_BLOCKS)
        trim(me);
}

static __attribute__((noinline)) struct lane *new_lane(struct node *me,
                                                      unsigned to)
{
    struct lane *l = aligned_alloc(PARCINT_LINE, sizeof *l);
    if (!l)
        return NULL;
    memset(l, 0, sizeof *l);
    struct block *b = get_block(me);
    if (!b) {
        free(l);
        return NULL;
    }
    b->base = 0;
    l->first = l->wblock = l->oldest = b;
    l->nblocks = 1;
    me->nlanes++;
    me->lane_blocks++;
    /* relaxed: a figure only the owner writes (see bump). */
    if (atomic_load_explicit(&me->peak, memory_order_relaxed) == 0)
        bump(&me->peak, 1);
    me->lanes[to] = l;
    return l;
}

static inline struct lane *lane_to(struct node *me, unsigned to)
{
    struct lane *l = me->lanes[to];
    return l ? l : new_lane(me, to);
}

static unsigned intake(parcint_worker *w, struct table *t);
static void flush(struct table *t, struct node *me, unsigned s);
static void start_looking(struct node *me);
static void stop_looking(parcint_worker *w, struct table *t);

void parcint_comms_reclaim(parcint_worker *w)
{
    struct table *t = get();
    reclaim_all(t, self_node(t, w, "parcint_comms_reclaim"));
}

/* Pushback: l holds PARCINT_COMMS_LANE_BLOCKS blocks its receiver is not
 * past. Publish what is committed, then take our own messages (and serve
 * polls) until the receiver is past one: two workers flooding each other
 * each drain the other's lane while they wait. Looking meanwhile, so that
 * senders to us need not signal. Never from a handler (the intake would
 * not nest): those sends let the lane grow instead. */
static void wait_for_room(parcint_worker *w, struct table *t, struct node *me,
                          struct lane *l)
{
    bump(&me->waits, 1);
    flush(t, me, w->id);
    int was = me->looking;
    start_looking(me);
    for (unsigned k = 1;; k++) {
        reclaim_lane(me, l);
        if (l->nblocks < PARCINT_COMMS_LANE_BLOCKS)
            break;
        if (intake(w, t))
            continue;
        if (k % 64 == 0)
            parc_poll(); /* share work, run poll hooks (as in await) */
        parcint_cpu_relax();
    }
    if (!was)
        stop_looking(w, t);
}

/* The block after l's current one: a block the receiver is past (kept in
 * the lane's FIFO or on the spare list), else a new one; at the bound,
 * after waiting (wait_for_room). */
static struct block *next_block(parcint_worker *w, struct table *t,
                                struct node *me, struct lane *l)
{
    reclaim_lane(me, l);
    if (l->nblocks >= PARCINT_COMMS_LANE_BLOCKS && !me->in_intake &&
        !me->no_wait)
        wait_for_room(w, t, me, l);
    struct block *b = get_block(me);
    if (!b)
        return NULL;
    b->base = l->wblock->base + BLOCK_BYTES;
    l->wblock->next = b;
    l->nblocks++;
    me->lane_blocks++;
    /* relaxed: a figure only the owner writes (see bump). nblocks grows by
     * one at a time, so the peak does too. */
    if (l->nblocks > atomic_load_explicit(&me->peak, memory_order_relaxed))
        bump(&me->peak, 1);
    return b;
}

/* Links l's current block to the next one with a NEXT record (room for it
 * is always left at a block's end; it is read only once a message after it
 * is published) and writes on there. Returns 0 on ENOMEM. */
static int advance(parcint_worker *w, struct table *t, struct node *me,
                   struct lane *l)
{
    struct block *nb = next_block(w, t, me, l);
    if (!nb)
        return 0;
    parcint_msg *nx = (parcint_msg *)(l->wblock->bytes + l->wpos);
    nx->kind = MSG_NEXT;
    nx->size = NEXT_SIZE;
    nx->data[0] = (uint64_t)(uintptr_t)nb;
    l->wblock = nb;
    l->wpos = 0;
    return 1;
}

/* begin, once w is known to be the caller's worker (me its node). */
static parcint_msg *form(struct table *t, struct node *me, parcint_worker *w,
                         unsigned to, unsigned kind, size_t bytes)
{
    if (to >= t->n || kind == MSG_NEXT || kind >= PARCINT_MSG_KINDS ||
        bytes > PARCINT_MSG_MAX_PAYLOAD || me->open) {
        errno = EINVAL;
        return NULL;
    }
    struct lane *l = lane_to(me, to);
    if (!l) {
        errno = ENOMEM;
        return NULL;
    }
    uint32_t size = (uint32_t)((sizeof(parcint_msg) + bytes + 7) & ~(size_t)7);
    if (l->wpos + size + NEXT_SIZE > BLOCK_BYTES && !advance(w, t, me, l)) {
        errno = ENOMEM;
        return NULL;
    }
    parcint_msg *m = (parcint_msg *)(l->wblock->bytes + l->wpos);
    m->kind = (uint16_t)kind;
    m->size = (uint16_t)size;
    m->from = (uint16_t)w->id;
    m->hops = 0;
    me->open = l;
    me->open_to = to;
    me->open_size = size;
    me->open_kind = OPEN_MSG;
    return m;
}

parcint_msg *parcint_comms_begin(parcint_worker *w, unsigned to, unsigned kind,
                                 size_t bytes)
{
    struct table *t = get();
    return form(t, self_node(t, w, "parcint_comms_begin"), w, to, kind, bytes);
}

static inline void commit_open(struct node *me)
{
    struct lane *l = me->open;
    if (!l || me->open_kind != OPEN_MSG)
        parcint_misuse("parcint_comms_commit", "no message is open");
    l->wpos += me->open_size;
    if (l->sent++ == l->published)
        me->dirty[me->ndirty++] = (uint16_t)me->open_to;
    me->open = NULL;
    bump(&me->sent, 1);
}

void parcint_comms_commit(parcint_worker *w)
{
    /* begin checked that w is the caller's worker. */
    commit_open(&get()->nodes[w->id]);
}

/* Opens a batch or a run (open_kind) to `to`: l's current block, moved on
 * first if it has no room for a record of the largest size after `head`
 * bytes, so that a fresh batch or run holds at least one message of any
 * size (a put that finds no room is then always cured by closing and
 * opening again). Returns the lane, or NULL with EINVAL or ENOMEM in *err. */
static struct lane *open_lane(parcint_worker *w, struct table *t,
                              struct node *me, unsigned to, size_t head,
                              int kind, int *err)
{
    if (to >= t->n || me->open) {
        *err = EINVAL;
        return NULL;
    }
    struct lane *l = lane_to(me, to);
    if (!l || (l->wpos + head + PARCINT_MSG_MAX_PAYLOAD + NEXT_SIZE >
                   BLOCK_BYTES &&
               !advance(w, t, me, l))) {
        *err = ENOMEM;
        return NULL;
    }
    me->open = l;
    me->open_to = to;
    me->open_size = 0;
    me->open_kind = kind;
    return l;
}

/* Ends the open batch or run: `count` records of `bytes` in all are added
 * to its lane. */
static void close_lane(struct node *me, uint32_t bytes, uint32_t count)
{
    struct lane *l = me->open;
    l->wpos += bytes;
    if (count && l->sent == l->published)
        me->dirty[me->ndirty++] = (uint16_t)me->open_to;
    l->sent += count;
    me->open = NULL;
    bump(&me->sent, count);
}

int parcint_comms_batch_open(parcint_worker *w, unsigned to,
                             parcint_msg_batch *b)
{
    struct table *t = get();
    struct node *me = self_node(t, w, "parcint_comms_batch_open");
    int err;
    struct lane *l =
        open_lane(w, t, me, to, sizeof(parcint_msg), OPEN_BATCH, &err);
    if (!l)
        return err;
    b->pos = l->wblock->bytes + l->wpos;
    b->end = l->wblock->bytes + BLOCK_BYTES - NEXT_SIZE;
    b->count = 0;
    b->from = (uint16_t)w->id;
    return 0;
}

void parcint_comms_batch_close(parcint_worker *w, parcint_msg_batch *b)
{
    struct node *me = &get()->nodes[w->id];
    struct lane *l = me->open;
    if (!l || me->open_kind != OPEN_BATCH)
        parcint_misuse("parcint_comms_batch_close", "no batch is open");
    close_lane(me, (uint32_t)(b->pos - (l->wblock->bytes + l->wpos)),
               b->count);
    b->pos = b->end; /* a put after close finds no room */
}

int parcint_comms_run_open(parcint_worker *w, unsigned to, unsigned kind,
                           size_t bytes, parcint_msg_run *r)
{
    struct table *t = get();
    struct node *me = self_node(t, w, "parcint_comms_run_open");
    if (kind >= PARCINT_MSG_KINDS || !run_handlers[kind] || bytes == 0 ||
        bytes > PARCINT_MSG_MAX_PAYLOAD)
        return EINVAL;
    int err;
    struct lane *l = open_lane(w, t, me, to, RUN_HEAD, OPEN_RUN, &err);
    if (!l)
        return err;
    r->head = (parcint_msg *)(l->wblock->bytes + l->wpos);
    r->head->kind = (uint16_t)(kind | RUN_BIT);
    r->head->from = (uint16_t)w->id;
    r->head->hops = 0;
    r->stride = (bytes + 7) & ~(size_t)7;
    r->pos = (unsigned char *)r->head + RUN_HEAD;
    r->end = l->wblock->bytes + BLOCK_BYTES - NEXT_SIZE;
    return 0;
}

void parcint_comms_run_close(parcint_worker *w, parcint_msg_run *r)
{
    struct node *me = &get()->nodes[w->id];
    if (!me->open || me->open_kind != OPEN_RUN)
        parcint_misuse("parcint_comms_run_close", "no run is open");
    size_t bytes = (size_t)(r->pos - (unsigned char *)r->head);
    uint32_t count = (uint32_t)((bytes - RUN_HEAD) / r->stride);
    if (count) {
        /* The header's size and count: read only once the run is
         * published, by the flush after this close. */
        r->head->size = (uint16_t)bytes;
        r->head->data[0] = count | (uint64_t)r->stride << 32;
        close_lane(me, (uint32_t)bytes, count);
    } else {
        close_lane(me, 0, 0);
    }
    r->pos = r->end; /* a put after close finds no room */
}

/* Signals r unless it is alerted or looking already. */
static void alert(struct table *t, struct node *me, unsigned r)
{
    struct node *rn = &t->nodes[r];
    /* seq_cst: after our seq_cst store of the cell, against the receiver's
     * seq_cst store of 0 then loads of its cells (intake, stop_looking,
     * idle_pending): if we read 1, its later scan sees our count. */
    if (atomic_load_explicit(&rn->alerted, memory_order_seq_cst))
        return;
    /* seq_cst: as above; of the senders racing here, only the one that
     * turns 0 into 1 signals. */
    if (atomic_exchange_explicit(&rn->alerted, 1, memory_order_seq_cst))
        return;
    parcint_worker *rw = parcint_worker_by_id(r);
    parcint_signal(rw, PARCINT_SIG_MESSAGE);
    parcint_wake_for_poll(rw);
    bump(&me->alerts, 1);
}

static void flush(struct table *t, struct node *me, unsigned s)
{
    unsigned nd = me->ndirty;
    if (nd == 0)
        return;
    for (unsigned i = 0; i < nd; i++) {
        unsigned r = me->dirty[i];
        struct lane *l = me->lanes[r];
        /* seq_cst: release publishes the records (and the lane, the first
         * time) to the receiver's seq_cst load of this cell; seq_cst orders
         * it before our load of alerted in alert() (see there). */
        atomic_store_explicit(&cell(t, r, s)->count, l->sent,
                              memory_order_seq_cst);
        l->published = l->sent;
    }
    for (unsigned i = 0; i < nd; i++)
        alert(t, me, me->dirty[i]);
    me->ndirty = 0;
    bump(&me->flushes, 1);
}

void parcint_comms_flush(parcint_worker *w)
{
    struct table *t = get();
    flush(t, self_node(t, w, "parcint_comms_flush"), w->id);
}

int parcint_comms_send(parcint_worker *w, unsigned to, unsigned kind,
                       const void *payload, size_t bytes)
{
    struct table *t = get();
    struct node *me = self_node(t, w, "parcint_comms_send");
    parcint_msg *m = form(t, me, w, to, kind, bytes);
    if (!m)
        return errno;
    if (bytes)
        memcpy(m->data, payload, bytes);
    commit_open(me);
    flush(t, me, w->id);
    return 0;
}

int parcint_comms_forward(parcint_worker *w, const parcint_msg *m, unsigned to)
{
    size_t bytes = parcint_msg_bytes(m);
    struct table *t = get();
    struct node *me = self_node(t, w, "parcint_comms_forward");
    parcint_msg *c = form(t, me, w, to, m->kind, bytes);
    if (!c)
        return errno;
    memcpy(c->data, m->data, bytes);
    c->from = m->from;
    c->hops = (uint16_t)(m->hops + 1);
    commit_open(me);
    bump(&me->forwarded, 1);
    return 0;
}

/* ---- Receiving -------------------------------------------------------------- */

/* Handles the messages of lane (s, r) up to count c, in order. */
static unsigned take_lane(parcint_worker *w, struct table *t,
                          struct reader *rd, unsigned s, uint64_t c)
{
    struct lane *l = rd->lane;
    if (!l) {
        /* Written by s before the cell store whose count we acquired. */
        l = rd->lane = t->nodes[s].lanes[w->id];
        rd->block = l->first;
        rd->pos = 0;
    }
    struct block *b = rd->block;
    uint32_t pos = rd->pos;
    uint64_t taken = rd->taken;
    unsigned got = 0;
    while (taken < c) {
        const parcint_msg *m = (const parcint_msg *)(b->bytes + pos);
        unsigned kind = m->kind;
        if (kind & RUN_BIT) {
            /* A run: published whole (run_close commits it at once). */
            uint64_t cs = m->data[0];
            uint32_t count = (uint32_t)cs;
            run_handlers[kind & ~RUN_BIT](w, m->from, m->data + 1,
                                          (size_t)(cs >> 32), count);
            pos += m->size;
            taken += count;
            got += count;
            continue;
        }
        if (kind == MSG_NEXT) {
            b = (struct block *)(uintptr_t)m->data[0];
            pos = 0;
            continue;
        }
        parcint_msg_handler fn = handlers[kind];
        if (!fn)
            parcint_misuse("parcint_comms_intake",
                           "message kind %u from worker %u has no handler",
                           kind, m->from);
        fn(w, m);
        pos += m->size;
        taken++;
        got++;
    }
    rd->block = b;
    rd->pos = pos;
    rd->taken = taken;
    /* release, both: consumed pairs with the sender's acquire load in
     * next_block (every read above happens before it reuses a block); taken
     * with the acquire load in drain_at_exit. */
    atomic_store_explicit(&l->taken, taken, memory_order_release);
    atomic_store_explicit(&l->consumed, b->base + pos, memory_order_release);
    return got;
}

static unsigned intake(parcint_worker *w, struct table *t)
{
    struct node *me = &t->nodes[w->id];
    if (me->in_intake)
        return 0;
    me->in_intake = 1;
    /* relaxed load: a stale 1 costs a store; a stale 0 means a sender is
     * about to signal us (it turned 0 into 1), so our next poll point
     * comes back here. seq_cst store: the Dekker pair with alert(). */
    if (!me->looking &&
        atomic_load_explicit(&me->alerted, memory_order_relaxed))
        atomic_store_explicit(&me->alerted, 0, memory_order_seq_cst);
    unsigned got = 0, n = t->n;
    struct cell *row = cell(t, w->id, 0);
    for (unsigned s = 0; s < n; s++) {
        /* seq_cst: acquire pairs with the sender's store in flush() (the
         * records below the count are visible); seq_cst for the Dekker pair
         * with alert(). */
        uint64_t c = atomic_load_explicit(&row[s].count, memory_order_seq_cst);
        if (c != me->readers[s].taken)
            got += take_lane(w, t, &me->readers[s], s, c);
    }
    if (me->ndirty)
        flush(t, me, w->id); /* replies and forwards made by handlers */
    me->in_intake = 0;
    if (got) {
        me->took = 1;
        bump(&me->received, got);
        bump(&me->intakes, 1);
    }
    return got;
}

unsigned parcint_comms_intake(parcint_worker *w)
{
    struct table *t = get();
    self_node(t, w, "parcint_comms_intake");
    return intake(w, t);
}

static int row_pending(struct table *t, unsigned r)
{
    struct node *me = &t->nodes[r];
    for (unsigned s = 0; s < t->n; s++)
        /* seq_cst: as in intake(). */
        if (atomic_load_explicit(&cell(t, r, s)->count, memory_order_seq_cst) !=
            me->readers[s].taken)
            return 1;
    return 0;
}

int parcint_comms_pending(parcint_worker *w)
{
    struct table *t = get();
    self_node(t, w, "parcint_comms_pending");
    return row_pending(t, w->id);
}

/* Sets w looking: senders need not signal it while it scans its row. */
static void start_looking(struct node *me)
{
    if (me->looking)
        return;
    me->looking = 1;
    /* seq_cst: a sender that reads this 1 skips its signal; our scans all
     * come after this store, and when we stop looking we clear it and scan
     * once more (stop_looking), which closes the Dekker pair with alert(). */
    atomic_store_explicit(&me->alerted, 1, memory_order_seq_cst);
}

static void stop_looking(parcint_worker *w, struct table *t)
{
    struct node *me = &t->nodes[w->id];
    if (!me->looking)
        return;
    me->looking = 0;
    /* seq_cst: the Dekker pair with alert(); the intake below scans after
     * it, so a message whose sender read the 1 is taken now. */
    atomic_store_explicit(&me->alerted, 0, memory_order_seq_cst);
    intake(w, t);
}

void parcint_comms_await(parcint_worker *w, int (*done)(void *), void *arg)
{
    struct table *t = get();
    struct node *me = self_node(t, w, "parcint_comms_await");
    if (me->in_intake)
        parcint_misuse("parcint_comms_await",
                       "called from a message handler (intake does not nest)");
    int was = me->looking;
    start_looking(me);
    unsigned idle = 0;
    while (!done(arg)) {
        if (intake(w, t)) {
            idle = 0;
            continue;
        }
        /* Serve other requests (share work, poll hooks), but not at every
         * turn: idle thieves ask an empty worker again as soon as it
         * clears their request, and serving each would bounce its signal
         * line between the two at the rate of this loop. */
        if (++idle % 64 == 0) {
            parc_poll();
            reclaim_all(t, me); /* a good time of the sender's own */
        }
        parcint_cpu_relax();
    }
    if (!was)
        stop_looking(w, t);
    reclaim_all(t, me);
}

/* ---- The scheduler's side (hooks.h) ------------------------------------------ */

/* At the poll point, alerted. */
static void alerted_intake(parcint_worker *w)
{
    /* acquire: see table. */
    struct table *t = atomic_load_explicit(&table, memory_order_acquire);
    if (t)
        intake(w, t);
}

/* Each round of the idle loop: look, so that senders need not signal. */
static int idle_intake(parcint_worker *w)
{
    /* acquire: see table. */
    struct table *t = atomic_load_explicit(&table, memory_order_acquire);
    if (!t)
        return 0;
    struct node *me = &t->nodes[w->id];
    start_looking(me);
    /* An idle round is the sender's own good time to take back the blocks
     * its receivers are past (one compare when there are none). */
    reclaim_all(t, me);
    /* Messages taken at this round's poll point (find_work polls before it
     * runs the work sources) count as work done in this round: otherwise
     * an idle worker woken by a message, which it takes at that poll,
     * would count an empty round and, its empty rounds already spent,
     * sleep again at once, paying a futex wake-up for every message. */
    int took = me->took;
    me->took = 0;
    if (took)
        me->warm = IDLE_WARM;
    /* While messages keep coming (one taken in the last IDLE_WARM rounds),
     * check the row a few times more, a pause apart, so that the next one
     * is seen within a pause rather than within a whole idle round (a
     * steal attempt on every worker, a clock read, pauses): pingpong's
     * round trip, 287 -> 227 ns. Only then: each such round is longer,
     * and an idle worker sleeps after a fixed number of rounds. */
    int checks = me->warm ? 4 : 1;
    for (int k = 0; k < checks; k++) {
        if (intake(w, t)) {
            me->warm = IDLE_WARM;
            me->took = 0;
            return 1;
        }
        if (k + 1 < checks)
            parcint_cpu_relax();
    }
    if (me->warm)
        me->warm--;
    return took;
}

/* The sleep protocol's check (pool.c): an idle worker about to sleep stops
 * looking (so that senders wake it) and reports messages it has not taken. */
static int idle_pending(parcint_worker *w)
{
    /* acquire: see table. */
    struct table *t = atomic_load_explicit(&table, memory_order_acquire);
    if (!t)
        return 0;
    struct node *me = &t->nodes[w->id];
    /* Cleared whether we were looking or not: a worker that took its
     * messages outside the idle loop (at a poll point, or at start-up
     * before its first sleep) may still hold a sender's 1, whose signal it
     * never needed; sleeping on that 1 would make every later sender skip
     * its wake-up (a lost wake-up, hidden while every wake-up woke every
     * sleeper). seq_cst: the Dekker pair with alert(), against the loads
     * below. */
    me->looking = 0;
    atomic_store_explicit(&me->alerted, 0, memory_order_seq_cst);
    return row_pending(t, w->id);
}

/* Before a stolen frame runs: the worker is busy, no longer looking. */
static void busy(parcint_worker *w, parc_frame *f)
{
    (void)f;
    /* acquire: see table. */
    struct table *t = atomic_load_explicit(&table, memory_order_acquire);
    if (t)
        stop_looking(w, t);
}

static void on_stop(parcint_worker *w, const parcint_msg *m)
{
    /* Taking it is the acknowledgement: the drain counts taken messages. */
    (void)w;
    (void)m;
}

void parcint_comms_counts(parcint_worker *w, struct parcint_comms_counts *out)
{
    memset(out, 0, sizeof *out);
    /* acquire: see table. */
    struct table *t = atomic_load_explicit(&table, memory_order_acquire);
    if (!t || !w)
        return;
    struct node *nd = &t->nodes[w->id];
    /* relaxed: statistics (see bump). */
#define GET(f) out->f = atomic_load_explicit(&nd->f, memory_order_relaxed)
    GET(sent);
    GET(received);
    GET(forwarded);
    GET(flushes);
    GET(alerts);
    GET(intakes);
    GET(blocks);
    GET(held);
    GET(freed);
    GET(peak);
    GET(waits);
#undef GET
}

static void report(struct table *t)
{
    if (parcint_env_ulong("PARC_STATS", 0) == 0)
        return;
    unsigned n = t->n;
    for (unsigned i = 0; i < n; i++) {
        struct parcint_comms_counts c;
        parcint_comms_counts(parcint_worker_by_id(i), &c);
        fprintf(stderr,
                "parc: comms worker %u: sent=%" PRIu64 " received=%" PRIu64
                " forwarded=%" PRIu64 " flushes=%" PRIu64 " alerts=%" PRIu64
                " intakes=%" PRIu64 " blocks=%" PRIu64 " held=%" PRIu64
                " freed=%" PRIu64 " peak=%" PRIu64 " waits=%" PRIu64 "\n",
                i, c.sent, c.received, c.forwarded, c.flushes, c.alerts,
                c.intakes, c.blocks, c.held, c.freed, c.peak, c.waits);
    }
    if (n > 32)
        return;
    fprintf(stderr, "parc: comms matrix (row: receiver, column: sender):\n");
    for (unsigned r = 0; r < n; r++) {
        fprintf(stderr, "parc: comms to %2u:", r);
        for (unsigned s = 0; s < n; s++)
            /* relaxed: a figure; only the count matters. */
            fprintf(stderr, " %" PRIu64,
                    atomic_load_explicit(&cell(t, r, s)->count,
                                         memory_order_relaxed));
        fprintf(stderr, "\n");
    }
}

/* At exit, before the workers stop: every message published before the
 * exit began is taken. The exiting thread sends STOP to every other worker,
 * which takes everything at its next poll point or idle round, notes each
 * cell's count, takes its own messages, and waits until every lane's taken
 * count reaches the noted one (2 s at most: a worker inside a long task is
 * not waited for). Messages sent after the note (by handlers, or idle
 * workers' requests for work, which never stop) are not waited for: they
 * may keep coming for as long as the workers run. */
static void drain_at_exit(parcint_worker *w0)
{
    /* acquire: see table. */
    struct table *t = atomic_load_explicit(&table, memory_order_acquire);
    if (!t)
        return;
    unsigned n = t->n;
    int mine = parcint_current() == w0;
    if (mine) {
        /* Not held back by a full lane: a receiver busy in a long task
         * would hold the exit beyond the 2 s below. */
        t->nodes[0].no_wait = 1;
        for (unsigned r = 1; r < n; r++)
            parcint_comms_send(w0, r, PARCINT_MSG_STOP, NULL, 0);
        t->nodes[0].no_wait = 0;
    }
    uint64_t *noted = calloc((size_t)n * n, sizeof *noted);
    if (!noted)
        return;
    for (unsigned i = 0; i < n * n; i++)
        /* acquire: pairs with the sender's store in flush(): the lane
         * pointer written before it is visible below. */
        noted[i] = atomic_load_explicit(&t->cells[i].count,
                                        memory_order_acquire);
    uint64_t deadline = parcint_now_ns() + 2000000000ull;
    uint64_t left;
    for (;;) {
        if (mine)
            intake(w0, t);
        left = 0;
        for (unsigned r = 0; r < n; r++)
            for (unsigned s = 0; s < n; s++) {
                uint64_t c = noted[(size_t)r * n + s];
                if (c == 0)
                    continue;
                /* acquire: pairs with the release store in take_lane. */
                uint64_t k = atomic_load_explicit(&t->nodes[s].lanes[r]->taken,
                                                  memory_order_acquire);
                left += k < c ? c - k : 0;
            }
        if (left == 0 || parcint_now_ns() > deadline)
            break;
        sched_yield();
    }
    free(noted);
    if (left)
        fprintf(stderr,
                "parc: comms: %" PRIu64 " messages not taken at exit (their "
                "receivers stayed busy for 2 s)\n",
                left);
    report(t);
}

static int plug_into_scheduler(void)
{
    if (plugged)
        return 0;
    if (parcint_hook_message(alerted_intake) ||
        parcint_hook_work(idle_intake, idle_pending) ||
        parcint_hook_steal(busy) || parcint_hook_exit(drain_at_exit))
        return ENOSPC;
    handlers[PARCINT_MSG_STOP] = on_stop;
    plugged = 1;
    return 0;
}
