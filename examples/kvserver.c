/* kvserver: a small server as an actor process, in the style of an Erlang/OTP
 * gen_server (docs/processes.md).
 *
 * The server owns a table of counters, its state; nothing else touches it.
 * Clients talk to it only through messages:
 *   - call: parc_proc_send with a reply future, joined by the client
 *     (gen_server:call);
 *   - cast: parc_proc_send without a reply (gen_server:cast): cheaper, no
 *     allocation for a reply;
 *   - a deferred call: WAIT key value replies only once the counter reaches
 *     the value. The step takes the reply out (parc_proc_defer, OTP's
 *     {noreply, State}) and gives it from a later step (parc_reply_give,
 *     gen_server:reply(From, Reply)).
 * Clients are futures (ordinary tasks, which may join), running on the
 * workers beside the server. Requests are plain memory the client owns: a
 * call's request lives in the client's frame until the reply is joined; a
 * cast's request is handed over and freed by the server.
 *
 * The server's view is nondeterministic across clients (their requests
 * interleave as they arrive), but each client's requests are handled in the
 * order it sent them, and the totals are fixed: the program checks them.
 *
 * Usage: kvserver [REQUESTS_PER_CLIENT] */
#include <parc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define KEYS 16
#define CLIENTS 8

enum op { ADD, GET, WAIT };

struct request {
    enum op op;
    unsigned key;
    long value;     /* ADD: the amount; WAIT: the level to wait for */
    int handed_over; /* a cast: the server frees it */
};

struct waiter {
    unsigned key;
    long level;
    parc_reply reply;
};

struct server {
    long counter[KEYS];
    long requests;
    struct waiter waiting[CLIENTS + 1];
    int nwaiting;
};

/* Wakes the WAITs whose level was reached. */
static void wake(struct server *s, unsigned key)
{
    for (int i = 0; i < s->nwaiting;) {
        struct waiter *w = &s->waiting[i];
        if (w->key == key && s->counter[key] >= w->level) {
            parc_reply_give(&w->reply, (void *)(intptr_t)s->counter[key]);
            *w = s->waiting[--s->nwaiting];
        } else
            i++;
    }
}

static void *serve(void *state, void *msg)
{
    struct server *s = state;
    struct request *r = msg;
    long result = 0;
    s->requests++;
    switch (r->op) {
    case ADD:
        result = s->counter[r->key] += r->value;
        wake(s, r->key);
        break;
    case GET:
        result = s->counter[r->key];
        break;
    case WAIT:
        if (s->counter[r->key] >= r->value) {
            result = s->counter[r->key];
            break;
        }
        if (s->nwaiting == CLIENTS + 1) {
            result = -1; /* too many waiting: refused */
            break;
        }
        s->waiting[s->nwaiting] =
            (struct waiter){.key = r->key, .level = r->value};
        parc_proc_defer(&s->waiting[s->nwaiting++].reply);
        break;
    }
    if (r->handed_over)
        free(r);
    return (void *)(intptr_t)result;
}

struct client {
    parc_proc server; /* the client's own handle */
    long requests;
    unsigned id;
};

/* Alternates casts and calls; a call's reply checks that the client's own
 * earlier requests were all handled first (per-sender order). */
static unsigned key_of(long i, unsigned client)
{
    return (unsigned)((i * 7 + client) % KEYS);
}

static void *client_main(void *arg)
{
    struct client *c = arg;
    long mine[KEYS] = {0}; /* what this client added to each key */
    for (long i = 0; i < c->requests; i++) {
        unsigned key = key_of(i, c->id);
        mine[key]++;
        if (i % 2 == 0) {
            struct request *r = malloc(sizeof *r);
            if (!r)
                abort();
            *r = (struct request){.op = ADD, .key = key, .value = 1,
                                  .handed_over = 1};
            if (parc_proc_send(&c->server, r, NULL))
                abort();
        } else {
            struct request r = {.op = ADD, .key = key, .value = 1};
            parc_future f;
            void *v;
            if (parc_proc_send(&c->server, &r, &f) || parc_future_join(&f, &v))
                abort();
            /* The counter includes all of this client's earlier adds to
             * the key, casts included: they were sent before. */
            if ((long)(intptr_t)v < mine[key]) {
                fprintf(stderr, "kvserver: a client's requests overtook "
                                "each other\n");
                abort();
            }
        }
    }
    return NULL;
}

int main(int argc, char **argv)
{
    long per_client = argc > 1 ? atol(argv[1]) : 100000;
    struct server state = {0};
    parc_proc server;
    parc_proc_opts actor = {.kind = PARC_PROC_ACTOR, .capacity = 256};
    if (parc_proc_spawn(&server, serve, &state, &actor))
        return 1;

    /* A deferred call first: it is answered once the clients have made
     * all their adds to key 0. */
    long total = per_client * CLIENTS, key0 = 0;
    for (unsigned c = 0; c < CLIENTS; c++)
        for (long i = 0; i < per_client; i++)
            key0 += key_of(i, c) == 0;
    struct request wait_all = {.op = WAIT, .key = 0, .value = key0};
    parc_future all_done;
    if (parc_proc_send(&server, &wait_all, &all_done))
        return 1;

    struct client cl[CLIENTS];
    parc_future fut[CLIENTS];
    for (unsigned i = 0; i < CLIENTS; i++) {
        cl[i] = (struct client){.requests = per_client, .id = i};
        if (parc_proc_copy(&server, &cl[i].server) ||
            parc_future_fork(&fut[i], client_main, &cl[i], 0))
            return 1;
    }
    for (unsigned i = 0; i < CLIENTS; i++) {
        if (parc_future_join(&fut[i], NULL))
            return 1;
        parc_proc_drop(&cl[i].server);
    }
    void *v;
    if (parc_future_join(&all_done, &v) || (long)(intptr_t)v != key0)
        return 1;
    long sum = 0;
    for (unsigned k = 0; k < KEYS; k++) {
        struct request get = {.op = GET, .key = k};
        parc_future f;
        if (parc_proc_send(&server, &get, &f) || parc_future_join(&f, &v))
            return 1;
        sum += (long)(intptr_t)v;
    }
    printf("%d clients, %ld requests each: total %ld, served %ld\n", CLIENTS,
           per_client, sum, state.requests);
    /* Every ADD counted once; key 0 reached its level before its WAIT
     * answered; GETs and the WAIT are requests too. */
    if (sum != total || state.requests != total + 1 + KEYS ||
        state.nwaiting != 0) {
        fprintf(stderr, "kvserver: wrong totals\n");
        return 1;
    }
    parc_proc_drop(&server);
    printf("kvserver: ok\n");
    return 0;
}
