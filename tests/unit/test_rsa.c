/* test_rsa.c: the slides' textbook numbers, NIST CAVP PKCS#1 v1.5
 * signatures, Wycheproof OAEP, the TLS premaster countermeasure, key
 * generation invariants and every bad input. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "crypto/bignum.h"
#include "crypto/random.h"
#include "crypto/rsa.h"
#include "crypto/sha256.h"
#include "tests/unit/harness.h"

/* A vector field as bytes; "-" is the empty string. */
static uint8_t *field(const vec_file *v, const char *name, size_t *len)
{
    const char *value = vec_get(v, name);
    if (value == NULL || strcmp(value, "-") == 0) {
        *len = 0;
        return calloc(1, 1);
    }
    return hex_alloc(value, len);
}

static void set_hex(mpz_t x, const vec_file *v, const char *name)
{
    const char *value = vec_get(v, name);
    mpz_set_str(x, value ? value : "0", 16);
}

/* ------------------------------------------------ the slides' numbers --- */

static void test_slides_textbook(void)
{
    mpz_t p, q, n, e, t, d, m, c;
    mpz_inits(p, q, n, e, t, d, m, c, NULL);
    mpz_set_ui(p, 3);
    mpz_set_ui(q, 5);
    mpz_mul(n, p, q);
    CU_ASSERT_EQUAL(mpz_get_ui(n), 15);
    rsa_textbook_totient(t, p, q);
    CU_ASSERT_EQUAL(mpz_get_ui(t), 8);                /* t(15) = 2 * 4 */
    mpz_set_ui(e, 7);
    CU_ASSERT_EQUAL(rsa_textbook_d_from_k(d, e, t, 20), SEE_OK);
    CU_ASSERT_EQUAL(mpz_get_ui(d), 23);               /* 7d = 161 */
    CU_ASSERT_EQUAL(rsa_textbook_d_from_k(d, e, t, 1), SEE_ERR_ARGUMENT);
    unsigned long k = 0;
    CU_ASSERT_EQUAL(rsa_textbook_find_d(d, &k, e, t), SEE_OK);
    CU_ASSERT_EQUAL(mpz_get_ui(d), 7);                /* 7 * 7 = 1 + 6 * 8 */
    CU_ASSERT_EQUAL(k, 6);

    mpz_set_ui(d, 23);
    mpz_set_ui(m, 12);                                /* Alice's 12 strands */
    CU_ASSERT_EQUAL(rsa_textbook_encrypt(c, m, n, e), SEE_OK);
    CU_ASSERT_EQUAL(mpz_get_ui(c), 3);                /* 12^7 mod 15 */
    CU_ASSERT_EQUAL(rsa_textbook_decrypt(m, c, n, d), SEE_OK);
    CU_ASSERT_EQUAL(mpz_get_ui(m), 12);               /* 3^23 mod 15 */

    /* The slides' signature example signs m = 3 with (23, 15) and prints
     * c = 3^23 mod 15 = 2 and m' = 2^7 mod 15 = 3. Recomputed, both are
     * slips: 3^23 mod 15 = 12 (powers of 3 cycle 3, 9, 12, 6) and
     * 2^7 mod 15 = 8. The scheme itself works: 12^7 mod 15 = 3 = m. */
    mpz_set_ui(m, 3);
    CU_ASSERT_EQUAL(rsa_textbook_decrypt(c, m, n, d), SEE_OK);
    CU_ASSERT_EQUAL(mpz_get_ui(c), 12);
    CU_ASSERT_EQUAL(rsa_textbook_encrypt(m, c, n, e), SEE_OK);
    CU_ASSERT_EQUAL(mpz_get_ui(m), 3);
    mpz_set_ui(c, 2);                                 /* the slide's c */
    CU_ASSERT_EQUAL(rsa_textbook_encrypt(m, c, n, e), SEE_OK);
    CU_ASSERT_EQUAL(mpz_get_ui(m), 8);                /* not 3 */

    /* bad input */
    mpz_set_ui(m, 15);
    CU_ASSERT_EQUAL(rsa_textbook_encrypt(c, m, n, e), SEE_ERR_RSA_INPUT_RANGE);
    mpz_set_si(m, -1);
    CU_ASSERT_EQUAL(rsa_textbook_decrypt(c, m, n, d), SEE_ERR_RSA_INPUT_RANGE);
    mpz_set_ui(e, 2);                                 /* gcd(2, 8) = 2 */
    CU_ASSERT_EQUAL(rsa_textbook_find_d(d, NULL, e, t), SEE_ERR_RSA_E_BAD);
    mpz_clears(p, q, n, e, t, d, m, c, NULL);
}

/* ------------------------------------------ NIST CAVP signatures --- */

