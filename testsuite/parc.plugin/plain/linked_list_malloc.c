/* Area:	plain C under the plugin
   Purpose:	A linked list on malloc, stores through loaded pointers,
		recursion and string functions: no diagnostic, same output.
   Limitations:	none.  */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
struct node { struct node *next; char name[16]; int v; };
static struct node *push(struct node *head, const char *name, int v)
{
    struct node *n = malloc(sizeof *n);
    if (!n)
        exit(1);
    n->next = head;
    strncpy(n->name, name, sizeof n->name - 1);
    n->name[sizeof n->name - 1] = 0;
    n->v = v;
    return n;
}
static int total(const struct node *n) { return n ? n->v + total(n->next) : 0; }
static void bump(struct node *n) { for (; n; n = n->next) n->next ? (void)(n->next->v += 1) : (void)0; }
int main(void)
{
    struct node *h = NULL;
    const char *names[] = { "ant", "bee", "cat", "dog" };
    for (int i = 0; i < 4; i++)
        h = push(h, names[i], i * 10);
    bump(h);
    printf("%s %d %zu\n", h->name, total(h), strlen(h->next->name));
    while (h) {
        struct node *n = h->next;
        free(h);
        h = n;
    }
    return 0;
}
