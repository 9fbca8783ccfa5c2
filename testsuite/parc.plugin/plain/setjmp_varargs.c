/* Area:	plain C under the plugin
   Purpose:	setjmp/longjmp, varargs, struct returns and a VLA: no
		diagnostic, same output with the plugin.
   Limitations:	none.  */
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
static jmp_buf env;
struct pair { long a, b; };
static struct pair swap(struct pair p) { struct pair q = { p.b, p.a }; return q; }
static long sum(int n, ...)
{
    va_list ap;
    long s = 0;
    va_start(ap, n);
    for (int i = 0; i < n; i++)
        s += va_arg(ap, long);
    va_end(ap);
    return s;
}
static void fail(int code) { longjmp(env, code); }
int main(int argc, char **argv)
{
    (void)argv;
    int n = argc + 4;
    long vla[n];
    for (int i = 0; i < n; i++)
        vla[i] = i * i;
    struct pair p = swap((struct pair){ 1, 2 });
    int code = setjmp(env);
    if (code == 0)
        fail(3);
    printf("%d %ld %ld %ld %ld\n", code, p.a, p.b, sum(3, 1L, 2L, 3L), vla[n - 1]);
    return 0;
}