static void test_cavp_pkcs1_signatures(void)
{
    vec_file *v = vec_open("rsa_pkcs1_sig_sha256.txt");
    if (v == NULL)
        return;
    int signed_cases = 0, passes = 0, failures = 0;
    while (vec_next(v)) {
        rsa_public_key pub;
        rsa_public_init(&pub);
        set_hex(pub.n, v, "n");
        set_hex(pub.e, v, "e");
        size_t msg_len, s_len;
        uint8_t *msg = field(v, "msg", &msg_len);
        uint8_t *s = field(v, "s", &s_len);
        int expect_pass = strcmp(vec_get(v, "result"), "P") == 0;
        see_status st = rsa_pkcs1_verify(&pub, msg, msg_len, s, s_len);
        if (expect_pass) {
            CU_ASSERT_EQUAL(st, SEE_OK);
            passes++;
            /* one changed message bit, one changed signature bit */
            msg[0] ^= 1;
            CU_ASSERT_EQUAL(rsa_pkcs1_verify(&pub, msg, msg_len, s, s_len),
                            SEE_ERR_RSA_SIG_INVALID);
            msg[0] ^= 1;
            s[s_len - 1] ^= 0x80;
            CU_ASSERT_EQUAL(rsa_pkcs1_verify(&pub, msg, msg_len, s, s_len),
                            SEE_ERR_RSA_SIG_INVALID);
            s[s_len - 1] ^= 0x80;
        } else {
            CU_ASSERT_EQUAL(st, SEE_ERR_RSA_SIG_INVALID);
            failures++;
        }

        if (vec_get(v, "d") != NULL) {
            /* SigGen: PKCS#1 v1.5 is deterministic, so the exact bytes */
            rsa_private_key key;
            rsa_private_init(&key);
            mpz_t p, q, e;
            mpz_inits(p, q, e, NULL);
            set_hex(p, v, "p");
            set_hex(q, v, "q");
            set_hex(e, v, "e");
            CU_ASSERT_EQUAL(rsa_private_from_factors(&key, p, q, e), SEE_OK);
            CU_ASSERT_EQUAL(mpz_cmp(key.n, pub.n), 0);
            CU_ASSERT_EQUAL(rsa_private_check(&key, NULL), SEE_OK);
            uint8_t sig[512];
            size_t sig_len = 0;
            CU_ASSERT_EQUAL(rsa_pkcs1_sign(&key, NULL, msg, msg_len, sig,
                                           sizeof sig, &sig_len), SEE_OK);
            ASSERT_HEX_EQ(sig, sig_len, vec_get(v, "s"));
            /* the digest entry point gives the same signature */
            uint8_t digest[32];
            sha256(msg, msg_len, digest);
            memset(sig, 0, sizeof sig);
            CU_ASSERT_EQUAL(rsa_pkcs1_sign_digest(&key, NULL, digest, sig,
                                                  sizeof sig, &sig_len), SEE_OK);
            ASSERT_HEX_EQ(sig, sig_len, vec_get(v, "s"));
            CU_ASSERT_EQUAL(rsa_pkcs1_verify_digest(&pub, digest, sig, sig_len), SEE_OK);
            /* without the primes: in^d mod n directly, with the CAVS d */
            rsa_private_key plain;
            rsa_private_init(&plain);
            mpz_set(plain.n, pub.n);
            mpz_set(plain.e, pub.e);
            set_hex(plain.d, v, "d");
            memset(sig, 0, sizeof sig);
            CU_ASSERT_EQUAL(rsa_pkcs1_sign(&plain, NULL, msg, msg_len, sig,
                                           sizeof sig, &sig_len), SEE_OK);
            ASSERT_HEX_EQ(sig, sig_len, vec_get(v, "s"));
            CU_ASSERT_EQUAL(rsa_pkcs1_sign(&key, NULL, msg, msg_len, sig,
                                           255, &sig_len), SEE_ERR_BUFFER_SMALL);
            rsa_private_clear(&plain);
            mpz_clears(p, q, e, NULL);
            rsa_private_clear(&key);
            signed_cases++;
        }
        free(msg);
        free(s);
        rsa_public_clear(&pub);
    }
    CU_ASSERT_EQUAL(signed_cases, 1);
    CU_ASSERT_EQUAL(passes, 2);
    CU_ASSERT_EQUAL(failures, 1);
    vec_close(v);
}

/* -------------------------------------------------- a shared key --- */

static rsa_private_key key2048;
static rsa_public_key pub2048;

/* 0 when the key in the current case is complete and consistent. */
static int load_oaep_key(rsa_private_key *key, vec_file *v)
{
    mpz_t p, q, e, n;
    mpz_inits(p, q, e, n, NULL);
    set_hex(p, v, "p");
    set_hex(q, v, "q");
    set_hex(e, v, "e");
    set_hex(n, v, "n");
    int bad = rsa_private_from_factors(key, p, q, e) != SEE_OK ||
              mpz_cmp(n, key->n) != 0;
    mpz_clears(n, p, q, e, NULL);
    return bad;
}

static void test_wycheproof_oaep(void)
{
    vec_file *v = vec_open("rsa_oaep_sha256.txt");
    if (v == NULL)
        return;
    CU_ASSERT_FATAL(vec_next(v));
    rsa_private_key key;
    rsa_private_init(&key);
    CU_ASSERT_EQUAL(load_oaep_key(&key, v), 0);
    int valid = 0, invalid = 0;
    while (vec_next(v)) {
        size_t msg_len, ct_len, label_len, out_len = 0;
        uint8_t *msg = field(v, "msg", &msg_len);
        uint8_t *ct = field(v, "ct", &ct_len);
        uint8_t *label = field(v, "label", &label_len);
        uint8_t out[256];
        see_status st = rsa_oaep_decrypt(&key, NULL, label, label_len, ct,
                                         ct_len, out, sizeof out, &out_len);
        if (strcmp(vec_get(v, "result"), "valid") == 0) {
            CU_ASSERT_EQUAL(st, SEE_OK);
            CU_ASSERT_EQUAL(out_len, msg_len);
            CU_ASSERT(out_len == msg_len && memcmp(out, msg, msg_len) == 0);
            valid++;
            /* the wrong label must fail the same way */
            label[0] ^= 1;
            CU_ASSERT_EQUAL(rsa_oaep_decrypt(&key, NULL, label, label_len ? label_len : 1,
                                             ct, ct_len, out, sizeof out, &out_len),
                            SEE_ERR_RSA_DECRYPT);
        } else {
            if (st != SEE_ERR_RSA_DECRYPT)
                fprintf(stderr, "\nWycheproof tc %s: %s\n", vec_get(v, "tc"),
                        see_strerror(st));
            CU_ASSERT_EQUAL(st, SEE_ERR_RSA_DECRYPT);
            invalid++;
        }
        free(msg);
        free(ct);
        free(label);
    }
    CU_ASSERT_EQUAL(valid, 4);
    CU_ASSERT_EQUAL(invalid, 5);
    rsa_private_clear(&key);
    vec_close(v);
}

