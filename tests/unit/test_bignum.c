/* test_bignum.c: bytes <-> integers (RFC 8017 I2OSP/OS2IP), random ranges,
 * wiping. */
#include <stdlib.h>
#include <string.h>

#include "crypto/bignum.h"
#include "core/util.h"
#include "tests/unit/harness.h"

static void test_os2ip_i2osp(void)
{
    static const uint8_t in[] = {0x00, 0x00, 0x01, 0x02, 0xff};
    uint8_t out[8];
    mpz_t x;
    mpz_init(x);
    bn_from_bytes(x, in, sizeof in);
    CU_ASSERT_EQUAL(mpz_get_ui(x), 0x0102ffu);
    CU_ASSERT_EQUAL(bn_byte_length(x), 3);
    /* fixed width: leading zeros kept */
    CU_ASSERT_EQUAL(bn_to_bytes(x, out, 5), SEE_OK);
    ASSERT_HEX_EQ(out, 5, "00000102ff");
    CU_ASSERT_EQUAL(bn_to_bytes(x, out, 3), SEE_OK);
    ASSERT_HEX_EQ(out, 3, "0102ff");
    CU_ASSERT_EQUAL(bn_to_bytes(x, out, 2), SEE_ERR_BUFFER_SMALL);
    /* zero: no bytes needed, any width is all zeros */
    bn_from_bytes(x, in, 0);
    CU_ASSERT_EQUAL(mpz_sgn(x), 0);
    CU_ASSERT_EQUAL(bn_byte_length(x), 0);
    memset(out, 0xaa, sizeof out);
    CU_ASSERT_EQUAL(bn_to_bytes(x, out, 4), SEE_OK);
    ASSERT_HEX_EQ(out, 4, "00000000");
    CU_ASSERT_EQUAL(bn_to_bytes(x, out, 0), SEE_OK);
    /* negative numbers have no octet string */
    mpz_set_si(x, -5);
    CU_ASSERT_EQUAL(bn_to_bytes(x, out, 4), SEE_ERR_ARGUMENT);
    mpz_clear(x);
}

/* TLS's numbers: no leading zero byte, but zero is one byte. */
static void test_minimal_bytes(void)
{
    static const uint8_t in[] = {0x00, 0x00, 0x01, 0x02, 0xff};
    uint8_t out[8];
    size_t len = 99;
    mpz_t x;
    mpz_init(x);
    bn_from_bytes(x, in, sizeof in);
    CU_ASSERT_EQUAL(bn_to_bytes_min(x, out, sizeof out, &len), SEE_OK);
    CU_ASSERT_EQUAL(len, 3);
    ASSERT_HEX_EQ(out, len, "0102ff");
    CU_ASSERT_EQUAL(bn_to_bytes_min(x, out, 3, &len), SEE_OK);
    CU_ASSERT_EQUAL(bn_to_bytes_min(x, out, 2, &len), SEE_ERR_BUFFER_SMALL);
    mpz_set_ui(x, 0);
    memset(out, 0xaa, sizeof out);
    CU_ASSERT_EQUAL(bn_to_bytes_min(x, out, 1, &len), SEE_OK);
    CU_ASSERT_EQUAL(len, 1);
    CU_ASSERT_EQUAL(out[0], 0);
    CU_ASSERT_EQUAL(bn_to_bytes_min(x, out, 0, &len), SEE_ERR_BUFFER_SMALL);
    mpz_set_si(x, -5);
    CU_ASSERT_EQUAL(bn_to_bytes_min(x, out, sizeof out, &len), SEE_ERR_ARGUMENT);
    mpz_clear(x);
}

static void test_round_trip_every_length(void)
{
    uint8_t in[64], out[64];
    mpz_t x;
    mpz_init(x);
    for (size_t len = 1; len <= sizeof in; len++) {
        for (size_t i = 0; i < len; i++)
            in[i] = (uint8_t)(i * 37 + len + 1);
        bn_from_bytes(x, in, len);
        CU_ASSERT_EQUAL(bn_byte_length(x), len);
        CU_ASSERT_EQUAL(bn_to_bytes(x, out, len), SEE_OK);
        CU_ASSERT_EQUAL(memcmp(in, out, len), 0);
    }
    mpz_clear(x);
}

