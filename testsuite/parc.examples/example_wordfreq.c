/* Area:	examples/wordfreq.c (process functions: a pipeline)
   Purpose:	Word frequencies of Debian's license texts read 20 times
		(about 5 MB of real text) through reader -> tokenizers ->
		counters -> merge, contained processes fed by futures; the
		program checks every count against a serial count and that
		no queue went past its capacity (pushback), at every worker
		count.  */

/* { dg-do run } */

#include "../../examples/wordfreq.c"

/* { dg-output "wordfreq: ok" } */