static void test_oaep_fixed_seed_round_trip(void)
{
    static const uint8_t msg[] = "the robot's session key";
    uint8_t seed[32], ct1[256], ct2[256], out[256];
    size_t len1, len2, out_len;
    memset(seed, 0x5a, sizeof seed);
    CU_ASSERT_EQUAL(rsa_oaep_encrypt_with_seed(&pub2048, seed, NULL, 0, msg,
                                               sizeof msg, ct1, sizeof ct1, &len1), SEE_OK);
    CU_ASSERT_EQUAL(rsa_oaep_encrypt_with_seed(&pub2048, seed, NULL, 0, msg,
                                               sizeof msg, ct2, sizeof ct2, &len2), SEE_OK);
    CU_ASSERT_EQUAL(len1, 256);
    CU_ASSERT_EQUAL(memcmp(ct1, ct2, 256), 0);        /* same seed, same ct */
    CU_ASSERT_EQUAL(rsa_oaep_decrypt(&key2048, NULL, NULL, 0, ct1, len1, out,
                                     sizeof out, &out_len), SEE_OK);
    CU_ASSERT(out_len == sizeof msg && memcmp(out, msg, sizeof msg) == 0);
    /* a random seed: a different ciphertext, the same message */
    CU_ASSERT_EQUAL(rsa_oaep_encrypt(&pub2048, NULL, (const uint8_t *)"L", 1,
                                     msg, sizeof msg, ct2, sizeof ct2, &len2), SEE_OK);
    CU_ASSERT(memcmp(ct1, ct2, 256) != 0);
    CU_ASSERT_EQUAL(rsa_oaep_decrypt(&key2048, NULL, (const uint8_t *)"L", 1, ct2,
                                     len2, out, sizeof out, &out_len), SEE_OK);
    CU_ASSERT(out_len == sizeof msg && memcmp(out, msg, sizeof msg) == 0);
    /* limits: k - 66 = 190 bytes fit, 191 do not */
    uint8_t big[191];
    memset(big, 7, sizeof big);
    CU_ASSERT_EQUAL(rsa_oaep_encrypt(&pub2048, NULL, NULL, 0, big, 190, ct1,
                                     sizeof ct1, &len1), SEE_OK);
    CU_ASSERT_EQUAL(rsa_oaep_decrypt(&key2048, NULL, NULL, 0, ct1, len1, out,
                                     sizeof out, &out_len), SEE_OK);
    CU_ASSERT_EQUAL(out_len, 190);
    CU_ASSERT_EQUAL(rsa_oaep_decrypt(&key2048, NULL, NULL, 0, ct1, len1, out,
                                     189, &out_len), SEE_ERR_BUFFER_SMALL);
    CU_ASSERT_EQUAL(rsa_oaep_encrypt(&pub2048, NULL, NULL, 0, big, 191, ct1,
                                     sizeof ct1, &len1), SEE_ERR_RSA_MSG_TOO_LONG);
    CU_ASSERT_EQUAL(rsa_oaep_encrypt(&pub2048, NULL, NULL, 0, big, 10, ct1,
                                     255, &len1), SEE_ERR_BUFFER_SMALL);
}

/* ------------------------------------------------ RSAES-PKCS1-v1_5 --- */

static void test_pkcs1_encryption(void)
{
    static const uint8_t msg[] = "12 strands";
    uint8_t ct[256], out[256];
    size_t ct_len, out_len;
    CU_ASSERT_EQUAL(rsa_pkcs1_encrypt(&pub2048, NULL, msg, sizeof msg, ct,
                                      sizeof ct, &ct_len), SEE_OK);
    CU_ASSERT_EQUAL(ct_len, 256);
    CU_ASSERT_EQUAL(rsa_pkcs1_decrypt(&key2048, NULL, ct, ct_len, out,
                                      sizeof out, &out_len), SEE_OK);
    CU_ASSERT(out_len == sizeof msg && memcmp(out, msg, sizeof msg) == 0);

    /* the padding seen through the public key: 00 02, 8+ non-zero, 00 */
    mpz_t c, m;
    mpz_inits(c, m, NULL);
    bn_from_bytes(c, ct, ct_len);
    CU_ASSERT_EQUAL(rsa_private_op(&key2048, NULL, m, c), SEE_OK);
    uint8_t em[256];
    CU_ASSERT_EQUAL(bn_to_bytes(m, em, sizeof em), SEE_OK);
    CU_ASSERT(em[0] == 0 && em[1] == 2 && em[256 - sizeof msg - 1] == 0);
    int nonzero = 1;
    for (size_t i = 2; i < 256 - sizeof msg - 1; i++)
        nonzero &= em[i] != 0;
    CU_ASSERT(nonzero);

    /* every failure is the same error */
    ct[10] ^= 1;
    CU_ASSERT_EQUAL(rsa_pkcs1_decrypt(&key2048, NULL, ct, ct_len, out,
                                      sizeof out, &out_len), SEE_ERR_RSA_DECRYPT);
    CU_ASSERT_EQUAL(rsa_pkcs1_decrypt(&key2048, NULL, ct, ct_len - 1, out,
                                      sizeof out, &out_len), SEE_ERR_RSA_DECRYPT);
    memset(ct, 0xff, sizeof ct);                        /* c >= n */
    CU_ASSERT_EQUAL(rsa_pkcs1_decrypt(&key2048, NULL, ct, sizeof ct, out,
                                      sizeof out, &out_len), SEE_ERR_RSA_DECRYPT);
    /* a padding string of 7 bytes is refused, 8 accepted (RFC 8017 7.2.2 step 3) */
    for (int pad_len = 7; pad_len <= 8; pad_len++) {
        memset(em, 0x33, sizeof em);
        em[0] = 0;
        em[1] = 2;
        em[2 + pad_len] = 0;
        mpz_t x;
        mpz_init(x);
        bn_from_bytes(m, em, sizeof em);
        CU_ASSERT_EQUAL(rsa_public_op(&pub2048, x, m), SEE_OK);
        CU_ASSERT_EQUAL(bn_to_bytes(x, ct, sizeof ct), SEE_OK);
        CU_ASSERT_EQUAL(rsa_pkcs1_decrypt(&key2048, NULL, ct, sizeof ct, out,
                                          sizeof out, &out_len),
                        pad_len == 8 ? SEE_OK : SEE_ERR_RSA_DECRYPT);
        mpz_clear(x);
    }
    uint8_t big[246];
    memset(big, 1, sizeof big);
    CU_ASSERT_EQUAL(rsa_pkcs1_encrypt(&pub2048, NULL, big, 245, ct, sizeof ct,
                                      &ct_len), SEE_OK);
    CU_ASSERT_EQUAL(rsa_pkcs1_encrypt(&pub2048, NULL, big, 246, ct, sizeof ct,
                                      &ct_len), SEE_ERR_RSA_MSG_TOO_LONG);
    mpz_clears(c, m, NULL);
}

