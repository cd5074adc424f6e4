/* test_prime.c: Miller-Rabin on known primes and composites (Carmichael
 * numbers, strong pseudoprimes), and prime generation. GMP's
 * mpz_probab_prime_p is used here only as an independent cross-check. */
#include <stdlib.h>

#include "crypto/prime.h"
#include "tests/unit/harness.h"

static int is_prime_str(const char *dec)
{
    mpz_t n;
    mpz_init_set_str(n, dec, 0);
    int result = -1;
    CU_ASSERT_EQUAL(prime_test(n, PRIME_ROUNDS_ADVERSARIAL, NULL, &result), SEE_OK);
    mpz_clear(n);
    return result;
}

static void test_known_primes(void)
{
    static const char *primes[] = {
        "2", "3", "5", "7", "11", "65537", "16381", "16411", "268435399",
        "2147483647",                                  /* 2^31 - 1 */
        "18446744073709551557",                        /* largest below 2^64 */
        "170141183460469231731687303715884105727",     /* 2^127 - 1 */
    };
    for (size_t i = 0; i < sizeof primes / sizeof *primes; i++)
        CU_ASSERT_EQUAL(is_prime_str(primes[i]), 1);
    /* the Mersenne primes 2^521 - 1 and 2^607 - 1 */
    static const unsigned long exponents[] = {521, 607};
    for (size_t i = 0; i < 2; i++) {
        mpz_t m;
        mpz_init(m);
        mpz_ui_pow_ui(m, 2, exponents[i]);
        mpz_sub_ui(m, m, 1);
        int result = -1;
        CU_ASSERT_EQUAL(prime_test(m, PRIME_ROUNDS_ADVERSARIAL, NULL, &result), SEE_OK);
        CU_ASSERT_EQUAL(result, 1);
        mpz_add_ui(m, m, 2); /* 2^k + 1 with k odd is divisible by 3 */
        CU_ASSERT_EQUAL(prime_test(m, PRIME_ROUNDS_ADVERSARIAL, NULL, &result), SEE_OK);
        CU_ASSERT_EQUAL(result, 0);
        mpz_clear(m);
    }
}

static void test_known_composites(void)
{
    static const char *composites[] = {
        "0", "1", "4", "9", "15", "16383", "16384",
        /* Carmichael numbers: a^(n-1) = 1 for every a coprime to n, so
         * they fool Fermat's test, not Miller-Rabin */
        "561", "1105", "1729", "2465", "2821", "6601", "8911",
        "41041", "825265", "321197185",
        "5394826801",                 /* Carmichael, 7 * 13 * 17 * 23 * 31 * 67 * 73 */
        /* strong pseudoprimes: they pass Miller-Rabin for some bases */
        "2047",                       /* to base 2 */
        "3215031751",                 /* to bases 2, 3, 5 and 7 */
        "3825123056546413051",        /* to every base up to 23 */
        "318665857834031151167461",   /* to every base up to 37 */
    };
    for (size_t i = 0; i < sizeof composites / sizeof *composites; i++)
        CU_ASSERT_EQUAL(is_prime_str(composites[i]), 0);

    /* (2^127 - 1) * (2^89 - 1): no small factor, Miller-Rabin must catch it */
    mpz_t a, b;
    mpz_inits(a, b, NULL);
    mpz_ui_pow_ui(a, 2, 127);
    mpz_sub_ui(a, a, 1);
    mpz_ui_pow_ui(b, 2, 89);
    mpz_sub_ui(b, b, 1);
    mpz_mul(a, a, b);
    int result = -1;
    CU_ASSERT_EQUAL(prime_test(a, PRIME_ROUNDS_ADVERSARIAL, NULL, &result), SEE_OK);
    CU_ASSERT_EQUAL(result, 0);
    mpz_clears(a, b, NULL);
}

static int mr_base(const char *n_dec, unsigned long base)
{
    mpz_t n, a;
    mpz_init_set_str(n, n_dec, 10);
    mpz_init_set_ui(a, base);
    int r = prime_miller_rabin_base(n, a);
    mpz_clears(n, a, NULL);
    return r;
}

static void test_single_bases(void)
{
    /* 2047 = 23 * 89 is the smallest strong pseudoprime to base 2 */
    CU_ASSERT_EQUAL(mr_base("2047", 2), 1);
    CU_ASSERT_EQUAL(mr_base("2047", 3), 0);
    /* 3215031751 = 151 * 751 * 28351 passes bases 2, 3, 5, 7, fails 11 */
    CU_ASSERT_EQUAL(mr_base("3215031751", 2), 1);
    CU_ASSERT_EQUAL(mr_base("3215031751", 3), 1);
    CU_ASSERT_EQUAL(mr_base("3215031751", 5), 1);
    CU_ASSERT_EQUAL(mr_base("3215031751", 7), 1);
    CU_ASSERT_EQUAL(mr_base("3215031751", 11), 0);
    /* the Carmichael number 561 passes Fermat to base 2 but not M-R */
    CU_ASSERT_EQUAL(mr_base("561", 2), 0);
    /* a prime passes every base */
    for (unsigned long b = 2; b < 30; b++)
        CU_ASSERT_EQUAL(mr_base("65537", b), 1);
}

