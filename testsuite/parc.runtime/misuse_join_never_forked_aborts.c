/* Area:	parc_pop, parc_join (misuse)
   Purpose:	Joining a frame that was never forked aborts the process
		with a message on stderr naming parc_pop: a zeroed frame
		with nothing pending, one while other frames are pending
		(parc_join and parc_pop), and one inside a thunk that runs
		on a thief (with two or more workers). Each misuse runs in a
		child process (POSIX fork, before this process starts the
		runtime); the parent checks that the child died of SIGABRT
		and that its stderr names parc_pop. A child that forks
		before it joins must exit normally without that message.
   Limitations:	Threads that are not workers run every fork in place and
		cannot tell a frame never forked from one that ran there;
		this test uses workers only.  */

/* { dg-do run } */

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

struct call {
    parc_frame f;
    int n;
    atomic_int started;
    long r;
};

static void square_thunk(parc_frame *f)
{
    struct call *c = (struct call *)f;
    atomic_store_explicit(&c->started, 1, memory_order_relaxed);
    c->r = (long)c->n * c->n;
}

/* Polls until the thunk of c has started on another worker. */
static void wait_started(struct call *c)
{
    struct timespec t0, t;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    while (!atomic_load_explicit(&c->started, memory_order_relaxed)) {
        parc_poll();
        clock_gettime(CLOCK_MONOTONIC, &t);
        CHECK(t.tv_sec - t0.tv_sec < 10);
    }
}

static void forked_first(void)
{
    struct call a = {.n = 3};
    parc_fork(&a.f, square_thunk);
    parc_join(&a.f);
    CHECK(a.r == 9);
}

static void nothing_pending(void)
{
    struct call a = {.n = 3};
    parc_join(&a.f);
}

static void others_pending_join(void)
{
    struct call a = {.n = 3}, b = {.n = 4}, never = {.n = 5};
    parc_fork(&a.f, square_thunk);
    parc_fork(&b.f, square_thunk);
    parc_join(&never.f);
    parc_join(&b.f);
    parc_join(&a.f);
}

static void others_pending_pop(void)
{
    struct call a = {.n = 3}, never = {.n = 5};
    parc_fork(&a.f, square_thunk);
    if (parc_pop(&never.f))
        square_thunk(&never.f);
    parc_join(&a.f);
}

static void bad_thunk(parc_frame *f)
{
    struct call *c = (struct call *)f;
    atomic_store_explicit(&c->started, 1, memory_order_relaxed);
    struct call never = {.n = 5};
    parc_join(&never.f);
}

static void inside_stolen_frame(void)
{
    struct call a = {.n = 3};
    parc_fork(&a.f, bad_thunk);
    if (parc_workers() > 1)
        wait_started(&a);
    parc_join(&a.f);
}

/* Runs fn in a child; returns its wait status, its stderr in buf. */
static int in_child(void (*fn)(void), char *buf, size_t size)
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
        CHECK(parc_start() == 0);
        fn();
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

static void expect_abort(void (*fn)(void), const char *what)
{
    char buf[4096];
    int status = in_child(fn, buf, sizeof buf);
    if (!(WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT) ||
        !strstr(buf, "parc_pop"))
        fprintf(stderr, "%s: status %#x, stderr: %s\n", what, status, buf);
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT);
    CHECK(strstr(buf, "parc_pop") != NULL);
}

int main(void)
{
    char buf[4096];
    int status = in_child(forked_first, buf, sizeof buf);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    CHECK(strstr(buf, "parc_pop") == NULL);

    expect_abort(nothing_pending, "nothing pending");
    expect_abort(others_pending_join, "others pending, parc_join");
    expect_abort(others_pending_pop, "others pending, parc_pop");
    expect_abort(inside_stolen_frame, "inside a stolen frame");
    printf("ok\n");
    /* { dg-output "ok" } */
    return 0;
}
