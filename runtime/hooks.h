/* hooks.h: the events later subsystems attach to.
 *
 *   poll        at the poll point (parc_poll, a fork that finds a request,
 *               and between tasks in the scheduler loop): heartbeat
 *               promotion, a local collection, message intake;
 *   steal       a thief is about to run a stolen frame (a task heap is made);
 *   join        the owner has joined a frame that was stolen;
 *   adopt       a finished task's heap (a stolen frame's, a future's) joins
 *               the heap of the task that joins it (heap.c merges them);
 *   work        a source of work besides the deques, for idle workers: one
 *               call runs one item (futures' queue);
 *   exit        at exit, on the exiting thread, before the workers stop
 *               (queued futures still run);
 *   message     at the poll point when a sender alerted this worker
 *               (PARCINT_SIG_MESSAGE): message intake (comms.c).
 *
 * Hooks are registered before the runtime starts and never removed, so the
 * lists are read without synchronization afterwards (the start publishes them
 * with the worker table's release store).
 */
#ifndef runtime_hooks_h
#define runtime_hooks_h

#include "worker.h"

typedef void (*parcint_poll_hook)(parcint_worker *w);
typedef void (*parcint_frame_hook)(parcint_worker *w, parc_frame *f);
/* run: runs one item, returns nonzero if it did; pending: nonzero when the
 * source holds work, read with seq_cst loads (the sleep protocol, pool.c).
 * run's w is NULL when a thread that is not a worker helps: one that sends
 * to a full process queue or joins a process's reply (process.c). */
typedef int (*parcint_work_hook)(parcint_worker *w);

#define PARCINT_MAX_HOOKS 8

/* The heap of the task running on this thread (heap.c's parcint_heap; NULL
 * until the task allocates). Below heap.c it is an opaque token that the
 * scheduler moves: a stolen frame or a future starts with NULL (a fresh heap,
 * made at its first allocation), and the heap it leaves is handed to the
 * adopt hook of the task that joins it. Initial-exec TLS, as parcint_self. */
extern __thread void *parcint_task_heap
    __attribute__((tls_model("initial-exec")));

/* The heap of the nearest task suspended below the running one on this
 * thread (NULL when none allocated): a task waiting at a join that runs a
 * stolen-back frame, or a task whose thread runs a future it joins or
 * helps with. parcint_task_enter sets it where the
 * scheduler switches heaps (deque.c's parcint_run_stolen, future.c's
 * run_claimed); heap.c lends its empty
 * chunks to the heaps made above it. A suspended task cannot finish, so
 * its heap is merged, handed over or collected by no thread until this one
 * returns to it: only this thread touches it meanwhile. */
extern __thread void *parcint_heap_below
    __attribute__((tls_model("initial-exec")));

/* adopt: merges a finished child task's heap into parcint_task_heap. How
 * it came: */
enum parcint_adopt_from {
    /* a stolen frame, at its join: the task that joins it allocates in its
     * heap too (it runs the frames nobody stole), and that allocation
     * collects */
    PARCINT_ADOPT_FRAME,
    /* a future's call, taken by its last consumer or by its runner: either
     * may never allocate again, so its heap collects now if that is due
     * (heap.c's adopt) */
    PARCINT_ADOPT_FUTURE,
};
typedef void (*parcint_adopt_hook)(void *child_heap,
                                   enum parcint_adopt_from from);
int parcint_hook_adopt(parcint_adopt_hook fn);
/* Runs the adopt hook on child_heap (nothing if it is NULL). */
void parcint_run_adopt_hooks(void *child_heap, enum parcint_adopt_from from);

/* leave: a task that ran in a fresh heap has returned; its heap, on its
 * way to the task that joins it, is still the thread's (heap.c gives its
 * empty chunks back to parcint_heap_below or to the OS). */
typedef void (*parcint_leave_hook)(void *heap);
int parcint_hook_leave(parcint_leave_hook fn);

/* A task run in a fresh heap on this thread (a stolen frame, a future's
 * call): parcint_task_enter saves the thread's heaps and makes the current
 * one, if any, the heap below, which lends (heap.c); parcint_task_leave runs
 * the leave hooks on the task's heap, restores the saved ones and returns
 * the task's heap (NULL if it allocated nothing) for its joiner. */
struct parcint_task_save {
    void *outer, *below;
};
void parcint_task_enter(struct parcint_task_save *s);
void *parcint_task_leave(const struct parcint_task_save *s);

/* Each returns 0, EBUSY once the runtime has started, or ENOSPC. */
int parcint_hook_poll(parcint_poll_hook fn);
int parcint_hook_steal(parcint_frame_hook fn);
int parcint_hook_join(parcint_frame_hook fn);
int parcint_hook_work(parcint_work_hook run, parcint_work_hook pending);
int parcint_hook_exit(parcint_poll_hook fn);
int parcint_hook_message(parcint_poll_hook fn);
/* share: a thief asked w for work and w had no frame to publish; returns
 * nonzero if it made some available (future.c upgrades a lazy future). */
int parcint_hook_share(parcint_work_hook fn);

void parcint_run_poll_hooks(parcint_worker *w);
void parcint_run_steal_hooks(parcint_worker *w, parc_frame *f);
void parcint_run_join_hooks(parcint_worker *w, parc_frame *f);
/* Nonzero if a work source ran an item; nonzero if one holds work. */
int parcint_run_work_hooks(parcint_worker *w);
int parcint_work_pending(parcint_worker *w);
void parcint_run_exit_hooks(parcint_worker *w);
void parcint_run_message_hooks(parcint_worker *w);
/* Nonzero once a share hook made work available (the rest are not run). */
int parcint_run_share_hooks(parcint_worker *w);

/* Asks worker w to run its poll hooks at its next poll point. */
void parcint_request_poll(parcint_worker *w);

#endif /* runtime_hooks_h */
