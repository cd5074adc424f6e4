/*
 * ex_signature.c: the lecture's digital signature with Bob's toy keys,
 * then the hash-then-sign version with SHA-256, first with the toy key
 * (where it barely means anything) and then with a real 2048-bit key.
 */
#include <stdio.h> /* before gmp.h, for gmp_fprintf */
#include <string.h>

#include "crypto/bignum.h"
#include "crypto/rsa.h"
#include "crypto/sha256.h"
#include "core/util.h"
#include "codec/hex.h"
#include "slides_examples/slides.h"

/* What the slides claim ("Public Key Cryptography: Digital Signatures"). */
static const slide_claim CLAIMS[] = {
    { "c = 3^23 mod 15", "2",
      "Bob encrypts m=3 with his private key: c = 3^23 mod 15 = 2" },
    { "(m, c)", "(3, 2)",
      "Bob sends (m, c) = (3, 2) over to Alice." },
    { "m' = 2^7 mod 15", "3",
      "Alice computes m' using Bob's public key (7, 15): m' = 2^7 mod 15 = 3" },
    { "m' = c^7 mod 15 for the c Bob computes", "3",
      "Alice sees that m' == m, and thus knows that m was encrypted using "
      "Bob's private key" },
    { "SHA-256 digest size in bytes", "32",
      "Bob uses a hash function like SHA256 to generate h(m), where h(m) is "
      "a much shorter summary of m." },
};

#define BOB_N 15
#define BOB_E 7
#define BOB_D 23

static int toy_signature(slide_ctx *ctx)
{
    slide_step(ctx, "Bob signs m = 3 with his private key (23, 15)");
    unsigned long c = 0, m_prime = 0, wrong_check = 0;
    see_status status = slide_powm_steps(ctx, &c, 3, BOB_D, BOB_N);
    if (status != SEE_OK)
        return status;
    mpz_t m, n, d, e, sig, check;
    mpz_init_set_ui(m, 3);
    mpz_init_set_ui(n, BOB_N);
    mpz_init_set_ui(d, BOB_D);
    mpz_init_set_ui(e, BOB_E);
    mpz_inits(sig, check, NULL);
    status = rsa_textbook_decrypt(sig, m, n, d); /* "encrypt with PRV" */
    if (status == SEE_OK && mpz_cmp_ui(sig, c) != 0)
        status = SEE_ERR_ARGUMENT;
    if (status == SEE_OK) {
        slide_say(ctx, "rsa_textbook_decrypt (the private-key power) agrees: "
                  "c = %lu", c);
        CHECK_UL(ctx, "c = 3^23 mod 15", c);
        mpz_t power, quotient;
        mpz_inits(power, quotient, NULL);
        mpz_ui_pow_ui(power, 3, BOB_D);
        unsigned long rem = mpz_fdiv_q_ui(quotient, power, BOB_N);
        gmp_fprintf(ctx->out, "    (directly: 3^23 = %Zd = 15 * %Zd + %lu)\n",
                    power, quotient, rem);
        mpz_clears(power, quotient, NULL);
        char pair[64];
        snprintf(pair, sizeof pair, "(3, %lu)", c);
        CHECK(ctx, "(m, c)", pair);

        slide_step(ctx, "Alice checks the slide's c = 2 with Bob's public "
                   "key (7, 15)");
        status = slide_powm_steps(ctx, &wrong_check, 2, BOB_E, BOB_N);
    }
    if (status == SEE_OK) {
        CHECK_UL(ctx, "m' = 2^7 mod 15", wrong_check);
        slide_say(ctx, "2^7 = 128 = 8 * 15 + 8: the slide's c = 2 would be "
                  "rejected (m' = %lu, not m = 3)", wrong_check);

        slide_step(ctx, "Alice checks the c Bob really computes, c = %lu", c);
        status = slide_powm_steps(ctx, &m_prime, c, BOB_E, BOB_N);
    }
    if (status == SEE_OK)
        status = rsa_textbook_encrypt(check, sig, n, e);
    if (status == SEE_OK && mpz_cmp_ui(check, m_prime) != 0)
        status = SEE_ERR_ARGUMENT;
    if (status == SEE_OK) {
        slide_say(ctx, "rsa_textbook_encrypt (the public-key power) agrees: "
                  "m' = %lu, %s m = 3", m_prime,
                  m_prime == 3 ? "equal to" : "NOT equal to");
        CHECK_UL(ctx, "m' = c^7 mod 15 for the c Bob computes", m_prime);
    }
    mpz_clears(m, n, d, e, sig, check, NULL);
    return status;
}

/* The message Bob signs in the hash-then-sign steps. */
static const char MESSAGE[] = "Bob's public key is (7, 15)";

