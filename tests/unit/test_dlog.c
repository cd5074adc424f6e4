/*
 * test_dlog.c: baby-step giant-step and Pollard's rho for logarithms.
 *
 * The slides' group (p = 23, g = 5: 5^6 = 8, 5^15 = 19, as checked by
 * hand and by GMP), then random safe-prime groups from the project's
 * prime module with secrets chosen here: the answer must be exactly the
 * secret, and GMP's mpz_powm is the independent check of g^x.
 */
#include "cryptanalysis/dlog.h"
#include "crypto/prime.h"
#include "crypto/bignum.h"
#include "tests/unit/harness.h"

static void test_bsgs_slides_group(void)
{
    mpz_t p, g, h, order, x;
    mpz_init_set_ui(p, 23);
    mpz_init_set_ui(g, 5);
    mpz_init_set_ui(order, 22);
    mpz_inits(h, x, NULL);
    int found = 0;
    mpz_set_ui(h, 8);
    CU_ASSERT_EQUAL(dlog_bsgs(x, &found, g, h, p, order), SEE_OK);
    CU_ASSERT_EQUAL(found, 1);
    CU_ASSERT_EQUAL(mpz_get_ui(x), 6);
    mpz_set_ui(h, 19);
    CU_ASSERT_EQUAL(dlog_bsgs(x, &found, g, h, p, order), SEE_OK);
    CU_ASSERT_EQUAL(found, 1);
    CU_ASSERT_EQUAL(mpz_get_ui(x), 15);
    /* Every residue: 5 is a primitive root, so each has a log. */
    for (unsigned long v = 1; v < 23; v++) {
        mpz_set_ui(h, v);
        CU_ASSERT_EQUAL(dlog_bsgs(x, &found, g, h, p, order), SEE_OK);
        CU_ASSERT_EQUAL(found, 1);
        mpz_t back;
        mpz_init(back);
        mpz_powm(back, g, x, p);
        CU_ASSERT_EQUAL(mpz_get_ui(back), v);
        mpz_clear(back);
    }
    /* g = 4 generates only the 11 squares: 5 is not one of them. */
    mpz_set_ui(g, 4);
    mpz_set_ui(order, 11);
    mpz_set_ui(h, 5);
    CU_ASSERT_EQUAL(dlog_bsgs(x, &found, g, h, p, order), SEE_OK);
    CU_ASSERT_EQUAL(found, 0);
    mpz_clears(p, g, h, order, x, NULL);
}

static void test_rho_small_group(void)
{
    /* p = 23 = 2 * 11 + 1, g = 4 of prime order 11. */
    mpz_t p, g, h, q, x;
    mpz_init_set_ui(p, 23);
    mpz_init_set_ui(g, 4);
    mpz_init_set_ui(q, 11);
    mpz_inits(h, x, NULL);
    for (unsigned long secret = 0; secret < 11; secret++) {
        mpz_set_ui(x, secret);
        mpz_powm(h, g, x, p);
        int found = 0;
        CU_ASSERT_EQUAL(dlog_pollard_rho(x, &found, NULL, g, h, p, q, 100000),
                        SEE_OK);
        CU_ASSERT_EQUAL(found, 1);
        CU_ASSERT_EQUAL(mpz_get_ui(x), secret);
    }
    /* 22 = -1 has order 2: not in the group of order 11. */
    mpz_set_ui(h, 22);
    int found = -1;
    uint64_t steps = 99;
    CU_ASSERT_EQUAL(dlog_pollard_rho(x, &found, &steps, g, h, p, q, 1000),
                    SEE_OK);
    CU_ASSERT_EQUAL(found, 0);
    CU_ASSERT_EQUAL(steps, 0);
    mpz_clears(p, g, h, q, x, NULL);
}

/* Safe primes of 16..44 bits from prime_random_safe, g = 4, a secret x
 * drawn here: both methods must return exactly x. */