static void test_random_range(void)
{
    mpz_t low, high, r;
    mpz_inits(low, high, r, NULL);
    mpz_set_ui(low, 5);
    mpz_set_ui(high, 8);
    int seen[3] = {0, 0, 0};
    for (int i = 0; i < 300; i++) {
        CU_ASSERT_EQUAL_FATAL(bn_random_range(NULL, r, low, high), SEE_OK);
        unsigned long v = mpz_get_ui(r);
        CU_ASSERT(v >= 5 && v < 8);
        if (v >= 5 && v < 8)
            seen[v - 5]++;
    }
    /* each of 5, 6, 7 has 100 expected hits; 30 is far in the tail */
    CU_ASSERT(seen[0] > 30 && seen[1] > 30 && seen[2] > 30);
    CU_ASSERT_EQUAL(bn_random_range(NULL, r, high, low), SEE_ERR_ARGUMENT);
    CU_ASSERT_EQUAL(bn_random_range(NULL, r, low, low), SEE_ERR_ARGUMENT);

    /* a wide range: all draws below high and not all equal */
    mpz_set_ui(low, 0);
    mpz_ui_pow_ui(high, 2, 300);
    mpz_add_ui(high, high, 1);
    mpz_t first;
    mpz_init(first);
    CU_ASSERT_EQUAL(bn_random_range(NULL, first, low, high), SEE_OK);
    int differ = 0;
    for (int i = 0; i < 20; i++) {
        CU_ASSERT_EQUAL(bn_random_range(NULL, r, low, high), SEE_OK);
        CU_ASSERT(mpz_cmp(r, high) < 0);
        differ |= mpz_cmp(r, first) != 0;
    }
    CU_ASSERT(differ);
    mpz_clears(low, high, r, first, NULL);
}

static void test_seeded_is_reproducible(void)
{
    see_rng a, b;
    rng_init_seeded(&a, "class demo", 10);
    rng_init_seeded(&b, "class demo", 10);
    mpz_t x, y, low, high;
    mpz_inits(x, y, low, high, NULL);
    mpz_ui_pow_ui(high, 10, 40);
    CU_ASSERT_EQUAL(bn_random_range(&a, x, low, high), SEE_OK);
    CU_ASSERT_EQUAL(bn_random_range(&b, y, low, high), SEE_OK);
    CU_ASSERT_EQUAL(mpz_cmp(x, y), 0);
    mpz_clears(x, y, low, high, NULL);
    rng_wipe(&a);
    rng_wipe(&b);
}

static void test_random_bits(void)
{
    mpz_t x;
    mpz_init(x);
    int top_seen = 0;
    for (int i = 0; i < 64; i++) {
        CU_ASSERT_EQUAL(bn_random_bits(NULL, x, 13), SEE_OK);
        CU_ASSERT(mpz_cmp_ui(x, 1u << 13) < 0);
        top_seen |= mpz_tstbit(x, 12);
    }
    CU_ASSERT(top_seen);
    CU_ASSERT_EQUAL(bn_random_bits(NULL, x, 0), SEE_OK);
    CU_ASSERT_EQUAL(mpz_sgn(x), 0);
    mpz_clear(x);
}

static void test_wipe_zeroes_limbs(void)
{
    mpz_t x;
    mpz_init(x);
    mpz_ui_pow_ui(x, 3, 500); /* about 13 limbs */
    size_t n = mpz_size(x);
    const mp_limb_t *limbs = mpz_limbs_read(x);
    bn_wipe(x);
    CU_ASSERT_EQUAL(mpz_sgn(x), 0);
    /* the same block is still owned by x: every limb must now be zero */
    int all_zero = 1;
    for (size_t i = 0; i < n; i++)
        all_zero &= limbs[i] == 0;
    CU_ASSERT(all_zero);
    bn_clear_secret(x);
}

static void test_wiping_allocator(void)
{
    void *(*a)(size_t);
    void *(*r)(void *, size_t, size_t);
    void (*f)(void *, size_t);
    mp_get_memory_functions(&a, &r, &f);
    bn_install_wiping_allocator();
    void (*f2)(void *, size_t);
    mp_get_memory_functions(NULL, NULL, &f2);
    CU_ASSERT(f2 != f);
    /* GMP keeps working: grow (realloc), compute, free */
    mpz_t x, y;
    mpz_init_set_ui(x, 7);
    mpz_init(y);
    mpz_ui_pow_ui(x, 7, 4000);
    mpz_powm_ui(y, x, 3, x);
    CU_ASSERT_EQUAL(mpz_sgn(y), 0);
    mpz_sub_ui(y, x, 1);
    CU_ASSERT(mpz_cmp(y, x) < 0);
    mpz_clears(x, y, NULL);
    mp_set_memory_functions(a, r, f);
}

