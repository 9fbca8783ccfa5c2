/* pingpong/condvar: round trips between two threads through one mutex and
 * two condition variables (a turn flag each way): the textbook blocking
 * hand-off. Usage: pingpong/condvar [round trips]. */
#include <pthread.h>
#include <stdint.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t to_b_cv = PTHREAD_COND_INITIALIZER;
static pthread_cond_t to_a_cv = PTHREAD_COND_INITIALIZER;
static int to_b_full, to_a_full; /* under lock */
static uint64_t to_b_val, to_a_val;

static void pp_bounce(void)
{
    pthread_mutex_lock(&lock);
    while (!to_b_full)
        pthread_cond_wait(&to_b_cv, &lock);
    to_b_full = 0;
    to_a_val = to_b_val + 1;
    to_a_full = 1;
    pthread_cond_signal(&to_a_cv);
    pthread_mutex_unlock(&lock);
}

static uint64_t pp_exchange(uint64_t v)
{
    pthread_mutex_lock(&lock);
    to_b_val = v;
    to_b_full = 1;
    pthread_cond_signal(&to_b_cv);
    while (!to_a_full)
        pthread_cond_wait(&to_a_cv, &lock);
    to_a_full = 0;
    uint64_t r = to_a_val;
    pthread_mutex_unlock(&lock);
    return r;
}

#include "pingpong-threads.h"

int main(int argc, char **argv) { return pingpong_threads(argc, argv); }
