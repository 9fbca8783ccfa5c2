/* throughput/spsc-batch: spsc.c's ring (throughput-ring.h) with the
 * producer's index published once per THROUGHPUT_BATCH messages, as parc's
 * sender flushes, and the consumer's once per group it takes. Usage:
 * throughput/spsc-batch [messages]. */
#include "throughput.h"
#define RING_BATCH THROUGHPUT_BATCH
#include "throughput-ring.h"
