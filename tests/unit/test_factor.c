/*
 * test_factor.c: trial division and Pollard's rho.
 *
 * Known factorisations (the slides' three numbers, checked independently
 * with coreutils factor(1): 143 = 11 * 13, 8633 = 89 * 97,
 * 175828273 = 10247 * 17159), then semiprimes built here from GMP's own
 * mpz_nextprime, an oracle independent of our code.
 */
#include <stdlib.h>

#include "cryptanalysis/factor.h"
#include "tests/unit/harness.h"

static void expect_trial(const char *n_dec, unsigned long want_factor)
{
    mpz_t n, f;
    mpz_init_set_str(n, n_dec, 10);
    mpz_init(f);
    int found = -1, prime = -1;
    uint64_t divisions = 0;
    CU_ASSERT_EQUAL(factor_trial_division(f, &found, &prime, &divisions, n,
                                          UINT64_MAX), SEE_OK);
    CU_ASSERT_EQUAL(found, 1);
    CU_ASSERT_EQUAL(prime, 0);
    CU_ASSERT_EQUAL(mpz_cmp_ui(f, want_factor), 0);
    /* 2, then the odd numbers 3 .. want_factor. */
    CU_ASSERT_EQUAL(divisions, 1 + (want_factor - 1) / 2);
    mpz_clears(n, f, NULL);
}

static void test_trial_slides_numbers(void)
{
    expect_trial("143", 11);
    expect_trial("8633", 89);
    expect_trial("175828273", 10247);
    expect_trial("1024", 2);
}

static void test_trial_prime_and_limit(void)
{
    mpz_t n, f;
    mpz_init_set_ui(n, 17159);
    mpz_init(f);
    int found = -1, prime = -1;
    uint64_t divisions = 0;
    CU_ASSERT_EQUAL(factor_trial_division(f, &found, &prime, &divisions, n,
                                          UINT64_MAX), SEE_OK);
    CU_ASSERT_EQUAL(found, 0);
    CU_ASSERT_EQUAL(prime, 1);
    /* 2, 3, 5, ..., 129 (130^2 = 16900 < 17159 < 131^2): 1 + 64 tries. */
    CU_ASSERT_EQUAL(divisions, 65);

    mpz_set_ui(n, 2);
    CU_ASSERT_EQUAL(factor_trial_division(f, &found, &prime, NULL, n, 100),
                    SEE_OK);
    CU_ASSERT_EQUAL(found, 0);
    CU_ASSERT_EQUAL(prime, 1);

    /* The limit stops the search before 10247: nothing known. */
    mpz_set_ui(n, 175828273);
    CU_ASSERT_EQUAL(factor_trial_division(f, &found, &prime, &divisions, n,
                                          1000), SEE_OK);
    CU_ASSERT_EQUAL(found, 0);
    CU_ASSERT_EQUAL(prime, 0);
    CU_ASSERT_EQUAL(divisions, 500);

    mpz_set_ui(n, 1);
    CU_ASSERT_EQUAL(factor_trial_division(f, &found, &prime, NULL, n, 100),
                    SEE_ERR_ARGUMENT);
    mpz_clears(n, f, NULL);
}

/* rho must return a proper divisor of n. */
static void expect_rho_splits(const mpz_t n)
{
    mpz_t f;
    mpz_init(f);
    int found = 0;
    uint64_t steps = 0;
    CU_ASSERT_EQUAL(factor_pollard_rho(f, &found, &steps, n, 100000000),
                    SEE_OK);
    CU_ASSERT_EQUAL(found, 1);
    CU_ASSERT_TRUE(steps > 0);
    CU_ASSERT_TRUE(mpz_cmp_ui(f, 1) > 0);
    CU_ASSERT_TRUE(mpz_cmp(f, n) < 0);
    CU_ASSERT_TRUE(mpz_divisible_p(n, f));
    mpz_clear(f);
}

