/*
 * bench_x25519.c: X25519 (crypto/x25519.c) next to OpenSSL libcrypto's
 * (EVP_PKEY "X25519", OpenSSL 3), with the same two keys.
 *
 * Like with like: one shared secret from a private key and the peer's
 * public value, the all-zero check included on both sides (OpenSSL's
 * EVP_PKEY_derive refuses a zero result as x25519_shared_secret does).
 * The two secrets must be byte for byte the same. OpenSSL's X25519 is
 * assembly on x86-64; ours is portable C, its field in five 51-bit limbs
 * where the compiler has a 128-bit integer, else ten of 25.5 bits
 * (crypto/field25519.h): the section says which it measured.
 * Target: >= 0.3x (issue 16).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "bench/measure.h"
#include "bench/sections.h"
#include "crypto/field25519.h"
#include "crypto/x25519.h"

#define X25519_TARGET 0.3

/* OpenSSL's side: its context on its two keys. */
typedef struct {
    EVP_PKEY_CTX *derive_ctx;
} x25519_job;

static void fail(const char *what)
{
    fprintf(stderr, "bench_x25519: %s failed\n", what);
    exit(1);
}

static void derive_openssl(void *arg)
{
    x25519_job *j = arg;
    uint8_t secret[X25519_KEY_SIZE];
    size_t len = sizeof secret;
    if (EVP_PKEY_derive(j->derive_ctx, secret, &len) <= 0)
        fail("EVP_PKEY_derive");
}

static EVP_PKEY *openssl_x25519_key(void)
{
    EVP_PKEY *pkey = NULL;
    EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_name(NULL, "X25519", NULL);
    if (ctx == NULL || EVP_PKEY_keygen_init(ctx) <= 0 || EVP_PKEY_generate(ctx, &pkey) <= 0)
        fail("OpenSSL X25519 keygen");
    EVP_PKEY_CTX_free(ctx);
    return pkey;
}

void bench_x25519(double seconds)
{
    bench_section("X25519 (OpenSSL 3 EVP_PKEY)");
    x25519_job j;
    uint8_t private_key[X25519_KEY_SIZE], peer_public[X25519_KEY_SIZE];
    uint8_t secret[X25519_KEY_SIZE];
    EVP_PKEY *mine = openssl_x25519_key(), *peer = openssl_x25519_key();
    size_t len = X25519_KEY_SIZE;
    if (EVP_PKEY_get_raw_private_key(mine, private_key, &len) <= 0 || len != X25519_KEY_SIZE)
        fail("EVP_PKEY_get_raw_private_key");
    len = X25519_KEY_SIZE;
    if (EVP_PKEY_get_raw_public_key(peer, peer_public, &len) <= 0 || len != X25519_KEY_SIZE)
        fail("EVP_PKEY_get_raw_public_key");
    j.derive_ctx = EVP_PKEY_CTX_new_from_pkey(NULL, mine, NULL);
    if (j.derive_ctx == NULL || EVP_PKEY_derive_init(j.derive_ctx) <= 0 ||
        EVP_PKEY_derive_set_peer(j.derive_ctx, peer) <= 0)
        fail("OpenSSL derive setup");

    uint8_t theirs[X25519_KEY_SIZE];
    len = sizeof theirs;
    if (x25519_shared_secret(secret, private_key, peer_public) != SEE_OK)
        fail("x25519_shared_secret");
    if (EVP_PKEY_derive(j.derive_ctx, theirs, &len) <= 0)
        fail("EVP_PKEY_derive");
    int same = len == X25519_KEY_SIZE && memcmp(theirs, secret, len) == 0;
    printf("  X25519 shared secret identical to OpenSSL's: %s\n", same ? "yes" : "NO");
    printf("  X25519's field: %s\n", FE25519_RADIX_51
           ? "five 51-bit limbs, 128-bit products (crypto/field25519_51.c)"
           : "ten 25.5-bit limbs, 64-bit products (crypto/field25519_10.c)");
    if (!same)
        fail("X25519 secret comparison");

    /* timed: ours on keys of its own (speed/workloads.h's entry) */
    void *ours = bench_ours_start(SPEED_X25519);
    speed_fn *const fns[] = {speed_workloads[SPEED_X25519].run, derive_openssl};
    void *const args[] = {ours, &j};
    double rates[2];
    speed_rates(2, fns, args, seconds, rates);
    bench_row(speed_workloads[SPEED_X25519].row, rates[0], rates[1], "op/s", "OpenSSL",
              X25519_TARGET);
    bench_ours_stop(SPEED_X25519, ours);

    EVP_PKEY_CTX_free(j.derive_ctx);
    EVP_PKEY_free(mine);
    EVP_PKEY_free(peer);
}
