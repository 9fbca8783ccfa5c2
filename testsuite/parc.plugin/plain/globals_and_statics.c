/* Area:	plain C under the plugin
   Purpose:	An ordinary program with globals, static locals, TLS and
		volatile: the plugin must add no diagnostic and change nothing.
   Limitations:	none.  */
#include <stdio.h>
int counter;
static _Thread_local int tls;
volatile int vol;
static int next(void) { static int n; return ++n + counter++; }
int main(void)
{
    int s = 0;
    for (int i = 0; i < 10; i++) {
        s += next();
        tls += i;
        vol = s;
    }
    printf("%d %d %d %d\n", s, counter, tls, vol);
    return 0;
}