/* ----------------------------------------- the TLS premaster secret --- */

/* Encrypt a hand-made EM with the public key. */
static void encrypt_em(const uint8_t *em, uint8_t *ct)
{
    mpz_t m, c;
    mpz_inits(m, c, NULL);
    bn_from_bytes(m, em, 256);
    CU_ASSERT_EQUAL(rsa_public_op(&pub2048, c, m), SEE_OK);
    CU_ASSERT_EQUAL(bn_to_bytes(c, ct, 256), SEE_OK);
    mpz_clears(m, c, NULL);
}

/* EM = 00 02 pad 00 M, M = version || 46 bytes, with msg_len bytes of M. */
static void make_em(uint8_t *em, size_t msg_len, uint8_t v0, uint8_t v1)
{
    memset(em, 0x42, 256);
    em[0] = 0x00;
    em[1] = 0x02;
    em[256 - msg_len - 1] = 0x00;
    em[256 - msg_len] = v0;
    em[256 - msg_len + 1] = v1;
    for (size_t i = 2; i < msg_len; i++)
        em[256 - msg_len + i] = (uint8_t)(0xa0 + i);
}

/* The premaster for ct with a generator seeded "premaster", and what the
 * first 48 bytes of that generator are (the random R). */
static see_status premaster_seeded(const uint8_t *ct, size_t ct_len,
                                   const uint8_t version[2], uint8_t *ps,
                                   uint8_t *expected_r)
{
    see_rng rng;
    rng_init_seeded(&rng, "premaster", 9);
    see_status st = rsa_decrypt_premaster(&key2048, &rng, ct, ct_len, version, ps);
    rng_init_seeded(&rng, "premaster", 9);
    CU_ASSERT_EQUAL(rng_bytes(&rng, expected_r, 48), SEE_OK);
    rng_wipe(&rng);
    return st;
}

static void test_premaster(void)
{
    static const uint8_t tls12[2] = {0x03, 0x03};
    uint8_t em[256], ct[256], ps[48], r[48];

    /* good: PS = M */
    make_em(em, 48, 0x03, 0x03);
    encrypt_em(em, ct);
    CU_ASSERT_EQUAL(premaster_seeded(ct, 256, tls12, ps, r), SEE_OK);
    CU_ASSERT_EQUAL(memcmp(ps, em + 208, 48), 0);

    /* wrong version bytes: PS = R exactly, not M */
    make_em(em, 48, 0x03, 0x01);
    encrypt_em(em, ct);
    CU_ASSERT_EQUAL(premaster_seeded(ct, 256, tls12, ps, r), SEE_OK);
    CU_ASSERT_EQUAL(memcmp(ps, r, 48), 0);

    /* bad block type 01 */
    make_em(em, 48, 0x03, 0x03);
    em[1] = 0x01;
    encrypt_em(em, ct);
    CU_ASSERT_EQUAL(premaster_seeded(ct, 256, tls12, ps, r), SEE_OK);
    CU_ASSERT_EQUAL(memcmp(ps, r, 48), 0);

    /* M of 47 and 49 bytes */
    for (size_t len = 47; len <= 49; len += 2) {
        make_em(em, len, 0x03, 0x03);
        encrypt_em(em, ct);
        CU_ASSERT_EQUAL(premaster_seeded(ct, 256, tls12, ps, r), SEE_OK);
        CU_ASSERT_EQUAL(memcmp(ps, r, 48), 0);
    }

    /* a zero inside the padding (the separator comes too early) */
    make_em(em, 48, 0x03, 0x03);
    em[100] = 0;
    encrypt_em(em, ct);
    CU_ASSERT_EQUAL(premaster_seeded(ct, 256, tls12, ps, r), SEE_OK);
    CU_ASSERT_EQUAL(memcmp(ps, r, 48), 0);

    /* wrong ciphertext length, and c >= n */
    make_em(em, 48, 0x03, 0x03);
    encrypt_em(em, ct);
    CU_ASSERT_EQUAL(premaster_seeded(ct, 255, tls12, ps, r), SEE_OK);
    CU_ASSERT_EQUAL(memcmp(ps, r, 48), 0);
    memset(ct, 0xff, sizeof ct);
    CU_ASSERT_EQUAL(premaster_seeded(ct, 256, tls12, ps, r), SEE_OK);
    CU_ASSERT_EQUAL(memcmp(ps, r, 48), 0);

    /* from the system generator: two failures give two different PS */
    uint8_t ps2[48];
    CU_ASSERT_EQUAL(rsa_decrypt_premaster(&key2048, NULL, ct, 256, tls12, ps), SEE_OK);
    CU_ASSERT_EQUAL(rsa_decrypt_premaster(&key2048, NULL, ct, 256, tls12, ps2), SEE_OK);
    CU_ASSERT(memcmp(ps, ps2, 48) != 0);

    /* a real client's message, made by our own PKCS#1 encryption */
    uint8_t m[48];
    memset(m, 0x77, sizeof m);
    m[0] = 3;
    m[1] = 3;
    size_t ct_len;
    CU_ASSERT_EQUAL(rsa_pkcs1_encrypt(&pub2048, NULL, m, 48, ct, sizeof ct, &ct_len), SEE_OK);
    CU_ASSERT_EQUAL(rsa_decrypt_premaster(&key2048, NULL, ct, ct_len, tls12, ps), SEE_OK);
    CU_ASSERT_EQUAL(memcmp(ps, m, 48), 0);
}

