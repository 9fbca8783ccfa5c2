/* Area:	plain C under the plugin
   Purpose:	Function pointers, qsort, bsearch, a dispatch table and
		callbacks: no diagnostic, same output with the plugin.
   Limitations:	none.  */
#include <stdio.h>
#include <stdlib.h>
static int up(const void *a, const void *b) { return *(const int *)a - *(const int *)b; }
static int down(const void *a, const void *b) { return up(b, a); }
static int add(int a, int b) { return a + b; }
static int mul(int a, int b) { return a * b; }
static int (*const ops[])(int, int) = { add, mul };
static int fold(int (*op)(int, int), const int *v, int n, int z)
{
    for (int i = 0; i < n; i++)
        z = op(z, v[i]);
    return z;
}
int main(void)
{
    int v[] = { 5, 3, 9, 1, 7 };
    int (*cmp)(const void *, const void *) = getenv("PARC_NO_SUCH_VAR") ? up : down;
    qsort(v, 5, sizeof v[0], cmp);
    qsort(v, 5, sizeof v[0], up);
    int key = 7;
    int *hit = bsearch(&key, v, 5, sizeof v[0], up);
    printf("%d %d %d %d\n", v[0], v[4], hit ? (int)(hit - v) : -1,
           fold(ops[0], v, 5, 0) + fold(ops[1], v, 5, 1));
    return 0;
}
