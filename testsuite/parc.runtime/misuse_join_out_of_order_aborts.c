/* Area:	parc_pop, parc_join (misuse)
   Purpose:	Joining frames out of order (not the innermost pending one
		first) aborts the process with a message on stderr naming
		parc_pop: the older of two frames joined first, with
		parc_join and with parc_pop, a frame two levels down, and
		(with two or more workers) an older frame that has already
		run on a thief. Each misuse runs in a child process (POSIX
		fork, before this process starts the runtime); the parent
		checks that the child died of SIGABRT and that its stderr
		names parc_pop. A child that joins in order must exit
		normally without that message.
   Limitations:	none.  */

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

static void in_order(void)
{
    struct call a = {.n = 3}, b = {.n = 4}, c = {.n = 5};
    parc_fork(&a.f, square_thunk);
    parc_fork(&b.f, square_thunk);
    parc_fork(&c.f, square_thunk);
    parc_join(&c.f);
    if (parc_pop(&b.f))
        square_thunk(&b.f);
    parc_join(&a.f);
    CHECK(a.r == 9 && b.r == 16 && c.r == 25);
}

static void older_first_join(void)
{
    struct call a = {.n = 3}, b = {.n = 4};
    parc_fork(&a.f, square_thunk);
    parc_fork(&b.f, square_thunk);
    parc_join(&a.f);
    parc_join(&b.f);
}

static void older_first_pop(void)
{
    struct call a = {.n = 3}, b = {.n = 4};
    parc_fork(&a.f, square_thunk);
    parc_fork(&b.f, square_thunk);
    if (parc_pop(&a.f))
        square_thunk(&a.f);
    parc_join(&b.f);
}

static void two_levels_down(void)
{
    struct call a = {.n = 3}, b = {.n = 4}, c = {.n = 5};
    parc_fork(&a.f, square_thunk);
    parc_fork(&b.f, square_thunk);
    parc_fork(&c.f, square_thunk);
    parc_join(&a.f);
    parc_join(&c.f);
    parc_join(&b.f);
}

static void older_stolen_first(void)
{
    struct call a = {.n = 3}, b = {.n = 4};
    parc_fork(&a.f, square_thunk);
    parc_fork(&b.f, square_thunk);
    if (parc_workers() > 1)
        wait_started(&a); /* a ran on a thief; b is still pending here */
    parc_join(&a.f);
    parc_join(&b.f);
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
    int status = in_child(in_order, buf, sizeof buf);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    CHECK(strstr(buf, "parc_pop") == NULL);

    expect_abort(older_first_join, "older first, parc_join");
    expect_abort(older_first_pop, "older first, parc_pop");
    expect_abort(two_levels_down, "two levels down");
    expect_abort(older_stolen_first, "older, stolen, first");
    printf("ok\n");
    /* { dg-output "ok" } */
    return 0;
}
