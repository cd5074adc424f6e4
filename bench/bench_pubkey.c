/*
 * bench_pubkey.c: RSA-2048 and Diffie-Hellman ffdhe2048, ours next to
 * OpenSSL libcrypto's (EVP_PKEY, OpenSSL 3), with the same keys.
 *
 * Like with like:
 *   key generation  both make 2048-bit keys with e = 65537 (OpenSSL: two
 *                   primes, a small-prime sieve and Miller-Rabin, like
 *                   ours); the median of 15 keys each, interleaved.
 *   sign            PKCS#1 v1.5 with SHA-256 of a ready digest, one key
 *                   (ours, from a seeded generator: speed/workloads.h)
 *                   loaded into both. Both blind the
 *                   input, use CRT and check the result with e before
 *                   releasing it (OpenSSL's rsa_ossl_mod_exp does too).
 *                   The two signatures must be byte for byte the same.
 *   verify          the same signature, e = 65537.
 *   DH derive       ffdhe2048, 225-bit private exponents on both sides
 *                   (OpenSSL picks 2 * 112 bits for this group; we follow
 *                   RFC 7919's 225); each derivation validates the peer's
 *                   value (OpenSSL's DH_check_pub_key inside
 *                   EVP_PKEY_derive, our dh_check_public) and outputs the
 *                   256-byte secret.
 * Ours are the entries of speed/workloads.h, what `seetls speed` times.
 * On a CPU with AVX-512 IFMA a further row gives OpenSSL's sign rate with
 * that instruction set masked off (see sign_row_without_ifma).
 * Targets: sign >= 0.8x OpenSSL's scalar code (the IFMA-off row where the
 * CPU has IFMA, the default ratio beside it), verify >= 0.8x, DH >= 0.4x,
 * and the median keygen time no slower than OpenSSL's (ratio >= 1.0).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/dh.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>

#include "bench/measure.h"
#include "bench/sections.h"
#include "core/util.h"
#include "pki/keyfile.h"

#define KEYGEN_COUNT  SPEED_MEDIAN_CALLS
#define SIGN_TARGET   0.8
#define VERIFY_TARGET 0.8
#define DH_TARGET     0.4
#define KEYGEN_TARGET 1.0

static void fail(const char *what)
{
    fprintf(stderr, "bench_pubkey: %s failed\n", what);
    exit(1);
}

/* Rates of ours (the entry `id` on its state) and theirs measured in
 * alternation, three rounds, the best of each kept: on a shared machine
 * the load changes from second to second, and alternating exposes both
 * sides to the same weather. */
static void rate_pair(speed_id id, void *ours_state, speed_fn *theirs, void *arg,
                      double seconds, double *our_rate, double *their_rate)
{
    *our_rate = *their_rate = 0;
    for (int round = 0; round < 3; round++) {
        double o = speed_rate(speed_workloads[id].run, ours_state, seconds / 3);
        double t = speed_rate(theirs, arg, seconds / 3);
        if (o > *our_rate)
            *our_rate = o;
        if (t > *their_rate)
            *their_rate = t;
    }
}

/* ------------------------------------------------------------ keygen --- */

static EVP_PKEY *openssl_rsa_keygen(void)
{
    EVP_PKEY *pkey = NULL;
    EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_name(NULL, "RSA", NULL);
    if (ctx == NULL || EVP_PKEY_keygen_init(ctx) <= 0 ||
        EVP_PKEY_CTX_set_rsa_keygen_bits(ctx, 2048) <= 0 ||
        EVP_PKEY_generate(ctx, &pkey) <= 0)
        fail("OpenSSL RSA keygen");
    EVP_PKEY_CTX_free(ctx);
    return pkey;
}

static double ms_openssl_keygen(void)
{
    double t0 = speed_now();
    EVP_PKEY *pkey = openssl_rsa_keygen();
    double ms = (speed_now() - t0) * 1e3;
    EVP_PKEY_free(pkey);
    return ms;
}

static void bench_keygen(void)
{
    const speed_workload *w = &speed_workloads[SPEED_RSA_KEYGEN];
    void *state = bench_ours_start(SPEED_RSA_KEYGEN);
    double ours[KEYGEN_COUNT], theirs[KEYGEN_COUNT];
    for (int i = 0; i < KEYGEN_COUNT; i++) {
        ours[i] = speed_time_ms(w->run, state);
        theirs[i] = ms_openssl_keygen();
    }
    bench_ours_stop(SPEED_RSA_KEYGEN, state);
    speed_sort(ours, KEYGEN_COUNT);
    speed_sort(theirs, KEYGEN_COUNT);
    bench_row_time(w->row, ours[KEYGEN_COUNT / 2],
                   theirs[KEYGEN_COUNT / 2], "OpenSSL", KEYGEN_TARGET);
}

/* ------------------------------------------------------ sign, verify --- */

static void bn_param_to_mpz(const EVP_PKEY *pkey, const char *name, mpz_t out)
{
    BIGNUM *bn = NULL;
    if (EVP_PKEY_get_bn_param(pkey, name, &bn) <= 0)
        fail(name);
    char *hex = BN_bn2hex(bn);
    mpz_set_str(out, hex, 16);
    OPENSSL_free(hex);
    BN_clear_free(bn);
}

