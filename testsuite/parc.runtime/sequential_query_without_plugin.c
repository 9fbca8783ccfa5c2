/* Area:	parc_sequential without the plugin
   Purpose:	Check that without the plugin, which leaves the pragmas to be
		ignored (every fork a plain call), parc_sequential() is 1, and
		that the library's function, for calls through a pointer, says
		0 (not known to be sequential).
   Limitations:	the plugin's folding is tested in parc.plugin
		(run_sequential_query.c).  */

/* { dg-do run } */
#include <parc.h>
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
    int (*volatile query)(void) = parc_sequential;
    int direct = parc_sequential(), through = query();
    printf("direct %d, through a pointer %d\n", direct, through);
    if (direct != 1 || through != 0)
        abort();
    return 0;
}
