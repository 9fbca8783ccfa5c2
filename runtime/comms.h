/* comms.h: messages between workers (seed 000, "Communications between
 * Contexts" and "Message Set"; docs/comms.md has the design and the figures).
 *
 *   - A sender forms a message in its own memory (a lane of blocks per
 *     receiver, owned by the sender) and never touches it after publishing.
 *   - It publishes by storing its count of messages sent into its cell of the
 *     comms matrix, cell[receiver][sender]: written only by that sender, read
 *     only by that receiver, one cache line each.
 *   - It alerts the receiver (the PARCINT_SIG_MESSAGE bit, or a wake-up)
 *     only when the receiver is not already alerted or looking, so a stream
 *     of sends costs one alert per intake.
 *   - The receiver takes messages at good times (between tasks in the idle
 *     loop, at the poll point when alerted, in parcint_comms_await, at exit):
 *     one pass over its row of the matrix, every message read in place and
 *     handed to the handler of its kind, then the lane's "done" counter
 *     stored (release), which lets the sender reuse the memory.
 *
 * Everything here is called by a worker on itself (w == the calling thread's
 * worker); a handler runs on the receiving worker, inside the intake.
 */
#ifndef runtime_comms_h
#define runtime_comms_h

#include "worker.h"

#include <stddef.h>
#include <stdint.h>

/* The message set (seed 000). Handlers are registered by the layers that own
 * each kind (parcint_comms_handle); kinds from PARCINT_MSG_FIRST_FREE on are
 * free for later layers and for tests. */
enum {
    PARCINT_MSG_REQUEST_WORK = 1, /* "request work": the sender is idle */
    PARCINT_MSG_SEND_WORK,        /* "send work": a frame for the receiver */
    PARCINT_MSG_FORWARD_PROCESS,  /* a process moved: its messages follow */
    PARCINT_MSG_FORWARD_FUTURE,   /* a future's value is wanted elsewhere */
    PARCINT_MSG_STOP,             /* the open fifth entry: take everything
                                     and acknowledge (the runtime's exit) */
    PARCINT_MSG_FIRST_FREE = 8,
    PARCINT_MSG_KINDS = 64, /* kinds are below this */
};

/* A message as the receiver sees it, in the sender's memory. The header is
 * one word; data is 8-byte aligned. */
typedef struct parcint_msg {
    uint16_t kind;   /* PARCINT_MSG_* or a registered kind */
    uint16_t size;   /* the whole record in bytes, header included */
    uint16_t from;   /* the worker that formed it first (kept by forwards) */
    uint16_t hops;   /* times it was forwarded */
    uint64_t data[]; /* the payload */
} parcint_msg;

/* Pushback: a lane holds at most this many blocks (16 KiB each) of
 * records its receiver has not finished with; a sender that needs one more
 * waits, taking its own messages meanwhile (docs/comms.md). Sends made by
 * handlers (replies, forwards) are not held back: an intake never waits. */
#define PARCINT_COMMS_LANE_BLOCKS 64u
/* Blocks a worker keeps for reuse once its lanes are done with them; spares
 * beyond these that it did not need for 10 ms go back to malloc (comms.c's
 * trim). */
#define PARCINT_COMMS_FREE_BLOCKS 8u

/* The largest payload of one message, in bytes. Larger data is referenced
 * from the payload (and, once task heaps exist, kept alive by the message). */
#define PARCINT_MSG_MAX_PAYLOAD 1024u

/* Payload bytes of m (its size rounded up to whole words). */
static inline size_t parcint_msg_bytes(const parcint_msg *m)
{
    return m->size - sizeof(parcint_msg);
}

/* Runs on the receiving worker w for each message of its kind, in the order
 * its sender sent them; m is valid until the handler returns (copy or
 * forward what must outlive it). A handler may send, forward and reply; an
 * intake is never nested (an intake called from a handler takes nothing). */
typedef void (*parcint_msg_handler)(parcint_worker *w, const parcint_msg *m);

