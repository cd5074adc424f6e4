/*
 * test_x25519.c: X25519 (crypto/x25519.c) and its field (crypto/field25519.h)
 * in the representation this compiler builds: five 51-bit limbs where it
 * has a 128-bit integer, else ten of 25.5 bits. test_x25519_10 runs every
 * case again on the ten limbs, so both are tested on every machine.
 *
 *  - RFC 7748 5.2 (two inputs; the iterated function after 1 and 1,000
 *    iterations; 1,000,000 with X25519_MILLION=1 in the environment) and
 *    6.1 (Alice's and Bob's keys, the shared secret both ways);
 *  - vectors/x25519_libsodium.txt: 304 cases, including u >= p, bit 255
 *    set and the points of small order, which must be refused;
 *  - libsodium's crypto_scalarmult on random inputs;
 *  - the field against GMP (an oracle here only: mpz is variable-time),
 *    on random values and on the limbs' extremes;
 *  - the rules of RFC 7748 5 one by one: clamping, the ignored top bit,
 *    u taken mod p; aliasing; key generation.
 */
#include <stdlib.h>
#include <string.h>

#include <gmp.h>
#include <sodium.h>

#include "crypto/field25519.h"
#include "crypto/x25519.h"
#include "handshake/alert.h"
#include "tests/unit/harness.h"

static void hex32(const char *hex, uint8_t out[32])
{
    size_t len;
    uint8_t *bytes = hex_alloc(hex, &len);
    CU_ASSERT_FATAL(len == 32);
    memcpy(out, bytes, 32);
    free(bytes);
}

static const char *field(const vec_file *v, const char *name)
{
    const char *value = vec_get(v, name);
    CU_ASSERT_PTR_NOT_NULL_FATAL(value);
    return value;
}

/* RFC 7748 5.2: X25519(scalar, u) for the two given inputs. */
static void test_rfc7748_function(void)
{
    vec_file *v = vec_open("x25519_rfc7748.txt");
    if (v == NULL)
        return;
    int cases = 0;
    while (vec_next(v)) {
        if (strcmp(field(v, "kind"), "function") != 0)
            continue;
        uint8_t k[32], u[32], out[32];
        hex32(field(v, "scalar"), k);
        hex32(field(v, "u"), u);
        x25519(out, k, u);
        ASSERT_HEX_EQ(out, 32, field(v, "out"));
        cases++;
    }
    CU_ASSERT_EQUAL(cases, 2);
    vec_close(v);
}

/* RFC 7748 5.2's iteration: k = u = 9; each round, k becomes X25519(k, u)
 * and u the old k. */
static void iterate(uint8_t k[32], long rounds)
{
    uint8_t u[32] = {9}, next[32];
    memset(k, 0, 32);
    k[0] = 9;
    for (long i = 0; i < rounds; i++) {
        x25519(next, k, u);
        memcpy(u, k, 32);
        memcpy(k, next, 32);
    }
}

static void test_rfc7748_iterated(void)
{
    vec_file *v = vec_open("x25519_rfc7748.txt");
    if (v == NULL)
        return;
    int cases = 0;
    while (vec_next(v)) {
        if (strcmp(field(v, "kind"), "iterated") != 0)
            continue;
        uint8_t k[32];
        iterate(k, strtol(field(v, "iterations"), NULL, 10));
        ASSERT_HEX_EQ(k, 32, field(v, "out"));
        cases++;
    }
    CU_ASSERT_EQUAL(cases, 2);
    vec_close(v);
}

/* About 90 s: only on request. */
static void test_rfc7748_million(void)
{
    const char *run = getenv("X25519_MILLION");
    if (run == NULL || strcmp(run, "1") != 0)
        return;
    uint8_t k[32];
    iterate(k, 1000000);
    ASSERT_HEX_EQ(k, 32, "7c3911e0ab2586fd864497297e575e6f3bc601c0883c30df5f4dd2d24f665424");
}