/* ------------------------------------------------------------- keys --- */

static void check_generated_key(const rsa_private_key *key, unsigned bits)
{
    CU_ASSERT_EQUAL(mpz_sizeinbase(key->n, 2), bits);
    CU_ASSERT_EQUAL(mpz_get_ui(key->e), 65537);
    CU_ASSERT(mpz_cmp(key->p, key->q) > 0);
    CU_ASSERT_EQUAL(mpz_sizeinbase(key->p, 2), bits / 2);
    CU_ASSERT_EQUAL(mpz_sizeinbase(key->q, 2), bits / 2);
    CU_ASSERT(mpz_probab_prime_p(key->p, 30) != 0);
    CU_ASSERT(mpz_probab_prime_p(key->q, 30) != 0);
    mpz_t x, l, p1, q1;
    mpz_inits(x, l, p1, q1, NULL);
    mpz_sub(x, key->p, key->q);
    CU_ASSERT(mpz_sizeinbase(x, 2) > bits / 2 - 100);   /* |p - q| */
    mpz_sub_ui(p1, key->p, 1);
    mpz_sub_ui(q1, key->q, 1);
    mpz_gcd(x, key->e, p1);
    CU_ASSERT_EQUAL(mpz_get_ui(x), 1);
    mpz_gcd(x, key->e, q1);
    CU_ASSERT_EQUAL(mpz_get_ui(x), 1);
    mpz_lcm(l, p1, q1);
    mpz_mul(x, key->d, key->e);
    mpz_mod(x, x, l);
    CU_ASSERT_EQUAL(mpz_get_ui(x), 1);                   /* d*e = 1 mod lcm */
    CU_ASSERT(mpz_cmp(key->d, l) < 0);
    CU_ASSERT(mpz_sizeinbase(key->d, 2) > bits / 2);     /* d > 2^(nlen/2) */
    CU_ASSERT_EQUAL(rsa_private_check(key, NULL), SEE_OK);
    mpz_clears(x, l, p1, q1, NULL);
}

static void test_keygen_1024_2048(void)
{
    static const unsigned sizes[] = {1024, 2048};
    for (size_t i = 0; i < 2; i++) {
        rsa_private_key key;
        rsa_private_init(&key);
        CU_ASSERT_EQUAL_FATAL(rsa_generate(NULL, sizes[i], 0, &key), SEE_OK);
        check_generated_key(&key, sizes[i]);
        CU_ASSERT_EQUAL(rsa_private_bits(&key), sizes[i]);
        /* it signs and verifies */
        rsa_public_key pub;
        rsa_public_init(&pub);
        rsa_public_from_private(&pub, &key);
        uint8_t sig[256];
        size_t sig_len;
        CU_ASSERT_EQUAL(rsa_pkcs1_sign(&key, NULL, (const uint8_t *)"hi", 2, sig,
                                       sizeof sig, &sig_len), SEE_OK);
        CU_ASSERT_EQUAL(sig_len, sizes[i] / 8);
        CU_ASSERT_EQUAL(rsa_pkcs1_verify(&pub, (const uint8_t *)"hi", 2, sig, sig_len), SEE_OK);
        rsa_public_clear(&pub);
        rsa_private_clear(&key);
    }
}

static void test_keygen_sizes(void)
{
    rsa_private_key key;
    rsa_private_init(&key);
    CU_ASSERT_EQUAL(rsa_generate(NULL, 512, 0, &key), SEE_ERR_RSA_KEY_SIZE);
    CU_ASSERT_EQUAL(rsa_generate(NULL, 1023, 0, &key), SEE_ERR_RSA_KEY_SIZE);
    CU_ASSERT_EQUAL(rsa_generate(NULL, 4098, 0, &key), SEE_ERR_RSA_KEY_SIZE);
    CU_ASSERT_EQUAL(rsa_generate(NULL, 14, 1, &key), SEE_ERR_RSA_KEY_SIZE);
    CU_ASSERT_EQUAL(rsa_generate(NULL, 31, 1, &key), SEE_ERR_RSA_KEY_SIZE);
    static const unsigned tiny[] = {16, 32, 64, 128, 512};
    for (size_t i = 0; i < sizeof tiny / sizeof *tiny; i++) {
        CU_ASSERT_EQUAL_FATAL(rsa_generate(NULL, tiny[i], 1, &key), SEE_OK);
        CU_ASSERT_EQUAL(mpz_sizeinbase(key.n, 2), tiny[i]);
        CU_ASSERT_EQUAL(rsa_private_bits(&key), tiny[i]);
        CU_ASSERT_EQUAL(rsa_private_check(&key, NULL), SEE_OK);
        /* textbook round trip with the generated numbers */
        mpz_t m, c, back;
        mpz_inits(m, c, back, NULL);
        mpz_set_ui(m, 12345 % mpz_get_ui(key.q));
        CU_ASSERT_EQUAL(rsa_textbook_encrypt(c, m, key.n, key.e), SEE_OK);
        CU_ASSERT_EQUAL(rsa_private_op(&key, NULL, back, c), SEE_OK);
        CU_ASSERT_EQUAL(mpz_cmp(back, m), 0);
        mpz_clears(m, c, back, NULL);
    }
    rsa_private_clear(&key);
}