static void test_powm_public_matches_gmp(void)
{
    /* Montgomery powers against mpz_powm: sizes from one limb to 4096
     * bits, exponents 1, 2, 3, 17, 65537 and a 64-bit one, bases including
     * 0, 1 and n - 1 */
    static const unsigned bits[] = {5, 64, 65, 127, 521, 1024, 2048, 4096};
    static const uint64_t exps[] = {1, 2, 3, 17, 65537, UINT64_C(0xfedcba9876543211)};
    mpz_t n, b, ours, gmp, e;
    mpz_inits(n, b, ours, gmp, e, NULL);
    int mismatches = 0, runs = 0;
    for (size_t i = 0; i < sizeof bits / sizeof *bits; i++) {
        CU_ASSERT_EQUAL(bn_random_bits(NULL, n, bits[i]), SEE_OK);
        mpz_setbit(n, bits[i] - 1);
        mpz_setbit(n, 0);
        for (size_t j = 0; j < sizeof exps / sizeof *exps; j++) {
            bn_set_u64(e, exps[j]);
            for (int r = 0; r < 6; r++) {
                if (r == 0)
                    mpz_set_ui(b, 0);
                else if (r == 1)
                    mpz_set_ui(b, 1);
                else if (r == 2)
                    mpz_sub_ui(b, n, 1);
                else
                    CU_ASSERT_EQUAL(bn_random_bits(NULL, b, bits[i] - 1), SEE_OK);
                CU_ASSERT_EQUAL(bn_powm_public(ours, b, exps[j], n), SEE_OK);
                mpz_powm(gmp, b, e, n);
                mismatches += mpz_cmp(ours, gmp) != 0;
                runs++;
            }
        }
    }
    CU_ASSERT_EQUAL(mismatches, 0);
    CU_ASSERT_EQUAL(runs, 8 * 6 * 6);
    mpz_set(b, n);
    CU_ASSERT_EQUAL(bn_powm_public(ours, b, 3, n), SEE_ERR_ARGUMENT);
    mpz_add_ui(n, n, 1);
    mpz_set_ui(b, 2);
    CU_ASSERT_EQUAL(bn_powm_public(ours, b, 3, n), SEE_ERR_ARGUMENT);
    mpz_sub_ui(n, n, 1);
    CU_ASSERT_EQUAL(bn_powm_public(ours, b, 0, n), SEE_ERR_ARGUMENT);
    mpz_clears(n, b, ours, gmp, e, NULL);
}

/* 64-bit values in and out of GMP, the same with a 32-bit unsigned long
 * (armhf) as with a 64-bit one: each against the decimal string. */
static void test_u64_bridges(void)
{
    static const struct {
        uint64_t v;
        const char *dec;
    } cases[] = {
        {0, "0"},
        {1, "1"},
        {UINT64_C(0xffffffff), "4294967295"},
        {UINT64_C(0x100000000), "4294967296"},
        {UINT64_C(0x123456789abcdef0), "1311768467463790320"},
        {UINT64_MAX, "18446744073709551615"},
    };
    mpz_t x, want;
    mpz_inits(x, want, NULL);
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        mpz_set_str(want, cases[i].dec, 10);
        bn_set_u64(x, cases[i].v);
        CU_ASSERT_EQUAL(mpz_cmp(x, want), 0);
        CU_ASSERT_EQUAL(bn_get_u64(want), cases[i].v);
        CU_ASSERT_TRUE(bn_fits_u64(want));
        CU_ASSERT_EQUAL(bn_cmp_u64(want, cases[i].v), 0);
        if (cases[i].v > 0)
            CU_ASSERT_TRUE(bn_cmp_u64(want, cases[i].v - 1) > 0);
        if (cases[i].v < UINT64_MAX)
            CU_ASSERT_TRUE(bn_cmp_u64(want, cases[i].v + 1) < 0);
    }
    /* 2^64 + 5: does not fit, compares above all, its low 64 bits are 5 */
    mpz_set_str(x, "18446744073709551621", 10);
    CU_ASSERT_FALSE(bn_fits_u64(x));
    CU_ASSERT_TRUE(bn_cmp_u64(x, UINT64_MAX) > 0);
    CU_ASSERT_EQUAL(bn_get_u64(x), 5);
    /* -1: does not fit, compares below 0, low 64 bits of |x| */
    mpz_set_si(x, -1);
    CU_ASSERT_FALSE(bn_fits_u64(x));
    CU_ASSERT_TRUE(bn_cmp_u64(x, 0) < 0);
    CU_ASSERT_EQUAL(bn_get_u64(x), 1);
    mpz_clears(x, want, NULL);
}

static CU_TestInfo tests[] = {
    {"64-bit values in and out (bn_set_u64, bn_get_u64, bn_cmp_u64)", test_u64_bridges},
    {"Montgomery public power = mpz_powm", test_powm_public_matches_gmp},
    {"OS2IP / I2OSP fixed width", test_os2ip_i2osp},
    {"round trip at every length", test_round_trip_every_length},
    {"TLS's minimal big-endian numbers (bn_to_bytes_min)", test_minimal_bytes},
    {"uniform random range", test_random_range},
    {"seeded generator reproducible", test_seeded_is_reproducible},
    {"random bits", test_random_bits},
    {"wipe zeroes the limbs", test_wipe_zeroes_limbs},
    {"wiping allocator", test_wiping_allocator},
    CU_TEST_INFO_NULL,
};

int main(void)
{
    return run_suite("bignum", tests);
}