/* Registers fn for kind, before the runtime starts. The first registration
 * also plugs the transport into the scheduler (its hooks): a program must
 * register a handler before it starts the runtime to use messages at all.
 * Returns 0, EINVAL (kind out of range, or fn NULL), EEXIST (kind taken),
 * EBUSY (started) or ENOSPC (the scheduler's hook lists are full). */
int parcint_comms_handle(unsigned kind, parcint_msg_handler fn);

/* Forms a message of kind to worker `to` with room for `bytes` of payload,
 * in w's memory: fill m->data, then parcint_comms_commit. One message is
 * open at a time. Returns NULL with EINVAL (to or kind out of range, bytes
 * too large, a message already open) or ENOMEM. */
parcint_msg *parcint_comms_begin(parcint_worker *w, unsigned to, unsigned kind,
                                 size_t bytes);
/* Adds the open message to its lane (not yet visible to the receiver). */
void parcint_comms_commit(parcint_worker *w);
/* Publishes every committed message and alerts their receivers. Messages
 * committed and not flushed are flushed at w's next intake. */
void parcint_comms_flush(parcint_worker *w);

/* Batches (inline): many messages to one receiver formed back to back in
 * w's lane, the room checked by one compare per message. Open, put each
 * message and fill its data, close (which commits them all), then flush.
 * While a batch is open, begin fails with EINVAL. */
typedef struct {
    unsigned char *pos, *end; /* the free room in the lane's current block */
    uint32_t count;           /* messages put */
    uint16_t from;
} parcint_msg_batch;

/* Opens a batch to worker `to`, with room for at least one message of any
 * size. Returns 0, EINVAL (to out of range, a message or batch already
 * open) or ENOMEM. */
int parcint_comms_batch_open(parcint_worker *w, unsigned to,
                             parcint_msg_batch *b);

/* Room for one message of kind with `bytes` of payload, or NULL when the
 * batch's block is full (close, open again, put again) or the arguments are
 * out of range (kind 0 or past PARCINT_MSG_KINDS, bytes past
 * PARCINT_MSG_MAX_PAYLOAD: the same put fails in the next batch too). */
static inline parcint_msg *parcint_comms_batch_put(parcint_msg_batch *b,
                                                   unsigned kind, size_t bytes)
{
    size_t size = (sizeof(parcint_msg) + bytes + 7) & ~(size_t)7;
    if (kind - 1u >= PARCINT_MSG_KINDS - 1u ||
        bytes > PARCINT_MSG_MAX_PAYLOAD || (size_t)(b->end - b->pos) < size)
        return NULL;
    parcint_msg *m = (parcint_msg *)b->pos;
    m->kind = (uint16_t)kind;
    m->size = (uint16_t)size;
    m->from = b->from;
    m->hops = 0;
    b->pos += size;
    b->count++;
    return m;
}

/* Commits the messages of the batch (not yet visible: flush). */
void parcint_comms_batch_close(parcint_worker *w, parcint_msg_batch *b);

/* Runs (inline): many messages of one kind and one payload size to one
 * receiver, packed back to back after a single record header, and handed to
 * the kind's run handler in one call (parcint_comms_handle_run): no header
 * per message, no call per message. Open, put each message's payload, close
 * (which commits the run), then flush. While a run is open, begin and
 * batch_open fail with EINVAL. */
typedef struct {
    unsigned char *pos, *end; /* the free room in the lane's current block */
    size_t stride;            /* one message's payload, rounded to 8 bytes */
    parcint_msg *head;        /* the run's record header */
} parcint_msg_run;

/* Opens a run of messages of kind with `bytes` of payload each (1 to
 * PARCINT_MSG_MAX_PAYLOAD) to worker `to`, with room for at least one.
 * Returns 0, EINVAL (to or bytes out of range, kind without a run handler,
 * a message, batch or run already open) or ENOMEM. */
int parcint_comms_run_open(parcint_worker *w, unsigned to, unsigned kind,
                           size_t bytes, parcint_msg_run *r);

/* Room for the next message's payload (8-byte aligned), or NULL when the
 * run's block is full (close, open again, put again). */