/* OpenSSL's side: contexts on our key, and the digest and signature of
 * our sign state. */
typedef struct {
    EVP_PKEY_CTX *sign_ctx, *verify_ctx;
    const speed_rsa *ours;
} rsa_job;

static void sign_openssl(void *arg)
{
    rsa_job *j = arg;
    uint8_t sig[256];
    size_t len = sizeof sig;
    if (EVP_PKEY_sign(j->sign_ctx, sig, &len, j->ours->digest,
                      sizeof j->ours->digest) <= 0)
        fail("EVP_PKEY_sign");
}

static void verify_openssl(void *arg)
{
    rsa_job *j = arg;
    if (EVP_PKEY_verify(j->verify_ctx, j->ours->sig, j->ours->sig_len,
                        j->ours->digest, sizeof j->ours->digest) != 1)
        fail("EVP_PKEY_verify");
}

/* Our RSA key as OpenSSL's (its PKCS#1 DER, read by d2i_PrivateKey). */
static EVP_PKEY *openssl_key_of(const rsa_private_key *key)
{
    uint8_t der[4096];
    size_t der_len;
    if (keyfile_write_rsa_private(key, KEYFILE_RSA_PKCS1, 0, der, sizeof der,
                                  &der_len) != SEE_OK)
        fail("keyfile_write_rsa_private");
    const unsigned char *p = der;
    EVP_PKEY *pkey = d2i_PrivateKey(EVP_PKEY_RSA, NULL, &p, (long)der_len);
    see_wipe(der, sizeof der);
    if (pkey == NULL)
        fail("d2i_PrivateKey");
    return pkey;
}

static EVP_PKEY_CTX *pkcs1_sha256_ctx(EVP_PKEY *pkey, int sign)
{
    EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_pkey(NULL, pkey, NULL);
    if (ctx == NULL ||
        (sign ? EVP_PKEY_sign_init(ctx) : EVP_PKEY_verify_init(ctx)) <= 0 ||
        EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_PADDING) <= 0 ||
        EVP_PKEY_CTX_set_signature_md(ctx, EVP_sha256()) <= 0)
        fail("OpenSSL sign/verify setup");
    return ctx;
}

/*
 * OpenSSL chooses its code by the CPU. Where AVX-512 IFMA is present, its
 * RSA private operation runs vector code on 52-bit limbs, about twice as
 * fast as its MULX/ADX Montgomery assembly; ours is GMP's mpz_powm_sec,
 * and Debian's GMP is a generic x86-64 build (plain MUL). To show how
 * much of the sign ratio is that one instruction set, the same OpenSSL
 * sign is measured again with IFMA masked off, in a second process
 * (bench_child_figure_without_ifma, this program in --openssl-rsa-sign
 * mode).
 */
static void sign_row_without_ifma(double ours, double seconds)
{
    double theirs = bench_child_figure_without_ifma("--openssl-rsa-sign", seconds);
    if (theirs > 0)
        bench_row("  vs OpenSSL, IFMA off", ours, theirs, "op/s", "OpenSSL", SIGN_TARGET);
}

double bench_openssl_rsa_sign_rate(double seconds)
{
    speed_rsa *ours = speed_rsa_start(); /* the parent's key and digest */
    if (ours == NULL)
        fail("speed_rsa_start");
    rsa_job j = { .ours = ours };
    EVP_PKEY *pkey = openssl_key_of(&ours->key);
    j.sign_ctx = pkcs1_sha256_ctx(pkey, 1);
    double rate = speed_rate(sign_openssl, &j, seconds);
    EVP_PKEY_CTX_free(j.sign_ctx);
    EVP_PKEY_free(pkey);
    speed_rsa_stop(ours);
    return rate;
}

static void bench_rsa_ops(double seconds)
{
    speed_rsa *signer = bench_ours_start(SPEED_RSA_SIGN);
    speed_rsa *verifier = bench_ours_start(SPEED_RSA_VERIFY);
    rsa_job j = { .ours = signer };
    EVP_PKEY *pkey = openssl_key_of(&signer->key);
    j.sign_ctx = pkcs1_sha256_ctx(pkey, 1);
    j.verify_ctx = pkcs1_sha256_ctx(pkey, 0);

    /* the same signature from both, each accepted by the other */
    uint8_t theirs[256];
    size_t their_len = sizeof theirs;
    if (EVP_PKEY_sign(j.sign_ctx, theirs, &their_len, signer->digest, 32) <= 0)
        fail("first signatures");
    int same = their_len == signer->sig_len &&
               memcmp(theirs, signer->sig, signer->sig_len) == 0 &&
               verifier->sig_len == signer->sig_len &&
               memcmp(verifier->sig, signer->sig, signer->sig_len) == 0;
    printf("  RSA-2048 PKCS#1 v1.5 signatures identical to OpenSSL's: %s\n",
           same ? "yes" : "NO");
    if (!same)
        fail("signature comparison");
    verify_openssl(&j);

    double ours, theirs_rate;
    rate_pair(SPEED_RSA_SIGN, signer, sign_openssl, &j, seconds, &ours, &theirs_rate);
    int ifma = __builtin_cpu_supports("avx512ifma");
    bench_row(speed_workloads[SPEED_RSA_SIGN].row, ours, theirs_rate, "op/s",
              "OpenSSL", ifma ? 0 : SIGN_TARGET);
    if (ifma)
        sign_row_without_ifma(ours, seconds);
    rate_pair(SPEED_RSA_VERIFY, verifier, verify_openssl, &j, seconds, &ours,
              &theirs_rate);
    bench_row(speed_workloads[SPEED_RSA_VERIFY].row, ours, theirs_rate, "op/s",
              "OpenSSL", VERIFY_TARGET);

    EVP_PKEY_CTX_free(j.sign_ctx);
    EVP_PKEY_CTX_free(j.verify_ctx);
    EVP_PKEY_free(pkey);
    bench_ours_stop(SPEED_RSA_SIGN, signer);
    bench_ours_stop(SPEED_RSA_VERIFY, verifier);
}

