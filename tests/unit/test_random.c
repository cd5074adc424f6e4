/*
 * test_random.c: the system generator gives fresh bytes on every call; the
 * seeded demo generator is reproducible, depends on its seed, and is
 * exactly the HMAC_DRBG that random.h documents.
 */
#include <stdlib.h>
#include <string.h>

#include "crypto/random.h"
#include "tests/unit/harness.h"

static void test_system_bytes_differ(void)
{
    see_rng rng;
    rng_init_system(&rng);
    uint8_t a[32], b[32], c[32];
    static const uint8_t zero[32];
    CU_ASSERT_EQUAL(rng_bytes(&rng, a, sizeof a), SEE_OK);
    CU_ASSERT_EQUAL(rng_bytes(&rng, b, sizeof b), SEE_OK);
    CU_ASSERT_EQUAL(rng_bytes(NULL, c, sizeof c), SEE_OK);
    /* equal by chance with probability 2^-256 */
    CU_ASSERT_NOT_EQUAL(memcmp(a, b, sizeof a), 0);
    CU_ASSERT_NOT_EQUAL(memcmp(a, c, sizeof a), 0);
    CU_ASSERT_NOT_EQUAL(memcmp(b, c, sizeof b), 0);
    CU_ASSERT_NOT_EQUAL(memcmp(a, zero, sizeof a), 0);
}

/* Every byte position gets written, also for a large request. */
static void test_system_fills_everything(void)
{
    enum { N = 1 << 20 };
    uint8_t *buf = calloc(1, N);
    CU_ASSERT_FATAL(buf != NULL);
    CU_ASSERT_EQUAL(rng_bytes(NULL, buf, N), SEE_OK);
    /* 4096 zero bytes in a row would have probability 2^-32768 */
    int zero_run = 0, longest = 0;
    for (size_t i = 0; i < N; i++) {
        zero_run = buf[i] == 0 ? zero_run + 1 : 0;
        if (zero_run > longest)
            longest = zero_run;
    }
    CU_ASSERT(longest < 4096);
    /* the tail was written too: 64 zero bytes have probability 2^-512 */
    static const uint8_t zero[64];
    CU_ASSERT_NOT_EQUAL(memcmp(buf + N - 64, zero, 64), 0);
    CU_ASSERT_EQUAL(rng_bytes(NULL, buf, 0), SEE_OK);
    free(buf);
}

static void test_seeded_reproducible(void)
{
    see_rng a, b;
    uint8_t x[200], y[200];
    rng_init_seeded(&a, "class demo", 10);
    rng_init_seeded(&b, "class demo", 10);
    CU_ASSERT_EQUAL(rng_bytes(&a, x, sizeof x), SEE_OK);
    CU_ASSERT_EQUAL(rng_bytes(&b, y, sizeof y), SEE_OK);
    CU_ASSERT_EQUAL(memcmp(x, y, sizeof x), 0);
    /* the stream goes on: the next bytes are new */
    CU_ASSERT_EQUAL(rng_bytes(&a, y, sizeof y), SEE_OK);
    CU_ASSERT_NOT_EQUAL(memcmp(x, y, sizeof x), 0);
    rng_wipe(&a);
    rng_wipe(&b);
}

static void test_seeds_differ(void)
{
    see_rng a, b, c;
    uint8_t x[32], y[32], z[32];
    rng_init_seeded(&a, "seed 1", 6);
    rng_init_seeded(&b, "seed 2", 6);
    rng_init_seeded(&c, "seed 1 ", 7);
    CU_ASSERT_EQUAL(rng_bytes(&a, x, sizeof x), SEE_OK);
    CU_ASSERT_EQUAL(rng_bytes(&b, y, sizeof y), SEE_OK);
    CU_ASSERT_EQUAL(rng_bytes(&c, z, sizeof z), SEE_OK);
    CU_ASSERT_NOT_EQUAL(memcmp(x, y, sizeof x), 0);
    CU_ASSERT_NOT_EQUAL(memcmp(x, z, sizeof x), 0);
}

/* random.h: the seeded generator is HMAC_DRBG instantiated with the seed
 * as entropy and the nonce "seetls seeded demo"; requests over the DRBG's
 * per-call limit are served as consecutive generate calls. */
static void test_seeded_is_documented_drbg(void)
{
    enum { N = DRBG_MAX_BYTES_PER_CALL + 1000 };
    uint8_t *got = malloc(N), *want = malloc(N);
    CU_ASSERT_FATAL(got != NULL && want != NULL);
    see_rng rng;
    rng_init_seeded(&rng, "lab 3", 5);
    CU_ASSERT_EQUAL(rng_bytes(&rng, got, N), SEE_OK);

    hmac_drbg d;
    drbg_instantiate(&d, "lab 3", 5, "seetls seeded demo", 18, NULL, 0);
    CU_ASSERT_EQUAL(drbg_generate(&d, want, DRBG_MAX_BYTES_PER_CALL, NULL, 0), SEE_OK);
    CU_ASSERT_EQUAL(drbg_generate(&d, want + DRBG_MAX_BYTES_PER_CALL,
                                  N - DRBG_MAX_BYTES_PER_CALL, NULL, 0), SEE_OK);
    CU_ASSERT_EQUAL(memcmp(got, want, N), 0);
    free(got);
    free(want);
}

static void test_is_seeded(void)
{
    see_rng sys, seeded;
    rng_init_system(&sys);
    rng_init_seeded(&seeded, "x", 1);
    CU_ASSERT_FALSE(rng_is_seeded(NULL));
    CU_ASSERT_FALSE(rng_is_seeded(&sys));
    CU_ASSERT_TRUE(rng_is_seeded(&seeded));
    rng_wipe(&seeded);
    CU_ASSERT_FALSE(rng_is_seeded(&seeded));
}

static CU_TestInfo tests[] = {
    {"system bytes differ between calls", test_system_bytes_differ},
    {"system fills large buffers", test_system_fills_everything},
    {"seeded mode reproducible", test_seeded_reproducible},
    {"different seeds differ", test_seeds_differ},
    {"seeded mode is the documented HMAC_DRBG", test_seeded_is_documented_drbg},
    {"rng_is_seeded", test_is_seeded},
    CU_TEST_INFO_NULL,
};

int main(void)
{
    return run_suite("random", tests);
}
