/* Area:	library table: pure and contained classes
   Purpose:	Check that functions using the table's pure and contained classes
		(printf, puts, putchar, fprintf to stderr, malloc, calloc, free,
		memcpy and memset into own memory, strlen, memcmp, abs, sqrt, qsort with
		a pure comparator) are forkable.
   Limitations:	none.  */

/* { dg-do compile } */
/* { dg-options "-fplugin-arg-parc-verdicts" } */
#include <parc.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
static int cmp(const void *a, const void *b) /* { dg-message "'cmp' is pure" } */
{
    return *(const int *)a - *(const int *)b;
}
static int measure(const char *s, double x) /* { dg-message "'measure' is pure" } */
{
    return (int)strlen(s) + abs((int)x) + (int)sqrt(x) + memcmp(s, "a", 1);
}
static int report(int x) /* { dg-message "'report' is contained" } */
{
    printf("%d\n", x);
    puts("x");
    putchar('\n');
    fprintf(stderr, "%d\n", x);
    return x;
}
static int scratch(int n) /* { dg-message "'scratch' is contained" } */
{
    int *p = malloc((size_t)n * sizeof *p);
    int *q = calloc((size_t)n, sizeof *q);
    if (!p || !q)
        return -1;
    memset(p, 0, (size_t)n * sizeof *p);
    memcpy(q, p, (size_t)n * sizeof *p);
    p[0] = n;
    int r = p[0] + q[0];
    free(p);
    free(q);
    return r;
}
static void sort(int *a, int n) /* { dg-message "'sort' is contained" } */
{
    qsort(a, (size_t)n, sizeof *a, cmp);
}
int g(int *a, int n) /* { dg-message "'g' is contained" } */
{
    int r1, r2, r3;
#pragma parc fork
    r1 = measure("abc", 2.0);
#pragma parc fork
    r2 = report(n);
#pragma parc fork
    r3 = scratch(n);
#pragma parc fork writes(a[0:n])
    sort(a, n);
#pragma parc join
    return r1 + r2 + r3;
}