/* RFC 7748 6.1: A = a*G, B = b*G, and S = a*B = b*A. */
static void test_rfc7748_dh(void)
{
    vec_file *v = vec_open("x25519_rfc7748.txt");
    if (v == NULL)
        return;
    int cases = 0;
    while (vec_next(v)) {
        if (strcmp(field(v, "kind"), "dh") != 0)
            continue;
        uint8_t a[32], b[32], pub_a[32], pub_b[32], s_alice[32], s_bob[32];
        hex32(field(v, "alice_private"), a);
        hex32(field(v, "bob_private"), b);
        x25519_public_key(pub_a, a);
        x25519_public_key(pub_b, b);
        ASSERT_HEX_EQ(pub_a, 32, field(v, "alice_public"));
        ASSERT_HEX_EQ(pub_b, 32, field(v, "bob_public"));
        CU_ASSERT_EQUAL(x25519_shared_secret(s_alice, a, pub_b), SEE_OK);
        CU_ASSERT_EQUAL(x25519_shared_secret(s_bob, b, pub_a), SEE_OK);
        ASSERT_HEX_EQ(s_alice, 32, field(v, "shared"));
        ASSERT_HEX_EQ(s_bob, 32, field(v, "shared"));
        cases++;
    }
    CU_ASSERT_EQUAL(cases, 1);
    vec_close(v);
}

/* vectors/x25519_libsodium.txt: every result, every public key, and a
 * refusal exactly where libsodium refused. */
static void test_libsodium_file(void)
{
    static const uint8_t zeros[32] = {0};
    vec_file *v = vec_open("x25519_libsodium.txt");
    if (v == NULL)
        return;
    int refused = 0;
    while (vec_next(v)) {
        uint8_t k[32], u[32], out[32];
        hex32(field(v, "scalar"), k);
        hex32(field(v, "u"), u);
        see_status st = x25519_shared_secret(out, k, u);
        if (vec_get(v, "refused") != NULL) {
            CU_ASSERT_EQUAL(st, SEE_ERR_X25519_ZERO_SECRET);
            CU_ASSERT_EQUAL(memcmp(out, zeros, 32), 0);
            refused++;
            continue;
        }
        CU_ASSERT_EQUAL(st, SEE_OK);
        ASSERT_HEX_EQ(out, 32, field(v, "shared"));
        x25519_public_key(out, k);
        ASSERT_HEX_EQ(out, 32, field(v, "public"));
    }
    CU_ASSERT_EQUAL(v->count, 304);
    CU_ASSERT_EQUAL(refused, 14);
    vec_close(v);
}

/* libsodium on random scalars and u's (any 32 bytes: half on the twist,
 * half with bit 255 set). */
static void test_differential_libsodium(void)
{
    CU_ASSERT_FATAL(sodium_init() >= 0);
    for (int round = 0; round < 200; round++) {
        uint8_t k[32], u[32], theirs[32], ours[32];
        randombytes_buf(k, sizeof k);
        randombytes_buf(u, sizeof u);
        int refused = crypto_scalarmult(theirs, k, u) != 0;
        see_status st = x25519_shared_secret(ours, k, u);
        CU_ASSERT_EQUAL(st, refused ? SEE_ERR_X25519_ZERO_SECRET : SEE_OK);
        if (!refused)
            CU_ASSERT_EQUAL(memcmp(ours, theirs, 32), 0);
        CU_ASSERT_EQUAL(crypto_scalarmult_base(theirs, k), 0);
        x25519_public_key(ours, k);
        CU_ASSERT_EQUAL(memcmp(ours, theirs, 32), 0);
    }
}

/* RFC 7748 5: the three low bits and bit 255 of the scalar are cleared and
 * bit 254 set, so changing them changes nothing. */
static void test_clamping(void)
{
    uint8_t k[32], u[32] = {9}, base[32], out[32];
    for (int i = 0; i < 32; i++)
        k[i] = (uint8_t)(i * 37 + 11);
    x25519(base, k, u);
    static const struct {
        int byte;
        uint8_t bits;
    } ignored[] = {{0, 1}, {0, 2}, {0, 4}, {0, 7}, {31, 0x80}, {31, 0x40}};
    for (size_t j = 0; j < sizeof ignored / sizeof ignored[0]; j++) {
        uint8_t changed[32];
        memcpy(changed, k, 32);
        changed[ignored[j].byte] ^= ignored[j].bits;
        x25519(out, changed, u);
        CU_ASSERT_EQUAL(memcmp(out, base, 32), 0);
    }
    /* ... and any other bit counts */
    k[0] ^= 8;
    x25519(out, k, u);
    CU_ASSERT_NOT_EQUAL(memcmp(out, base, 32), 0);
}