static void test_rho_slides_numbers(void)
{
    const char *numbers[] = { "143", "8633", "175828273", "561", "10201" };
    mpz_t n;
    mpz_init(n);
    for (size_t i = 0; i < sizeof numbers / sizeof numbers[0]; i++) {
        mpz_set_str(n, numbers[i], 10);
        expect_rho_splits(n);
    }
    /* The slides' numbers split into exactly their two primes. */
    mpz_t f;
    mpz_init(f);
    int found = 0;
    mpz_set_ui(n, 175828273);
    CU_ASSERT_EQUAL(factor_pollard_rho(f, &found, NULL, n, 1000000), SEE_OK);
    CU_ASSERT_TRUE(mpz_cmp_ui(f, 10247) == 0 || mpz_cmp_ui(f, 17159) == 0);
    mpz_clears(n, f, NULL);
}

/* Balanced semiprimes from 20 to 80 bits, primes from GMP's
 * mpz_nextprime at fixed starting points. */
static void test_rho_semiprimes(void)
{
    mpz_t p, q, n;
    mpz_inits(p, q, n, NULL);
    for (unsigned half = 10; half <= 40; half += 2) {
        mpz_set_ui(p, 1);
        mpz_mul_2exp(p, p, half - 1);
        mpz_add_ui(p, p, 12345 % (1ul << (half - 2)));
        mpz_nextprime(p, p);
        mpz_add_ui(q, p, 1000);
        mpz_nextprime(q, q);
        mpz_mul(n, p, q);
        mpz_t f;
        mpz_init(f);
        int found = 0;
        CU_ASSERT_EQUAL(factor_pollard_rho(f, &found, NULL, n, 100000000),
                        SEE_OK);
        CU_ASSERT_EQUAL(found, 1);
        CU_ASSERT_TRUE(mpz_cmp(f, p) == 0 || mpz_cmp(f, q) == 0);
        mpz_clear(f);
    }
    mpz_clears(p, q, n, NULL);
}

static void test_rho_prime_and_bad_input(void)
{
    mpz_t n, f;
    mpz_init_set_ui(n, 1000003); /* prime */
    mpz_init(f);
    int found = -1;
    uint64_t steps = 0;
    CU_ASSERT_EQUAL(factor_pollard_rho(f, &found, &steps, n, 5000), SEE_OK);
    CU_ASSERT_EQUAL(found, 0);
    CU_ASSERT_TRUE(steps >= 5000);
    mpz_set_ui(n, 1000);
    CU_ASSERT_EQUAL(factor_pollard_rho(f, &found, NULL, n, 100),
                    SEE_ERR_ARGUMENT);
    mpz_set_ui(n, 3);
    CU_ASSERT_EQUAL(factor_pollard_rho(f, &found, NULL, n, 100),
                    SEE_ERR_ARGUMENT);
    mpz_clears(n, f, NULL);
}

/* n above 2^32, where an unsigned long has only 32 bits on 32-bit ARM:
 * d * d = 65537^2 > 2^32 must still be compared whole. */
static void test_trial_above_2_32(void)
{
    mpz_t n, f;
    mpz_init_set_str(n, "4294967311", 10); /* 2^32 + 15, prime */
    mpz_init(f);
    int found = -1, prime = -1;
    uint64_t divisions = 0;
    CU_ASSERT_EQUAL(factor_trial_division(f, &found, &prime, &divisions, n,
                                          1000000), SEE_OK);
    CU_ASSERT_EQUAL(found, 0);
    CU_ASSERT_EQUAL(prime, 1);
    /* 2, 3, 5, ..., 65535 (65536^2 = 2^32 < n < 65537^2) */
    CU_ASSERT_EQUAL(divisions, 32768);
    mpz_clears(n, f, NULL);
    expect_trial("4295229443", 65537); /* 65537 * 65539 */
}

static CU_TestInfo tests[] = {
    { "trial division: n above 2^32", test_trial_above_2_32 },
    { "trial division: the slides' numbers", test_trial_slides_numbers },
    { "trial division: prime, limit, n < 2", test_trial_prime_and_limit },
    { "rho: the slides' numbers and others", test_rho_slides_numbers },
    { "rho: semiprimes 20..80 bits", test_rho_semiprimes },
    { "rho: prime n, even n, n < 4", test_rho_prime_and_bad_input },
    CU_TEST_INFO_NULL,
};

int main(void) { return run_suite("factor", tests); }