static void test_bad_keys(void)
{
    rsa_public_key pub;
    rsa_public_init(&pub);
    uint8_t sig[256];
    memset(sig, 1, sizeof sig);
    mpz_set(pub.n, pub2048.n);
    mpz_set_ui(pub.e, 1);
    CU_ASSERT_EQUAL(rsa_public_check(&pub, 0), SEE_ERR_RSA_E_BAD);
    mpz_set_ui(pub.e, 65536);
    CU_ASSERT_EQUAL(rsa_public_check(&pub, 0), SEE_ERR_RSA_E_BAD);
    mpz_set(pub.e, pub.n);
    CU_ASSERT_EQUAL(rsa_public_check(&pub, 0), SEE_ERR_RSA_E_BAD);
    mpz_set_ui(pub.e, 65537);
    CU_ASSERT_EQUAL(rsa_public_check(&pub, 0), SEE_OK);
    CU_ASSERT_EQUAL(rsa_public_check(&pub, 2048), SEE_OK);
    CU_ASSERT_EQUAL(rsa_public_check(&pub, 2049), SEE_ERR_RSA_N_SMALL);
    mpz_add_ui(pub.n, pub.n, 1);
    CU_ASSERT_EQUAL(rsa_public_check(&pub, 0), SEE_ERR_RSA_N_EVEN);
    CU_ASSERT_EQUAL(rsa_pkcs1_verify(&pub, sig, 1, sig, 256), SEE_ERR_RSA_N_EVEN);
    mpz_set_ui(pub.n, 13);
    CU_ASSERT_EQUAL(rsa_public_check(&pub, 0), SEE_ERR_RSA_N_SMALL);
    /* a 256-bit key is too small to carry a SHA-256 DigestInfo signature */
    mpz_ui_pow_ui(pub.n, 2, 255);
    mpz_add_ui(pub.n, pub.n, 1);
    CU_ASSERT_EQUAL(rsa_pkcs1_verify(&pub, sig, 1, sig, 32), SEE_ERR_RSA_N_SMALL);
    rsa_public_clear(&pub);

    /* signature of the wrong length, and s >= n */
    CU_ASSERT_EQUAL(rsa_pkcs1_verify(&pub2048, sig, 1, sig, 255), SEE_ERR_RSA_SIG_LENGTH);
    CU_ASSERT_EQUAL(rsa_pkcs1_verify(&pub2048, sig, 1, sig, 0), SEE_ERR_RSA_SIG_LENGTH);
    uint8_t sig257[257] = {0};
    CU_ASSERT_EQUAL(rsa_pkcs1_verify(&pub2048, sig, 1, sig257, 257), SEE_ERR_RSA_SIG_LENGTH);
    memset(sig, 0xff, sizeof sig);
    CU_ASSERT_EQUAL(rsa_pkcs1_verify(&pub2048, sig, 1, sig, 256), SEE_ERR_RSA_SIG_INVALID);

    /* private key checks: each broken value is caught */
    rsa_private_key key;
    rsa_private_init(&key);
    mpz_t p, q, e;
    mpz_inits(p, q, e, NULL);
    mpz_set(p, key2048.p);
    mpz_set(q, key2048.q);
    mpz_set_ui(e, 65537);
    CU_ASSERT_EQUAL(rsa_private_from_factors(&key, p, q, e), SEE_OK);
    CU_ASSERT_EQUAL(rsa_private_check(&key, NULL), SEE_OK);
    mpz_add_ui(key.dp, key.dp, 2);
    CU_ASSERT_EQUAL(rsa_private_check(&key, NULL), SEE_ERR_RSA_KEY_INCONSISTENT);
    mpz_sub_ui(key.dp, key.dp, 2);
    mpz_add_ui(key.d, key.d, 2);
    CU_ASSERT_EQUAL(rsa_private_check(&key, NULL), SEE_ERR_RSA_KEY_INCONSISTENT);
    mpz_sub_ui(key.d, key.d, 2);
    mpz_add_ui(key.qinv, key.qinv, 1);
    CU_ASSERT_EQUAL(rsa_private_check(&key, NULL), SEE_ERR_RSA_KEY_INCONSISTENT);
    mpz_sub_ui(key.qinv, key.qinv, 1);
    mpz_add_ui(key.n, key.n, 2);
    CU_ASSERT_EQUAL(rsa_private_check(&key, NULL), SEE_ERR_RSA_KEY_INCONSISTENT);
    mpz_sub_ui(key.n, key.n, 2);
    mpz_add_ui(key.p, key.p, 2);                      /* p + 2 is odd: composite? */
    CU_ASSERT_NOT_EQUAL(rsa_private_check(&key, NULL), SEE_OK);
    mpz_mul(key.p, q, q);                             /* certainly composite */
    CU_ASSERT_EQUAL(rsa_private_check(&key, NULL), SEE_ERR_RSA_NOT_PRIME);
    CU_ASSERT_EQUAL(rsa_private_from_factors(&key, p, p, e), SEE_ERR_ARGUMENT);
    mpz_set_ui(e, 1);
    CU_ASSERT_EQUAL(rsa_private_from_factors(&key, p, q, e), SEE_ERR_RSA_E_BAD);
    mpz_set_ui(e, 4);
    CU_ASSERT_EQUAL(rsa_private_from_factors(&key, p, q, e), SEE_ERR_RSA_E_BAD);
    mpz_clears(p, q, e, NULL);
    rsa_private_clear(&key);
}