static int toy_hash_then_sign(slide_ctx *ctx, uint8_t digest[32])
{
    slide_step(ctx, "hash then sign: h(m) = SHA-256(m)");
    sha256(MESSAGE, strlen(MESSAGE), digest);
    char hex[65];
    see_hex_encode(digest, 32, hex);
    slide_say(ctx, "m    = \"%s\" (%zu bytes)", MESSAGE, strlen(MESSAGE));
    slide_say(ctx, "h(m) = %s", hex);
    CHECK_UL(ctx, "SHA-256 digest size in bytes", SHA256_DIGEST_SIZE);

    slide_step(ctx, "with the toy key, only h(m) mod 15 can be signed");
    mpz_t h, n, d, e, c, back;
    mpz_inits(h, c, back, NULL);
    mpz_init_set_ui(n, BOB_N);
    mpz_init_set_ui(d, BOB_D);
    mpz_init_set_ui(e, BOB_E);
    bn_from_bytes(h, digest, 32);
    mpz_mod(h, h, n);
    slide_say(ctx, "RSA signs numbers below n: h(m) mod 15 = %lu",
              mpz_get_ui(h));
    see_status status = rsa_textbook_decrypt(c, h, n, d);
    if (status == SEE_OK)
        status = rsa_textbook_encrypt(back, c, n, e);
    if (status == SEE_OK) {
        slide_say(ctx, "c = %lu^23 mod 15 = %lu; Alice: c^7 mod 15 = %lu, "
                  "h(m) mod 15 = %lu: %s", mpz_get_ui(h), mpz_get_ui(c),
                  mpz_get_ui(back), mpz_get_ui(h),
                  mpz_cmp(back, h) == 0 ? "valid" : "INVALID");
        if (mpz_cmp(back, h) != 0)
            status = SEE_ERR_RSA_SIG_INVALID;
        slide_say(ctx, "but with only 15 possible values, one message in "
                  "15 shares this signature: a toy.");
    }
    mpz_clears(h, n, d, e, c, back, NULL);
    return status;
}

static int real_hash_then_sign(slide_ctx *ctx)
{
    slide_step(ctx, "hash then sign with a real 2048-bit key "
               "(RSASSA-PKCS1-v1_5, SHA-256)");
    rsa_private_key key;
    rsa_public_key pub;
    rsa_private_init(&key);
    rsa_public_init(&pub);
    uint8_t sig[256];
    size_t sig_len = 0;
    double t0 = slide_now();
    see_status status = rsa_generate(NULL, 2048, 0, &key);
    if (status == SEE_OK) {
        slide_say(ctx, "rsa_generate: n of %zu bits, in %.2f s",
                  mpz_sizeinbase(key.n, 2), slide_now() - t0);
        rsa_public_from_private(&pub, &key);
        status = rsa_pkcs1_sign(&key, NULL, (const uint8_t *)MESSAGE,
                                strlen(MESSAGE), sig, sizeof sig, &sig_len);
    }
    if (status == SEE_OK) {
        slide_say(ctx, "rsa_pkcs1_sign: c is %zu bytes (the size of n), "
                  "first bytes %02x%02x%02x%02x...", sig_len, sig[0], sig[1],
                  sig[2], sig[3]);
        status = rsa_pkcs1_verify(&pub, (const uint8_t *)MESSAGE,
                                  strlen(MESSAGE), sig, sig_len);
        slide_say(ctx, "rsa_pkcs1_verify(m, c): %s",
                  status == SEE_OK ? "valid" : see_strerror(status));
    }
    if (status == SEE_OK) {
        char tampered[sizeof MESSAGE];
        memcpy(tampered, MESSAGE, sizeof MESSAGE);
        tampered[sizeof MESSAGE - 3] = '6'; /* "(7, 15)" -> "(7, 16)" */
        see_status bad = rsa_pkcs1_verify(&pub, (const uint8_t *)tampered,
                                          strlen(tampered), sig, sig_len);
        slide_say(ctx, "rsa_pkcs1_verify(\"%s\", c): %s", tampered,
                  bad == SEE_OK ? "valid (WRONG)" : see_strerror(bad));
        if (bad != SEE_ERR_RSA_SIG_INVALID)
            status = SEE_ERR_RSA_SIG_INVALID;
    }
    rsa_public_clear(&pub);
    rsa_private_clear(&key);
    return status;
}

int example_signature(slide_ctx *ctx)
{
    SHOW_CLAIMS(ctx, "lecture, Public Key Cryptography: Digital Signatures");
    uint8_t digest[32];
    int status = toy_signature(ctx);
    if (status == SEE_OK)
        status = toy_hash_then_sign(ctx, digest);
    if (status == SEE_OK)
        status = real_hash_then_sign(ctx);
    return status;
}
