/* Area:	lowering: mutual recursion
   Purpose:	Check that two mutually recursive functions that fork each
		other over a tree (a fork per child in a loop, and a fork of
		the other function) give the serial sum at every worker count.
   Limitations:	none.  */

/* { dg-do run } */
#include <parc.h>
#include <stdio.h>
#include <stdint.h>

PARC_PURE static uint64_t mix(uint64_t x)
{
    x ^= x >> 31; x *= 0x7fb5d329728ea185u; x ^= x >> 27;
    return x;
}

PARC_PURE static uint64_t odd_level(uint64_t key, int depth);

/* A node with key-dependent fan-out 0..4. */
PARC_PURE static uint64_t even_level(uint64_t key, int depth)
{
    if (depth == 0)
        return mix(key);
    uint64_t r[4] = { 0, 0, 0, 0 };
    int n = (int)(mix(key) % 5);
    for (int i = 0; i < n; i++) {
#pragma parc fork
        r[i] = odd_level(key * 4 + (uint64_t)i, depth - 1);
    }
#pragma parc join
    return r[0] ^ (r[1] + r[2]) ^ (r[3] * 3) ^ (uint64_t)n;
}

PARC_PURE static uint64_t odd_level(uint64_t key, int depth)
{
    uint64_t a, b;
#pragma parc fork
    a = even_level(mix(key), depth);
    b = depth > 1 ? even_level(key + 1, depth - 2) : 7;
#pragma parc join
    return a + b;
}

int main(void)
{
    uint64_t s = 0;
    for (int k = 0; k < 4; k++)
        s ^= even_level(12345u + (uint64_t)k, 16);
    printf("%llu\n", (unsigned long long)s); /* { dg-output "3468786684529668548" } */
    return 0;
}