/* RFC 7748 5: bit 255 of u is masked, and u >= p means u mod p. */
static void test_u_decoding(void)
{
    uint8_t k[32], u[32], expected[32], out[32];
    for (int i = 0; i < 32; i++)
        k[i] = (uint8_t)(i * 13 + 5);
    for (int small = 2; small < 19; small++) {
        memset(u, 0, 32);
        u[0] = (uint8_t)small;
        x25519(expected, k, u);
        u[31] = 0x80;                           /* small + 2^255 */
        x25519(out, k, u);
        CU_ASSERT_EQUAL(memcmp(out, expected, 32), 0);
        memset(u, 0xff, 32);                    /* small + p */
        u[0] = (uint8_t)(0xed + small);
        u[31] = 0x7f;
        x25519(out, k, u);
        CU_ASSERT_EQUAL(memcmp(out, expected, 32), 0);
    }
}

/* out may be the scalar's or u's buffer. */
static void test_aliasing(void)
{
    uint8_t k[32], u[32], expected[32], buf[32];
    for (int i = 0; i < 32; i++) {
        k[i] = (uint8_t)(i * 3 + 1);
        u[i] = (uint8_t)(i * 5 + 2);
    }
    x25519(expected, k, u);
    memcpy(buf, k, 32);
    x25519(buf, buf, u);
    CU_ASSERT_EQUAL(memcmp(buf, expected, 32), 0);
    memcpy(buf, u, 32);
    x25519(buf, k, buf);
    CU_ASSERT_EQUAL(memcmp(buf, expected, 32), 0);
}

/* Two generated pairs agree; each public key is a*G of its private key. */
static void test_generate_key(void)
{
    see_rng rng;
    rng_init_seeded(&rng, "x25519 test", 11);
    uint8_t a[32], pub_a[32], b[32], pub_b[32], check[32], s1[32], s2[32];
    CU_ASSERT_EQUAL(x25519_generate_key(&rng, a, pub_a), SEE_OK);
    CU_ASSERT_EQUAL(x25519_generate_key(&rng, b, pub_b), SEE_OK);
    CU_ASSERT_NOT_EQUAL(memcmp(a, b, 32), 0);
    x25519_public_key(check, a);
    CU_ASSERT_EQUAL(memcmp(check, pub_a, 32), 0);
    CU_ASSERT_EQUAL(x25519_shared_secret(s1, a, pub_b), SEE_OK);
    CU_ASSERT_EQUAL(x25519_shared_secret(s2, b, pub_a), SEE_OK);
    CU_ASSERT_EQUAL(memcmp(s1, s2, 32), 0);
    rng_wipe(&rng);
}

/* The refusal has its words and its alert (a bad key share, like DH's). */
static void test_refusal_status(void)
{
    CU_ASSERT_PTR_NOT_NULL(strstr(see_strerror(SEE_ERR_X25519_ZERO_SECRET), "all zeros"));
    CU_ASSERT_EQUAL(alert_for_status(SEE_ERR_X25519_ZERO_SECRET), ALERT_ILLEGAL_PARAMETER);
}

/* ---- the field against GMP ---- */

static mpz_t p25519;

static void to_mpz(mpz_t out, const uint8_t s[32])
{
    mpz_import(out, 32, -1, 1, 0, 0, s);
}

/* An element's value mod p, through fe_to_bytes, which must also be the
 * canonical representative. */
static void fe_value(mpz_t out, const fe25519 *f)
{
    uint8_t s[32];
    fe_to_bytes(s, f);
    to_mpz(out, s);
    CU_ASSERT(mpz_cmp(out, p25519) < 0);
}

