/* throughput/spsc: one-way messages (one 8-byte word each) between two
 * threads over a bare lock-free single-producer single-consumer ring
 * (throughput-ring.h), each message published by its own release store of
 * the index: the ring issue 9's target is stated against. spsc-batch.c
 * publishes once per batch. Usage: throughput/spsc [messages]. */
#define RING_BATCH 1
#include "throughput-ring.h"