static void test_crt_fault_is_caught(void)
{
    /* A CRT half computed wrongly (here: a corrupted dP, as a glitch would
     * do) must never leave the function: a faulty signature s' with
     * s' = s mod q, s' != s mod p gives gcd(s'^e - m, n) = q. */
    rsa_private_key key;
    rsa_private_init(&key);
    mpz_t e;
    mpz_init_set_ui(e, 65537);
    CU_ASSERT_EQUAL(rsa_private_from_factors(&key, key2048.p, key2048.q, e), SEE_OK);
    mpz_add_ui(key.dp, key.dp, 1);
    uint8_t sig[256];
    memset(sig, 0xee, sizeof sig);
    size_t sig_len = 0;
    CU_ASSERT_EQUAL(rsa_pkcs1_sign(&key, NULL, (const uint8_t *)"m", 1, sig,
                                   sizeof sig, &sig_len), SEE_ERR_RSA_FAULT);
    CU_ASSERT_EQUAL(sig_len, 0);
    int untouched = 1;
    for (size_t i = 0; i < sizeof sig; i++)
        untouched &= sig[i] == 0xee;
    CU_ASSERT(untouched);
    mpz_clear(e);
    rsa_private_clear(&key);
}

static void test_blinding_gives_same_result(void)
{
    /* the private op is randomised inside; its result must not be */
    mpz_t c, m1, m2;
    mpz_inits(c, m1, m2, NULL);
    mpz_set_ui(c, 123456789);
    CU_ASSERT_EQUAL(rsa_private_op(&key2048, NULL, m1, c), SEE_OK);
    CU_ASSERT_EQUAL(rsa_private_op(&key2048, NULL, m2, c), SEE_OK);
    CU_ASSERT_EQUAL(mpz_cmp(m1, m2), 0);
    mpz_powm(m2, c, key2048.d, key2048.n);              /* the plain formula */
    CU_ASSERT_EQUAL(mpz_cmp(m1, m2), 0);
    mpz_set(c, key2048.n);
    CU_ASSERT_EQUAL(rsa_private_op(&key2048, NULL, m1, c), SEE_ERR_RSA_INPUT_RANGE);
    mpz_clears(c, m1, m2, NULL);
}

/* A key of its own from key2048's factors: its blinding pair is unused. */
static void fresh_key2048(rsa_private_key *key)
{
    rsa_private_init(key);
    CU_ASSERT_EQUAL(rsa_private_from_factors(key, key2048.p, key2048.q,
                                             key2048.e), SEE_OK);
}

/* 1 if the generator's next bytes are other's next bytes (then both have
 * been drawn from as often: copies of one seeded generator). */
static int same_next_bytes(see_rng *rng, see_rng *other)
{
    uint8_t a[16], b[16];
    CU_ASSERT_EQUAL(rng_bytes(rng, a, sizeof a), SEE_OK);
    CU_ASSERT_EQUAL(rng_bytes(other, b, sizeof b), SEE_OK);
    return memcmp(a, b, sizeof a) == 0;
}

static void test_blinding_pair_kept_and_renewed(void)
{
    /* rsa.c keeps a blinding pair between operations (squared each time)
     * and draws a fresh r every 32: the generator is drawn from by the
     * 1st and the 33rd signature only, and every signature is the same
     * (PKCS#1 v1.5 signing is deterministic). */
    rsa_private_key key;
    fresh_key2048(&key);
    see_rng rng, copy;
    rng_init_seeded(&rng, "blinding", 8);
    uint8_t first[256], sig[256];
    size_t len;
    const uint8_t digest[32] = {1, 2, 3};
    CU_ASSERT_EQUAL(rsa_pkcs1_sign_digest(&key, &rng, digest, first,
                                          sizeof first, &len), SEE_OK);
    copy = rng;
    int same = 1;
    for (int i = 2; i <= 32; i++) {
        CU_ASSERT_EQUAL(rsa_pkcs1_sign_digest(&key, &rng, digest, sig,
                                              sizeof sig, &len), SEE_OK);
        same &= memcmp(sig, first, sizeof sig) == 0;
    }
    CU_ASSERT(same);
    CU_ASSERT(same_next_bytes(&rng, &copy));     /* no draw in 2..32 */
    copy = rng;
    CU_ASSERT_EQUAL(rsa_pkcs1_sign_digest(&key, &rng, digest, sig,
                                          sizeof sig, &len), SEE_OK);
    CU_ASSERT_EQUAL(memcmp(sig, first, sizeof sig), 0);
    CU_ASSERT_FALSE(same_next_bytes(&rng, &copy)); /* the 33rd drew */

    /* and the pair kept is the squares of the one used: r^2 unblinds the
     * mpz form too, through the renewal */
    mpz_t c, m, want;
    mpz_inits(c, m, want, NULL);
    mpz_set_ui(c, 987654321);
    mpz_powm(want, c, key.d, key.n);
    for (int i = 0; i < 40; i++) {
        CU_ASSERT_EQUAL(rsa_private_op(&key, NULL, m, c), SEE_OK);
        CU_ASSERT_EQUAL(mpz_cmp(m, want), 0);
    }
    mpz_clears(c, m, want, NULL);
    rng_wipe(&rng);
    rng_wipe(&copy);
    rsa_private_clear(&key);
}

/* The threads of test_blinding_shared_by_threads: each signs 40 times
 * with the one key, counting the signatures that differ from want. */
typedef struct {
    rsa_private_key *key;
    const uint8_t *want;
    int wrong;
} signer;

