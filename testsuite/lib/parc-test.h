/* parc-test.h: what the C tests of the parc testsuite share.
 *
 *   CHECK(cond)            on failure, prints the condition and its place on
 *                          stderr and aborts (the run then FAILs)
 *   parc_test_scale()      $PARC_TEST_SCALE as a double, 1.0 when unset; tests
 *                          multiply their problem sizes by it (the TSan run of
 *                          quickstart.sh check uses 0.1)
 *   parc_test_scaled(n, lo)  n times the scale, at least lo
 */
#ifndef PARC_TEST_H
#define PARC_TEST_H

#include <stdio.h>
#include <stdlib.h>

#define CHECK(cond)                                                          \
    do {                                                                     \
        if (!(cond)) {                                                       \
            fflush(stdout);                                                  \
            fprintf(stderr, "%s:%d: %s: CHECK failed: %s\n", __FILE__,       \
                    __LINE__, __func__, #cond);                              \
            abort();                                                         \
        }                                                                    \
    } while (0)

static inline double
parc_test_scale(void)
{
    const char *s = getenv("PARC_TEST_SCALE");
    char *end;
    double v;

    if (s == NULL || *s == '\0')
        return 1.0;
    v = strtod(s, &end);
    if (*end != '\0' || !(v > 0.0)) {
        fprintf(stderr, "PARC_TEST_SCALE=%s: not a positive number\n", s);
        abort();
    }
    return v;
}

static inline long
parc_test_scaled(long n, long lo)
{
    long v = (long)((double)n * parc_test_scale());
    return v < lo ? lo : v;
}

#endif /* PARC_TEST_H */