static void test_safe_prime_groups(void)
{
    see_rng rng;
    rng_init_seeded(&rng, "test_dlog", 9);
    mpz_t p, q, g, h, x, secret;
    mpz_inits(p, q, g, h, x, secret, NULL);
    mpz_set_ui(g, 4);
    for (unsigned bits = 16; bits <= 44; bits += 4) {
        CU_ASSERT_EQUAL_FATAL(prime_random_safe(&rng, p, bits), SEE_OK);
        CU_ASSERT_EQUAL(mpz_sizeinbase(p, 2), bits);
        mpz_sub_ui(q, p, 1);
        mpz_fdiv_q_2exp(q, q, 1);
        CU_ASSERT_EQUAL(bn_random_range(&rng, secret, g /* 4 > 1 */, q),
                        SEE_OK);
        mpz_powm(h, g, secret, p);

        int found = 0;
        uint64_t steps = 0;
        mpz_set_ui(x, 0);
        CU_ASSERT_EQUAL(dlog_pollard_rho(x, &found, &steps, g, h, p, q,
                                         UINT64_C(1) << 40), SEE_OK);
        CU_ASSERT_EQUAL(found, 1);
        CU_ASSERT_EQUAL(mpz_cmp(x, secret), 0);
        CU_ASSERT_TRUE(steps > 0);

        if (bits <= 40) {
            mpz_set_ui(x, 0);
            CU_ASSERT_EQUAL(dlog_bsgs(x, &found, g, h, p, q), SEE_OK);
            CU_ASSERT_EQUAL(found, 1);
            CU_ASSERT_EQUAL(mpz_cmp(x, secret), 0);
        }
    }
    rng_wipe(&rng);
    mpz_clears(p, q, g, h, x, secret, NULL);
}

static void test_budget_and_bad_input(void)
{
    see_rng rng;
    rng_init_seeded(&rng, "budget", 6);
    mpz_t p, q, g, h, x;
    mpz_inits(p, q, g, h, x, NULL);
    CU_ASSERT_EQUAL_FATAL(prime_random_safe(&rng, p, 64), SEE_OK);
    mpz_sub_ui(q, p, 1);
    mpz_fdiv_q_2exp(q, q, 1);
    mpz_set_ui(g, 4);
    mpz_set_ui(h, 16 * 16 * 16);
    int found = -1;
    uint64_t steps = 0;
    /* 2^32 expected steps: 1000 are not enough. */
    CU_ASSERT_EQUAL(dlog_pollard_rho(x, &found, &steps, g, h, p, q, 1000),
                    SEE_OK);
    CU_ASSERT_EQUAL(found, 0);
    CU_ASSERT_EQUAL(steps, 1000);
    /* bsgs refuses orders past its table limit. */
    CU_ASSERT_EQUAL(dlog_bsgs(x, &found, g, h, p, q), SEE_ERR_ARGUMENT);
    /* h = 0, g = 1, g = p, q = 1 */
    mpz_set_ui(h, 0);
    CU_ASSERT_EQUAL(dlog_pollard_rho(x, &found, NULL, g, h, p, q, 10),
                    SEE_ERR_ARGUMENT);
    mpz_set_ui(h, 2);
    mpz_set_ui(g, 1);
    CU_ASSERT_EQUAL(dlog_pollard_rho(x, &found, NULL, g, h, p, q, 10),
                    SEE_ERR_ARGUMENT);
    mpz_set(g, p);
    CU_ASSERT_EQUAL(dlog_bsgs(x, &found, g, h, p, q), SEE_ERR_ARGUMENT);
    mpz_set_ui(g, 4);
    mpz_set_ui(q, 1);
    CU_ASSERT_EQUAL(dlog_bsgs(x, &found, g, h, p, q), SEE_ERR_ARGUMENT);
    CU_ASSERT_EQUAL(dlog_pollard_rho(x, &found, NULL, g, h, p, q, 10),
                    SEE_ERR_ARGUMENT);
    rng_wipe(&rng);
    mpz_clears(p, q, g, h, x, NULL);
}

static CU_TestInfo tests[] = {
    { "bsgs: the slides' group p = 23, g = 5", test_bsgs_slides_group },
    { "rho: every secret in the order-11 group", test_rho_small_group },
    { "bsgs and rho: safe primes 16..44 bits", test_safe_prime_groups },
    { "rho budget; bad arguments", test_budget_and_bad_input },
    CU_TEST_INFO_NULL,
};

int main(void) { return run_suite("dlog", tests); }