/* -------------------------------------------------------- DH derive --- */

typedef struct {
    EVP_PKEY_CTX *derive_ctx;
} dh_job;

static void derive_openssl(void *arg)
{
    dh_job *j = arg;
    uint8_t secret[256];
    size_t len = sizeof secret;
    if (EVP_PKEY_derive(j->derive_ctx, secret, &len) <= 0)
        fail("EVP_PKEY_derive");
}

static EVP_PKEY *openssl_ffdhe2048_key(void)
{
    EVP_PKEY *pkey = NULL;
    EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_name(NULL, "DH", NULL);
    if (ctx == NULL || EVP_PKEY_keygen_init(ctx) <= 0 ||
        EVP_PKEY_CTX_set_group_name(ctx, "ffdhe2048") <= 0 ||
        EVP_PKEY_generate(ctx, &pkey) <= 0)
        fail("OpenSSL DH keygen");
    EVP_PKEY_CTX_free(ctx);
    return pkey;
}

/* Ours first derives the secret of OpenSSL's two keys (it must be
 * OpenSSL's), then is timed with a key of its own making (RFC 7919's
 * 225-bit exponent: the entry's state). */
static void bench_dh(double seconds)
{
    speed_dh *ours = bench_ours_start(SPEED_DH_DERIVE);
    dh_job j;

    /* OpenSSL: our side's key and the peer's key */
    EVP_PKEY *mine = openssl_ffdhe2048_key(), *peer = openssl_ffdhe2048_key();
    j.derive_ctx = EVP_PKEY_CTX_new_from_pkey(NULL, mine, NULL);
    /* padded to the length of p, as ours: unpadded (OpenSSL's default),
     * one secret in 256 starts with a zero byte and comes a byte short */
    if (j.derive_ctx == NULL || EVP_PKEY_derive_init(j.derive_ctx) <= 0 ||
        EVP_PKEY_CTX_set_dh_pad(j.derive_ctx, 1) <= 0 ||
        EVP_PKEY_derive_set_peer(j.derive_ctx, peer) <= 0)
        fail("OpenSSL derive setup");

    /* ours on the same two keys, so the secrets can be compared */
    mpz_t x, peer_y;
    mpz_inits(x, peer_y, NULL);
    bn_param_to_mpz(mine, OSSL_PKEY_PARAM_PRIV_KEY, x);
    bn_param_to_mpz(peer, OSSL_PKEY_PARAM_PUB_KEY, peer_y);
    uint8_t secret[256], theirs[256];
    size_t len, their_len = sizeof theirs;
    if (dh_shared_secret(&ours->group, x, peer_y, secret, sizeof secret, &len) != SEE_OK)
        fail("dh_shared_secret");
    if (EVP_PKEY_derive(j.derive_ctx, theirs, &their_len) <= 0)
        fail("EVP_PKEY_derive");
    int same = their_len == 256 && len == 256 && memcmp(theirs, secret, 256) == 0;
    printf("  ffdhe2048 shared secret identical to OpenSSL's: %s "
           "(OpenSSL's private exponent: %zu bits)\n", same ? "yes" : "NO",
           mpz_sizeinbase(x, 2));
    if (!same)
        fail("DH secret comparison");
    mpz_clears(x, peer_y, NULL);

    double ours_rate, theirs_rate;
    rate_pair(SPEED_DH_DERIVE, ours, derive_openssl, &j, seconds, &ours_rate,
              &theirs_rate);
    bench_row(speed_workloads[SPEED_DH_DERIVE].row, ours_rate, theirs_rate, "op/s",
              "OpenSSL", DH_TARGET);

    EVP_PKEY_CTX_free(j.derive_ctx);
    EVP_PKEY_free(mine);
    EVP_PKEY_free(peer);
    bench_ours_stop(SPEED_DH_DERIVE, ours);
}

void bench_pubkey(double seconds)
{
    bench_section("public key: RSA-2048, DH ffdhe2048 (OpenSSL 3 EVP_PKEY)");
    bench_rsa_ops(seconds);
    bench_dh(seconds);
    bench_keygen();
}
