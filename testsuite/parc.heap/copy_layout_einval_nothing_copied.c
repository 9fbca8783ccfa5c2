/* Area:	parc_layout_new, parc_alloc_layout, parc_copy: bad input
   Purpose:	parc_layout_new refuses with EINVAL (and a message) an
		element size of 0, offsets NULL with n > 0, an offset that is
		not a multiple of sizeof(void *), a pointer that does not fit
		in the element, an offset listed twice, and an element whose
		size is not a multiple of sizeof(void *) while it holds
		pointers; it accepts a 12-byte element without pointers.
		parc_alloc_layout refuses a NULL layout (EINVAL) and a count
		whose size overflows (ENOMEM). parc_copy of a layout graph
		that reaches an object from parc_alloc (conservative: it
		cannot say which words are pointers) fails with EINVAL and a
		message naming that object, at the root or 40 nodes deep
		(through an interior pointer), and leaves nothing live behind
		although the graph holds 10 MiB; with that pointer cleared
		the same graph is copied.
   Limitations:	none.  */

/* { dg-do run } */
/* { dg-parc-env ASAN_OPTIONS detect_stack_use_after_return=0 } */
/* { dg-output "parc: parc_layout_new: element size 0.*" } */
/* { dg-output "parc: parc_layout_new: pointer offsets: NULL.*" } */
/* { dg-output "parc: parc_layout_new: pointer offset 4 is not a multiple.*" } */
/* { dg-output "parc: parc_layout_new: the pointer at offset 24 does not fit.*" } */
/* { dg-output "parc: parc_layout_new: pointer offset 8 listed twice.*" } */
/* { dg-output "parc: parc_layout_new: an element that holds pointers.*" } */
/* { dg-output "parc: parc_alloc_layout: null layout.*" } */
/* { dg-output "parc: parc_copy: 0x\[0-9a-f\]+ reaches 0x\[0-9a-f\]+, which may hold pointers.*" } */

#include <errno.h>
#include <parc.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "parc-test.h"

struct node {
    struct node *next;
    unsigned char *buf; /* 256 KiB, atomic */
    void *other;        /* NULL, or into a parc_alloc object */
};

static const parc_layout *node_l;
static struct node *head; /* registered */

static size_t live_now(void)
{
    parc_test_clobber_stack(65536);
    parc_gc_collect();
    return parc_heap_live();
}

static void refused(size_t size, const size_t *off, size_t n)
{
    errno = 0;
    CHECK(parc_layout_new(size, off, n) == NULL && errno == EINVAL);
}

__attribute__((noinline)) static void fails(void *root)
{
    errno = 0;
    CHECK(parc_copy(root) == NULL && errno == EINVAL);
}

int main(void)
{
    refused(0, NULL, 0);
    refused(16, NULL, 1);
    static const size_t odd[] = {4};
    refused(16, odd, 1);
    static const size_t out[] = {0, 24};
    refused(24, out, 2);
    static const size_t twice[] = {8, 0, 8};
    refused(24, twice, 3);
    static const size_t zero[] = {0};
    refused(12, zero, 1);
    CHECK(parc_layout_new(12, NULL, 0) != NULL);
    fflush(stdout);

    static const size_t np[] = {offsetof(struct node, next),
                                offsetof(struct node, buf),
                                offsetof(struct node, other)};
    CHECK((node_l = parc_layout_new(sizeof(struct node), np, 3)));
    errno = 0;
    CHECK(parc_alloc_layout(NULL, 1) == NULL && errno == EINVAL);
    errno = 0;
    CHECK(parc_alloc_layout(node_l, SIZE_MAX / 8) == NULL && errno == ENOMEM);

    CHECK(parc_root_add(&head, sizeof head) == 0);
    size_t base = live_now();
    /* 40 nodes, each with 256 KiB; the last points into the middle of a
     * parc_alloc object. */
    enum { N = 40 };
    for (int i = 0; i < N; i++) {
        struct node *n = parc_alloc_layout(node_l, 1);
        CHECK(n != NULL);
        CHECK((n->buf = parc_alloc_atomic(256 << 10)) != NULL);
        memset(n->buf, i, 256 << 10);
        n->next = head;
        if (i == 0)
            CHECK((n->other = (char *)parc_alloc(64) + 16) != NULL);
        head = n;
    }
    size_t with = live_now();
    CHECK(with >= base + N * (256 << 10));
    fails(head);
    size_t after = live_now();
    printf("graph %zu KiB, after the refused copy %zu KiB more\n",
           (with - base) >> 10, after > with ? (after - with) >> 10 : 0);
    CHECK(after <= with + 4096);

    /* At the root. */
    struct node *r = parc_alloc_layout(node_l, 1);
    CHECK(r != NULL);
    r->other = parc_alloc(24);
    fails(r);

    /* Cleared: copied. */
    struct node *last = head;
    while (last->next)
        last = last->next;
    last->other = NULL;
    struct node *c = parc_copy(head);
    CHECK(c != NULL && c != head);
    int i = N - 1;
    for (struct node *p = c; p; p = p->next, i--) {
        CHECK(p->buf[0] == (unsigned char)i && p->buf[(256 << 10) - 1] ==
                                                   (unsigned char)i);
        CHECK(p->other == NULL);
    }
    CHECK(i == -1);
    printf("ok\n");
    return 0;
}
/* { dg-output "ok" } */