/* Some reduced elements: random bytes (bit 255 dropped by decoding), and
 * extremes: 0, 1, p - 1, p, 2^255 - 1, and every limb at its maximum. */
static void sample_bytes(uint8_t s[32], int n)
{
    memset(s, 0, 32);
    switch (n) {
    case 0: break;
    case 1: s[0] = 1; break;
    case 2: memset(s, 0xff, 32); s[0] = 0xec; s[31] = 0x7f; break;
    case 3: memset(s, 0xff, 32); s[0] = 0xed; s[31] = 0x7f; break;
    case 4: memset(s, 0xff, 32); break;
    default: randombytes_buf(s, 32); break;
    }
}

static void check_op(const char *op, const mpz_t expected, const fe25519 *got)
{
    mpz_t value;
    mpz_init(value);
    fe_value(value, got);
    if (mpz_cmp(value, expected) != 0)
        fprintf(stderr, "\n  field: %s differs from GMP\n", op);
    CU_ASSERT(mpz_cmp(value, expected) == 0);
    mpz_clear(value);
}

static void test_field_against_gmp(void)
{
    CU_ASSERT_FATAL(sodium_init() >= 0);
    mpz_init(p25519);
    mpz_ui_pow_ui(p25519, 2, 255);
    mpz_sub_ui(p25519, p25519, 19);
    mpz_t x, y, want;
    mpz_inits(x, y, want, NULL);
    for (int i = 0; i < 40; i++) {
        for (int j = 0; j < 40; j++) {
            uint8_t a[32], b[32];
            sample_bytes(a, i);
            sample_bytes(b, j);
            fe25519 f, g, h, loose_f, loose_g;
            fe_from_bytes(&f, a);
            fe_from_bytes(&g, b);
            a[31] &= 0x7f;
            b[31] &= 0x7f;
            to_mpz(x, a);
            to_mpz(y, b);

            fe_mul(&h, &f, &g);
            mpz_mul(want, x, y);
            mpz_mod(want, want, p25519);
            check_op("mul", want, &h);
            fe_sq(&h, &f);
            mpz_mul(want, x, x);
            mpz_mod(want, want, p25519);
            check_op("sq", want, &h);
            fe_mul_small(&h, &f, 121665);
            mpz_mul_ui(want, x, 121665);
            mpz_mod(want, want, p25519);
            check_op("mul_small", want, &h);

            /* loose values (sums and differences) into the products */
            fe_add(&loose_f, &f, &g);
            fe_sub(&loose_g, &f, &g);
            fe_mul(&h, &loose_f, &loose_g);       /* x^2 - y^2 */
            mpz_mul(want, x, x);
            mpz_submul(want, y, y);
            mpz_mod(want, want, p25519);
            check_op("mul of loose", want, &h);
            fe_sq(&h, &loose_g);                  /* (x - y)^2 */
            mpz_sub(want, x, y);
            mpz_mul(want, want, want);
            mpz_mod(want, want, p25519);
            check_op("sq of loose", want, &h);
            fe_one(&h);
            fe_mul(&h, &loose_f, &h);             /* x + y, via a product */
            mpz_add(want, x, y);
            mpz_mod(want, want, p25519);
            check_op("add", want, &h);
        }
        uint8_t a[32];
        sample_bytes(a, i);
        fe25519 f, h;
        fe_from_bytes(&f, a);
        a[31] &= 0x7f;
        to_mpz(x, a);
        fe_invert(&h, &f);
        mpz_mod(want, x, p25519);
        if (mpz_sgn(want) != 0)
            mpz_invert(want, want, p25519);       /* 1/0 is 0 (RFC 7748 5) */
        check_op("invert", want, &h);
    }
    mpz_clears(x, y, want, p25519, NULL);
}

/* The largest reduced limb of each position (field25519_51.c and
 * field25519_10.c say how far above its width carry_wide may leave it). */
