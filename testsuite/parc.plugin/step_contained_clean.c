/* Area:	contained process steps (gcc-steps.cc)
   Purpose:	Check that contained spawns whose steps are contained and
		neither send nor wait compile clean: a step that writes its
		state, allocates in its heap (parc_alloc, parc_copy,
		parc_layout_new, parc_alloc_layout, parc_proc_state_set),
		prints, forks and joins, and calls
		helpers; spawned with NULL options, a local options struct,
		a compound literal and a constant global. Actor spawns of a
		step that sends, and spawns whose kind is not known here
		(options from a parameter, set through a pointer, or
		defined in another file), are not checked.
   Limitations:	none.  */

/* { dg-do compile } */
#include <parc.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

struct st {
    long sum;
    char *kept;
};

static long twice(long x) { return 2 * x; }

static void *count(void *state, void *msg)
{
    struct st *s = state;
    s->sum += twice((long)msg);
    return (void *)s->sum;
}

static void *keep(void *state, void *msg)
{
    struct st *s = state;
    if (!s) {
        s = parc_alloc(sizeof *s);
        parc_proc_state_set(s);
    }
    s->kept = parc_copy(msg);
    printf("kept %p\n", (void *)s->kept);
    return NULL;
}

/* A list of the messages in the process's heap, scanned precisely. */
struct cell {
    struct cell *next;
    long v;
};

static void *push(void *state, void *msg)
{
    size_t off = offsetof(struct cell, next);
    const parc_layout *l = parc_layout_new(sizeof(struct cell), &off, 1);
    struct cell *c = parc_alloc_layout(l, 1);
    c->v = (long)msg;
    c->next = state;
    parc_proc_state_set(c);
    return NULL;
}

static parc_proc peer;

static void *relay(void *state, void *msg)
{
    (void)state;
    parc_proc_send(&peer, msg, NULL);
    return NULL;
}

static const parc_proc_opts quiet = {.capacity = 8};
static const parc_proc_opts actor_opts = {.kind = PARC_PROC_ACTOR};
extern const parc_proc_opts shared_opts; /* another file's: not checked */

void spawn_from(const parc_proc_opts *o, parc_proc *p)
{
    parc_proc_spawn(p, relay, NULL, o); /* kind unknown here: not checked */
}

int main(void)
{
    static struct st a, b;
    parc_proc p[7];
    parc_proc_opts o = {.capacity = 4};
    parc_proc_spawn(&p[0], count, &a, NULL);
    parc_proc_spawn(&p[1], keep, NULL, &o);
    parc_proc_spawn(&p[2], count, &b, &(parc_proc_opts){.batch = 2});
    parc_proc_spawn(&p[3], count, &b, &quiet);
    parc_proc_spawn(&p[6], push, NULL, NULL);
    parc_proc_opts ao = {.kind = PARC_PROC_ACTOR};
    parc_proc_spawn(&p[4], relay, NULL, &ao);
    parc_proc_spawn(&peer, relay, NULL, &actor_opts);
    spawn_from(&ao, &p[5]);
    /* Kinds set through a pointer, or in another file: not known here. */
    parc_proc_opts via, *vp = &via;
    *vp = (parc_proc_opts){0};
    vp->kind = PARC_PROC_ACTOR;
    parc_proc_spawn(&p[5], relay, NULL, &via);
    parc_proc_spawn(&p[5], relay, NULL, &shared_opts);
    return 0;
}