static inline void *parcint_comms_run_put(parcint_msg_run *r)
{
    if ((size_t)(r->end - r->pos) < r->stride)
        return NULL;
    void *p = r->pos;
    r->pos += r->stride;
    return p;
}

/* How many more payloads fit in the run's block (0 once closed). */
static inline size_t parcint_comms_run_room(const parcint_msg_run *r)
{
    return (size_t)(r->end - r->pos) / r->stride;
}

/* Room for the next k payloads, back to back (k * stride bytes), or NULL
 * when fewer than k fit: a whole batch written with plain stores. */
static inline void *parcint_comms_run_reserve(parcint_msg_run *r, size_t k)
{
    if (k > parcint_comms_run_room(r))
        return NULL;
    void *p = r->pos;
    r->pos += k * r->stride;
    return p;
}

/* Commits the messages of the run (not yet visible: flush); a run of none
 * leaves nothing in the lane. */
void parcint_comms_run_close(parcint_worker *w, parcint_msg_run *r);

/* Runs on the receiving worker w for a run of `count` messages of its kind
 * from worker `from`, in order: payloads back to back at `items`, `stride`
 * bytes apart (the payload size rounded up to 8), valid until it returns.
 * A single message (parcint_comms_send, _begin, a batch) of a kind with a
 * run handler arrives as a run of one. */
typedef void (*parcint_run_handler)(parcint_worker *w, unsigned from,
                                    const void *items, size_t stride,
                                    size_t count);

/* Registers fn as the run handler of kind: as parcint_comms_handle (a kind
 * has one handler, for messages or for runs). */
int parcint_comms_handle_run(unsigned kind, parcint_run_handler fn);

/* begin, copy, commit, flush: one message. Returns 0, EINVAL or ENOMEM. */
int parcint_comms_send(parcint_worker *w, unsigned to, unsigned kind,
                       const void *payload, size_t bytes);

/* Sends a copy of m (a message being handled) on to worker `to` (hops + 1,
 * its from kept), committed but not flushed (the intake flushes at its
 * end). Returns 0, EINVAL or ENOMEM. */
int parcint_comms_forward(parcint_worker *w, const parcint_msg *m, unsigned to);

/* Takes every message published to w (one pass over its row; handlers run
 * here) and flushes what w committed. Returns the number of messages taken;
 * 0 also when called from a handler. */
unsigned parcint_comms_intake(parcint_worker *w);

/* Takes messages until done(arg) returns nonzero, telling senders meanwhile
 * that w is looking (no alerts needed). Not from a handler (aborts). */
void parcint_comms_await(parcint_worker *w, int (*done)(void *), void *arg);

/* Takes back the blocks of w's lanes that their receivers are past (to w's
 * spare list, the rest to malloc). The runtime calls it at w's own good
 * times (its idle rounds, parcint_comms_await, a lane's next block); a
 * layer with a better one (after a collection) may call it too. */
void parcint_comms_reclaim(parcint_worker *w);

/* w's figures (PARC_STATS prints them at exit): messages it committed,
 * handled, forwarded; its flushes, the alerts (signals) they sent, its
 * intakes that took something, and the blocks its lanes allocated. Any
 * thread may read them (relaxed: they are figures). */
struct parcint_comms_counts {
    uint64_t sent, received, forwarded, flushes, alerts, intakes, blocks;
    /* Blocks: `held` now by w's lanes and its spare list (once w has been
     * idle for two trims, one per lane plus PARCINT_COMMS_FREE_BLOCKS),
     * `freed` back to malloc, `peak` the most one lane of w's held at once;
     * `waits`: times a send of w's found its lane at the bound and waited
     * (pushback). */
    uint64_t held, freed, peak, waits;
};
void parcint_comms_counts(parcint_worker *w, struct parcint_comms_counts *out);

/* Nonzero when w has messages published and not yet taken (seq_cst loads:
 * usable in the sleep protocol). */
int parcint_comms_pending(parcint_worker *w);

#endif /* runtime_comms_h */