static fe25519_limb largest_reduced_limb(int i)
{
#if FE25519_RADIX_51
    return i == 1 ? ((fe25519_limb)1 << 51) + ((fe25519_limb)1 << 10)
                  : ((fe25519_limb)1 << 51) - 1;
#else
    if (i == 1 || i == 5)
        return (1u << 25) + (1u << 16);
    return (i & 1) ? (1u << 25) - 1 : (1u << 26) - 1;
#endif
}

/* The largest loose limbs fe_sub can give (0 - b, limb by limb 2p - b,
 * for b with every limb at its largest), squared and multiplied: the
 * bounds of fe_mul's comment. */
static void test_field_extreme_limbs(void)
{
    fe25519 zero, big, h, loose;
    fe_zero(&zero);
    for (int i = 0; i < FE25519_LIMBS; i++)
        big.v[i] = largest_reduced_limb(i);
    fe_sub(&loose, &zero, &big);
    fe_add(&h, &big, &big);
    fe_mul(&h, &loose, &h);
    fe_sq(&loose, &loose);
    /* (-b) * 2b = -2 b^2 and (-b)^2 = b^2: their sum with 2 b^2 is 0 */
    fe_add(&loose, &loose, &loose);
    fe_add(&h, &h, &loose);
    fe_one(&loose);
    fe_mul(&h, &h, &loose);
    uint8_t s[32], zeros[32] = {0};
    fe_to_bytes(s, &h);
    CU_ASSERT_EQUAL(memcmp(s, zeros, 32), 0);

    /* and b's value itself, from the limbs, against GMP */
    mpz_t want, limb;
    mpz_inits(want, limb, NULL);
    mpz_init(p25519);
    mpz_ui_pow_ui(p25519, 2, 255);
    mpz_sub_ui(p25519, p25519, 19);
    for (int i = FE25519_LIMBS - 1; i >= 0; i--) {
        mpz_mul_2exp(want, want, FE25519_RADIX_51 ? 51 : 26 - (i & 1));
        mpz_import(limb, 1, -1, sizeof big.v[i], 0, 0, &big.v[i]);
        mpz_add(want, want, limb);
    }
    mpz_mod(want, want, p25519);
    check_op("largest reduced limbs", want, &big);
    mpz_clears(want, limb, p25519, NULL);
}

/* Where the compiler has a 128-bit integer the five-limb field is the one
 * built (unless SEETLS_FIELD25519_10 asks for ten limbs, as
 * test_x25519_10 does): the fast path is the one shipped. */
static void test_field_representation(void)
{
#if defined(__SIZEOF_INT128__) && !defined(SEETLS_FIELD25519_10)
    CU_ASSERT_EQUAL(FE25519_LIMBS, 5);
#else
    CU_ASSERT_EQUAL(FE25519_LIMBS, 10);
#endif
    CU_ASSERT_EQUAL(sizeof(fe25519_limb), FE25519_RADIX_51 ? 8u : 4u);
}

static CU_TestInfo tests[] = {
    {"RFC 7748 5.2: the two inputs", test_rfc7748_function},
    {"RFC 7748 5.2: iterated 1 and 1,000 times", test_rfc7748_iterated},
    {"RFC 7748 5.2: 1,000,000 times (X25519_MILLION=1)", test_rfc7748_million},
    {"RFC 7748 6.1: Alice and Bob", test_rfc7748_dh},
    {"libsodium vectors, small order refused", test_libsodium_file},
    {"differential vs libsodium, random inputs", test_differential_libsodium},
    {"clamping", test_clamping},
    {"u: top bit ignored, u >= p reduced", test_u_decoding},
    {"out may alias the inputs", test_aliasing},
    {"generated keys agree", test_generate_key},
    {"the all-zero refusal: text and alert", test_refusal_status},
    {"field against GMP, random and extreme values", test_field_against_gmp},
    {"field at the largest loose limbs", test_field_extreme_limbs},
    {"field: five 51-bit limbs where there is __int128", test_field_representation},
    CU_TEST_INFO_NULL,
};

/* test_x25519_10 includes this file under another suite name. */
#ifndef X25519_SUITE
#define X25519_SUITE "x25519"
#endif

int main(void)
{
    return run_suite(X25519_SUITE, tests);
}
