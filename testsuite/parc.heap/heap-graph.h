/* heap-graph.h: random object graphs for the parc.heap tests.
 *
 *   struct gnode            a parc_alloc'd node: up to GRAPH_KIDS children,
 *                           a key and a value derived from it, and a pointer
 *                           into (or one past) an atomic payload
 *   graph_build(key, depth) builds the graph of key in parallel (strict
 *                           forks, one per child; every node also allocates
 *                           some garbage), returns its root
 *   graph_check(n, key, depth)  walks the graph, CHECKs every node against
 *                           its key, and returns the node count
 *   graph_nodes(key, depth) the node count the shape of key gives
 *
 * A graph's shape and contents are functions of its key only, so a node that
 * the collector freed too early and the allocator reused shows as a wrong
 * key, value or payload.
 */
#ifndef HEAP_GRAPH_H
#define HEAP_GRAPH_H

#include <parc.h>
#include <stdint.h>
#include <string.h>

#include "parc-test.h"

#define GRAPH_KIDS 4

struct gnode {
    struct gnode *kid[GRAPH_KIDS];
    uint64_t key, value;
    /* Points one past the end of the payload on odd keys (it must keep the
     * payload alive too), at its middle on even ones. */
    unsigned char *payload_ref;
    uint32_t payload_len;
};

static inline unsigned graph_width(uint64_t key, int depth)
{
    return depth <= 0 ? 0 : (unsigned)(parc_test_mix(key ^ 0x51) % (GRAPH_KIDS + 1));
}

static inline uint64_t graph_kid_key(uint64_t key, unsigned i)
{
    return parc_test_mix(key * 31 + i + 1);
}

static inline unsigned char *graph_payload_base(const struct gnode *n)
{
    return n->key & 1 ? n->payload_ref - n->payload_len
                      : n->payload_ref - n->payload_len / 2;
}

struct graph_call {
    parc_frame f;
    uint64_t key;
    int depth;
    struct gnode *r;
};

static inline struct gnode *graph_build(uint64_t key, int depth);

static inline void graph_thunk(parc_frame *f)
{
    struct graph_call *c = (struct graph_call *)f;
    c->r = graph_build(c->key, c->depth);
}

static inline struct gnode *graph_build(uint64_t key, int depth)
{
    struct gnode *n = parc_alloc(sizeof *n);
    CHECK(n != NULL);
    unsigned w = graph_width(key, depth);
    struct graph_call calls[GRAPH_KIDS];
    for (unsigned i = 0; i < w; i++) {
        calls[i].key = graph_kid_key(key, i);
        calls[i].depth = depth - 1;
        calls[i].r = NULL;
        parc_fork(&calls[i].f, graph_thunk);
    }
    /* Garbage between the forks and the joins: collections happen while
     * children run elsewhere. */
    for (int g = 0; g < 4; g++) {
        uint64_t *junk = parc_alloc(8 * (1 + parc_test_mix(key + g) % 40));
        CHECK(junk != NULL);
        junk[0] = key;
    }
    uint32_t len = 1 + (uint32_t)(parc_test_mix(key ^ 0x77) % 200);
    unsigned char *p = parc_alloc_atomic(len);
    CHECK(p != NULL);
    for (uint32_t i = 0; i < len; i++)
        p[i] = (unsigned char)(key + i);
    n->payload_len = len;
    n->payload_ref = key & 1 ? p + len : p + len / 2;
    p = NULL;
    n->key = key;
    n->value = parc_test_mix(key ^ 0xabcdef);
    for (unsigned i = w; i-- > 0;) {
        if (parc_pop(&calls[i].f))
            graph_thunk(&calls[i].f);
        n->kid[i] = calls[i].r;
    }
    /* A shared child: the graph is a DAG. */
    if (w == 1 && depth > 1)
        n->kid[1] = n->kid[0];
    return n;
}

static inline long graph_check(const struct gnode *n, uint64_t key, int depth)
{
    CHECK(n != NULL);
    CHECK(n->key == key);
    CHECK(n->value == parc_test_mix(key ^ 0xabcdef));
    uint32_t len = 1 + (uint32_t)(parc_test_mix(key ^ 0x77) % 200);
    CHECK(n->payload_len == len);
    const unsigned char *p = graph_payload_base(n);
    for (uint32_t i = 0; i < len; i++)
        CHECK(p[i] == (unsigned char)(key + i));
    unsigned w = graph_width(key, depth);
    long count = 1;
    for (unsigned i = 0; i < w; i++)
        count += graph_check(n->kid[i], graph_kid_key(key, i), depth - 1);
    if (w == 1 && depth > 1)
        CHECK(n->kid[1] == n->kid[0]);
    else
        for (unsigned i = w; i < GRAPH_KIDS; i++)
            CHECK(n->kid[i] == NULL);
    return count;
}

static inline long graph_nodes(uint64_t key, int depth)
{
    long count = 1;
    unsigned w = graph_width(key, depth);
    for (unsigned i = 0; i < w; i++)
        count += graph_nodes(graph_kid_key(key, i), depth - 1);
    return count;
}

#endif /* HEAP_GRAPH_H */