static void test_agrees_with_gmp(void)
{
    /* 3000 odd numbers around 2^40 and 2^64: our verdict must match GMP's */
    mpz_t n;
    mpz_init(n);
    int disagreements = 0, primes = 0;
    for (int range = 0; range < 2; range++) {
        mpz_ui_pow_ui(n, 2, range == 0 ? 40 : 64);
        mpz_add_ui(n, n, 1);
        for (int i = 0; i < 1500; i++, mpz_add_ui(n, n, 2)) {
            int ours = -1;
            CU_ASSERT_EQUAL(prime_test(n, 20, NULL, &ours), SEE_OK);
            int gmp = mpz_probab_prime_p(n, 40) != 0;
            disagreements += ours != gmp;
            primes += ours;
        }
    }
    CU_ASSERT_EQUAL(disagreements, 0);
    CU_ASSERT(primes > 50); /* about 1 in 14 odd numbers near 2^40 */
    mpz_clear(n);
}

static void test_rounds_table(void)
{
    /* FIPS 186-5 Table B.1 */
    CU_ASSERT_EQUAL(prime_rounds_for_random(512), 7);
    CU_ASSERT_EQUAL(prime_rounds_for_random(1024), 5);
    CU_ASSERT_EQUAL(prime_rounds_for_random(1536), 4);
    CU_ASSERT_EQUAL(prime_rounds_for_random(2048), 4);
    CU_ASSERT_EQUAL(prime_rounds_for_random(100), PRIME_ROUNDS_ADVERSARIAL);
}

static void check_random_prime(unsigned bits)
{
    mpz_t p;
    mpz_init(p);
    CU_ASSERT_EQUAL_FATAL(prime_random(NULL, p, bits), SEE_OK);
    CU_ASSERT_EQUAL(mpz_sizeinbase(p, 2), bits);
    CU_ASSERT(mpz_tstbit(p, bits - 1) && mpz_tstbit(p, bits - 2));
    CU_ASSERT(mpz_probab_prime_p(p, 40) != 0);
    mpz_clear(p);
}

static void test_random_primes(void)
{
    static const unsigned sizes[] = {3, 4, 8, 16, 19, 20, 21, 32, 64, 100, 256, 512, 1024};
    for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++)
        for (int rep = 0; rep < 3; rep++)
            check_random_prime(sizes[i]);
    mpz_t p;
    mpz_init(p);
    CU_ASSERT_EQUAL(prime_random(NULL, p, 2), SEE_ERR_PRIME_SIZE);
    CU_ASSERT_EQUAL(prime_random_safe(NULL, p, 1), SEE_ERR_PRIME_SIZE);
    mpz_clear(p);
}

static void check_safe_prime(unsigned bits)
{
    mpz_t p, q;
    mpz_inits(p, q, NULL);
    CU_ASSERT_EQUAL_FATAL(prime_random_safe(NULL, p, bits), SEE_OK);
    CU_ASSERT_EQUAL(mpz_sizeinbase(p, 2), bits);
    mpz_sub_ui(q, p, 1);
    mpz_tdiv_q_2exp(q, q, 1); /* q = (p - 1) / 2 */
    CU_ASSERT(mpz_probab_prime_p(p, 40) != 0);
    CU_ASSERT(mpz_probab_prime_p(q, 40) != 0);
    mpz_clears(p, q, NULL);
}

static void test_safe_primes(void)
{
    static const unsigned sizes[] = {3, 5, 16, 20, 24, 32, 48, 64, 128, 256};
    for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++)
        for (int rep = 0; rep < 3; rep++)
            check_safe_prime(sizes[i]);
}

static void test_seeded_generation_repeats(void)
{
    see_rng a, b;
    rng_init_seeded(&a, "seed", 4);
    rng_init_seeded(&b, "seed", 4);
    mpz_t p, q;
    mpz_inits(p, q, NULL);
    CU_ASSERT_EQUAL(prime_random(&a, p, 256), SEE_OK);
    CU_ASSERT_EQUAL(prime_random(&b, q, 256), SEE_OK);
    CU_ASSERT_EQUAL(mpz_cmp(p, q), 0);
    CU_ASSERT_EQUAL(prime_random_safe(&a, p, 64), SEE_OK);
    CU_ASSERT_EQUAL(prime_random_safe(&b, q, 64), SEE_OK);
    CU_ASSERT_EQUAL(mpz_cmp(p, q), 0);
    mpz_clears(p, q, NULL);
    rng_wipe(&a);
    rng_wipe(&b);
}

static CU_TestInfo tests[] = {
    {"known primes", test_known_primes},
    {"Carmichael numbers and strong pseudoprimes", test_known_composites},
    {"single Miller-Rabin bases", test_single_bases},
    {"agrees with GMP on 3000 numbers", test_agrees_with_gmp},
    {"FIPS 186-5 Table B.1 rounds", test_rounds_table},
    {"random primes: size and top bits", test_random_primes},
    {"safe primes p = 2q + 1", test_safe_primes},
    {"seeded generation repeats", test_seeded_generation_repeats},
    CU_TEST_INFO_NULL,
};

int main(void)
{
    return run_suite("prime", tests);
}