static void *sign_many(void *arg)
{
    signer *s = arg;
    const uint8_t digest[32] = {9, 8, 7};
    uint8_t sig[256];
    size_t len;
    for (int i = 0; i < 40; i++)
        if (rsa_pkcs1_sign_digest(s->key, NULL, digest, sig, sizeof sig,
                                  &len) != SEE_OK ||
            memcmp(sig, s->want, sizeof sig) != 0)
            s->wrong++;
    return NULL;
}

static void test_blinding_shared_by_threads(void)
{
    /* A server's threads share its key, and so its blinding pair: one
     * that finds the pair held draws its own; every signature is right. */
    rsa_private_key key;
    fresh_key2048(&key);
    const uint8_t digest[32] = {9, 8, 7};
    uint8_t want[256];
    size_t len;
    CU_ASSERT_EQUAL(rsa_pkcs1_sign_digest(&key, NULL, digest, want,
                                          sizeof want, &len), SEE_OK);
    signer s[4];
    pthread_t t[4];
    for (int i = 0; i < 4; i++) {
        s[i] = (signer){&key, want, 0};
        CU_ASSERT_EQUAL(pthread_create(&t[i], NULL, sign_many, &s[i]), 0);
    }
    for (int i = 0; i < 4; i++) {
        pthread_join(t[i], NULL);
        CU_ASSERT_EQUAL(s[i].wrong, 0);
    }
    rsa_private_clear(&key);
}

static int setup(void)
{
    /* the Wycheproof OAEP key serves every test that needs a 2048-bit key
     * (read before CUnit starts, so without its assertions) */
    FILE *f = fopen("vectors/rsa_oaep_sha256.txt", "r");
    if (f == NULL)
        return 1;
    char line[1200], name[8], value[1100];
    rsa_private_init(&key2048);
    rsa_public_init(&pub2048);
    mpz_t p, q, e;
    mpz_inits(p, q, e, NULL);
    while (fgets(line, sizeof line, f) != NULL) {
        if (sscanf(line, "%7s = %1099s", name, value) != 2)
            continue;
        if (strcmp(name, "p") == 0)
            mpz_set_str(p, value, 16);
        else if (strcmp(name, "q") == 0)
            mpz_set_str(q, value, 16);
        else if (strcmp(name, "e") == 0)
            mpz_set_str(e, value, 16);
        else if (strcmp(name, "tc") == 0)
            break; /* the key comes first */
    }
    fclose(f);
    see_status st = rsa_private_from_factors(&key2048, p, q, e);
    mpz_clears(p, q, e, NULL);
    rsa_public_from_private(&pub2048, &key2048);
    return st != SEE_OK || mpz_sizeinbase(key2048.n, 2) != 2048;
}

static void test_small_keys_refused_by_paddings(void)
{
    /* k = 60 bytes: too small for a SHA-256 signature (62), enough for a
     * premaster (59); k = 58: too small for both, and for OAEP (66) */
    static const struct { unsigned bits; see_status sign, premaster; } cases[] = {
        {480, SEE_ERR_RSA_N_SMALL, SEE_OK},
        {464, SEE_ERR_RSA_N_SMALL, SEE_ERR_RSA_N_SMALL},
        {496, SEE_OK, SEE_OK},
    };
    for (size_t i = 0; i < 3; i++) {
        rsa_private_key key;
        rsa_public_key pub;
        rsa_private_init(&key);
        rsa_public_init(&pub);
        CU_ASSERT_EQUAL_FATAL(rsa_generate(NULL, cases[i].bits, 1, &key), SEE_OK);
        rsa_public_from_private(&pub, &key);
        uint8_t sig[64], ps[48], ct[64] = {0};
        size_t len;
        CU_ASSERT_EQUAL(rsa_pkcs1_sign(&key, NULL, ct, 1, sig, sizeof sig, &len),
                        cases[i].sign);
        CU_ASSERT_EQUAL(rsa_decrypt_premaster(&key, NULL, ct, cases[i].bits / 8,
                                              (const uint8_t *)"\3\3", ps),
                        cases[i].premaster);
        CU_ASSERT_EQUAL(rsa_oaep_encrypt(&pub, NULL, NULL, 0, ct, 1, sig,
                                         sizeof sig, &len), SEE_ERR_RSA_MSG_TOO_LONG);
        rsa_public_clear(&pub);
        rsa_private_clear(&key);
    }
}

static CU_TestInfo tests[] = {
    {"paddings refuse keys too small for them", test_small_keys_refused_by_paddings},
    {"slides: p=3 q=5 e=7 d=23", test_slides_textbook},
    {"NIST CAVP SigGen15/SigVer15 SHA-256", test_cavp_pkcs1_signatures},
    {"Wycheproof OAEP SHA-256", test_wycheproof_oaep},
    {"OAEP fixed seed and limits", test_oaep_fixed_seed_round_trip},
    {"PKCS#1 v1.5 encryption", test_pkcs1_encryption},
    {"TLS premaster: random PS on every failure", test_premaster},
    {"key generation 1024 and 2048", test_keygen_1024_2048},
    {"key sizes and the insecure flag", test_keygen_sizes},
    {"bad keys and signatures", test_bad_keys},
    {"CRT fault never released", test_crt_fault_is_caught},
    {"blinding keeps the result", test_blinding_gives_same_result},
    {"blinding pair squared, renewed every 32", test_blinding_pair_kept_and_renewed},
    {"blinding pair shared by threads", test_blinding_shared_by_threads},
    CU_TEST_INFO_NULL,
};

int main(void)
{
    if (setup() != 0) {
        fprintf(stderr, "test_rsa: cannot load vectors/rsa_oaep_sha256.txt\n");
        return 1;
    }
    int rc = run_suite("rsa", tests);
    rsa_private_clear(&key2048);
    rsa_public_clear(&pub2048);
    return rc;
}
