/* parc-child.h: running part of a test in a child process (POSIX fork) and
 * checking how it ended, for tests of what aborts the process or what it
 * prints at exit. A child must be made before this process starts the
 * runtime (fork copies only the calling thread).
 *
 *   parc_child_run(fn, arg, buf, size)
 *                          runs fn(arg) in a child whose stderr goes to a pipe
 *                          (and which writes no core file); the child exits
 *                          with status 0 when fn returns. Returns the wait
 *                          status; buf holds the child's stderr, at most
 *                          size - 1 bytes, NUL-terminated.
 *   parc_child_check_exited(status, buf, what)
 *                          CHECKs that status is a normal exit with status 0,
 *                          printing what, the status and buf first if not
 *   parc_child_sum(buf, name)
 *                          the sum of the values of every " name=N" field in
 *                          buf: a child's PARC_GC_STATS report, a line per
 *                          thread that allocated
 *   parc_child_run_marking(fn, what, buf, size)
 *                          in a child that starts the runtime with
 *                          PARC_GC_STATS=1, PARC_GC_GEN_MIN=0 and
 *                          PARC_GC_PAUSE_US=20 (slices of 20 us: an
 *                          incremental marking spans many rounds of the
 *                          program), runs fn, which ends with exit(0) so
 *                          that the report is printed; CHECKs that it exited
 *                          with status 0 and printed no "lost"; returns the
 *                          report's "generations=" line, in buf
 *   parc_child_expect_exit(fn, what, absent)
 *                          in a child that starts the runtime, runs fn; CHECKs
 *                          that it exited with status 0 and that its stderr
 *                          does not contain absent
 *   parc_child_expect_abort(fn, what, needle)
 *                          in a child that starts the runtime, runs fn; CHECKs
 *                          that it died of SIGABRT and that its stderr
 *                          contains needle (printing what, the status and the
 *                          stderr first if not)
 *   struct parc_child_call, parc_child_square_thunk
 *                          a frame for the children's forks: the thunk sets
 *                          started (relaxed), then r = n * n
 *   parc_child_wait_started(c)
 *                          polls (parc_poll) until the thunk of c has started
 *                          on another worker; CHECKs that it does within 10 s
 */
#ifndef PARC_CHILD_H
#define PARC_CHILD_H

#include <parc.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "parc-test.h"

static inline int
parc_child_run(void (*fn)(void *), void *arg, char *buf, size_t size)
{
    int fds[2];
    CHECK(pipe(fds) == 0);
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        struct rlimit no_core = {0, 0};
        setrlimit(RLIMIT_CORE, &no_core);
        dup2(fds[1], 2);
        close(fds[0]);
        close(fds[1]);
        fn(arg);
        fflush(stderr);
        _exit(0);
    }
    close(fds[1]);
    size_t len = 0;
    ssize_t n;
    while ((n = read(fds[0], buf + len, size - 1 - len)) > 0)
        len += (size_t)n;
    buf[len] = '\0';
    close(fds[0]);
    int status;
    CHECK(waitpid(pid, &status, 0) == pid);
    return status;
}

static inline void
parc_child_check_exited(int status, const char *buf, const char *what)
{
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        fprintf(stderr, "%s: status %#x, stderr:\n%s", what, status, buf);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

static inline unsigned long
parc_child_sum(const char *buf, const char *name)
{
    char field[64];
    unsigned long sum = 0, v;
    snprintf(field, sizeof field, " %s=", name);
    for (const char *q = buf; (q = strstr(q, field)); q++)
        if (sscanf(q + strlen(field), "%lu", &v) == 1)
            sum += v;
    return sum;
}

struct parc_child_started {
    void (*fn)(void);
};

/* For parc_child_run: starts the runtime, then runs the function. */
static inline void
parc_child_started_run(void *p)
{
    struct parc_child_started *s = p;
    CHECK(parc_start() == 0);
    s->fn();
}

static inline const char *
parc_child_run_marking(void (*fn)(void), const char *what, char *buf,
                       size_t size)
{
    /* Read at the first allocation, in the child. */
    setenv("PARC_GC_STATS", "1", 1);
    setenv("PARC_GC_GEN_MIN", "0", 1);
    setenv("PARC_GC_PAUSE_US", "20", 1);
    struct parc_child_started s = {fn};
    int status = parc_child_run(parc_child_started_run, &s, buf, size);
    parc_child_check_exited(status, buf, what);
    CHECK(strstr(buf, "lost") == NULL);
    const char *g = strstr(buf, "generations=");
    CHECK(g != NULL);
    return g;
}

static inline void
parc_child_expect_exit(void (*fn)(void), const char *what, const char *absent)
{
    char buf[4096];
    struct parc_child_started s = {fn};
    int status = parc_child_run(parc_child_started_run, &s, buf, sizeof buf);
    parc_child_check_exited(status, buf, what);
    CHECK(strstr(buf, absent) == NULL);
}

static inline void
parc_child_expect_abort(void (*fn)(void), const char *what, const char *needle)
{
    char buf[4096];
    struct parc_child_started s = {fn};
    int status = parc_child_run(parc_child_started_run, &s, buf, sizeof buf);
    if (!(WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT) ||
        !strstr(buf, needle))
        fprintf(stderr, "%s: status %#x, stderr: %s\n", what, status, buf);
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT);
    CHECK(strstr(buf, needle) != NULL);
}

struct parc_child_call {
    parc_frame f;
    int n;
    atomic_int started;
    long r;
};

static inline void
parc_child_square_thunk(parc_frame *f)
{
    struct parc_child_call *c = (struct parc_child_call *)f;
    atomic_store_explicit(&c->started, 1, memory_order_relaxed);
    c->r = (long)c->n * c->n;
}

static inline void
parc_child_wait_started(struct parc_child_call *c)
{
    struct timespec t0, t;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    while (!atomic_load_explicit(&c->started, memory_order_relaxed)) {
        parc_poll();
        clock_gettime(CLOCK_MONOTONIC, &t);
        CHECK(t.tv_sec - t0.tv_sec < 10);
    }
}

#endif /* PARC_CHILD_H */
