/* Area:	plain C under the plugin
   Purpose:	Bit-fields, unions, switch, goto, computed goto, nested
		functions (GNU C), inline asm and a #pragma of another tool: no
		diagnostic, same output with the plugin.
   Limitations:	none.  */
#include <stdio.h>
struct flags { unsigned a : 3, b : 5; };
union num { int i; float f; };
#pragma GCC diagnostic push
#pragma GCC diagnostic pop
static int classify(int x)
{
    switch (x % 4) {
    case 0: return 10;
    case 1: goto one;
    default: break;
    }
    return 30;
one:
    return 20;
}
int main(void)
{
    static void *targets[] = { &&t0, &&t1 };
    struct flags f = { 5, 17 };
    union num u;
    int acc = 0;
    int add(int k) { return acc += k; }
    u.f = 1.0f;
    int k = 0;
    goto *targets[k];
t0:
    add(1);
t1:
    add(classify(5) + classify(8) + classify(7));
    int r;
    __asm__("mov %1, %0" : "=r"(r) : "r"(acc));
    printf("%u %u %d %d %d\n", f.a, f.b, acc, u.i != 0, r);
    return 0;
}
