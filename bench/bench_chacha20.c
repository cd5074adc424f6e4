/*
 * bench_chacha20.c: ChaCha20-Poly1305 (RFC 8439) sealing and opening 16 KiB
 * records with 13 bytes of AAD (a TLS 1.2 record's), and ChaCha20 and
 * Poly1305 alone on 16 KiB, ours next to libsodium's
 * (crypto_aead_chacha20poly1305_ietf, crypto_stream_chacha20_ietf_xor,
 * crypto_onetimeauth_poly1305) and OpenSSL libcrypto's (EVP
 * "ChaCha20-Poly1305", EVP "ChaCha20", EVP_MAC "POLY1305" where OpenSSL
 * has it), measured in turns.
 *
 * Our ChaCha20 runs several blocks at once where the CPU has SIMD
 * registers (AVX2, NEON: crypto/chacha20_x86.c, chacha20_arm.c), else one
 * block at a time; our Poly1305 takes four blocks at a time in AVX2 lanes
 * for runs of 576 bytes or more (crypto/poly1305_x86.c), else three
 * 44-bit limbs a block (poly1305_44.c; 26-bit limbs on 32-bit ARM).
 * libsodium and OpenSSL use SIMD (several blocks at once) where the CPU
 * has it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>
#include <sodium.h>

#include "bench/measure.h"
#include "bench/sections.h"
#include "crypto/chacha20.h"
#include "crypto/chacha20_poly1305.h"
#include "crypto/poly1305.h"

#define RECORD_LEN 16384
#define AAD_LEN 13

typedef struct {
    uint8_t key[32], nonce[12], aad[AAD_LEN];
    uint8_t msg[RECORD_LEN];
    uint8_t sealed[RECORD_LEN + 16];
    uint8_t out[RECORD_LEN + 16];
    EVP_CIPHER_CTX *ctx;
    EVP_CIPHER *cipher;
    EVP_CIPHER *stream;   /* EVP "ChaCha20": the cipher alone */
    EVP_MAC_CTX *mac;    /* EVP_MAC "POLY1305"; NULL where OpenSSL lacks it */
} job;

static void seal_ours(void *arg)
{
    job *j = arg;
    size_t n;
    if (chacha20_poly1305_seal(j->key, j->nonce, j->aad, AAD_LEN, j->msg,
                               RECORD_LEN, j->out, sizeof j->out, &n) != SEE_OK)
        abort();
}

static void seal_sodium(void *arg)
{
    job *j = arg;
    unsigned long long n;
    crypto_aead_chacha20poly1305_ietf_encrypt(j->out, &n, j->msg, RECORD_LEN,
                                              j->aad, AAD_LEN, NULL, j->nonce,
                                              j->key);
}

static void seal_openssl(void *arg)
{
    job *j = arg;
    int n = 0, m = 0;
    if (!EVP_EncryptInit_ex(j->ctx, j->cipher, NULL, j->key, j->nonce) ||
        !EVP_EncryptUpdate(j->ctx, NULL, &n, j->aad, AAD_LEN) ||
        !EVP_EncryptUpdate(j->ctx, j->out, &n, j->msg, RECORD_LEN) ||
        !EVP_EncryptFinal_ex(j->ctx, j->out + n, &m) ||
        !EVP_CIPHER_CTX_ctrl(j->ctx, EVP_CTRL_AEAD_GET_TAG, 16, j->out + RECORD_LEN))
        abort();
}

static void open_ours(void *arg)
{
    job *j = arg;
    size_t n;
    if (chacha20_poly1305_open(j->key, j->nonce, j->aad, AAD_LEN, j->sealed,
                               sizeof j->sealed, j->out, sizeof j->out, &n) != SEE_OK)
        abort();
}

static void open_sodium(void *arg)
{
    job *j = arg;
    unsigned long long n;
    if (crypto_aead_chacha20poly1305_ietf_decrypt(j->out, &n, NULL, j->sealed,
                                                  sizeof j->sealed, j->aad,
                                                  AAD_LEN, j->nonce, j->key) != 0)
        abort();
}

static void open_openssl(void *arg)
{
    job *j = arg;
    int n = 0, m = 0;
    if (!EVP_DecryptInit_ex(j->ctx, j->cipher, NULL, j->key, j->nonce) ||
        !EVP_DecryptUpdate(j->ctx, NULL, &n, j->aad, AAD_LEN) ||
        !EVP_DecryptUpdate(j->ctx, j->out, &n, j->sealed, RECORD_LEN) ||
        !EVP_CIPHER_CTX_ctrl(j->ctx, EVP_CTRL_AEAD_SET_TAG, 16,
                             j->sealed + RECORD_LEN) ||
        EVP_DecryptFinal_ex(j->ctx, j->out + n, &m) <= 0)
        abort();
}

/* ChaCha20 alone, from block 0 (libsodium's crypto_stream_chacha20_ietf_xor
 * starts there). */
static void stream_ours(void *arg)
{
    job *j = arg;
    if (chacha20_xor(j->key, 0, j->nonce, j->msg, j->out, RECORD_LEN) != SEE_OK)
        abort();
}

static void stream_sodium(void *arg)
{
    job *j = arg;
    crypto_stream_chacha20_ietf_xor(j->out, j->msg, RECORD_LEN, j->nonce, j->key);
}

/* EVP "ChaCha20" takes a 16-byte IV: the 32-bit block counter,
 * little-endian (0 here), then the 12-byte nonce. */
static void stream_openssl(void *arg)
{
    job *j = arg;
    uint8_t iv[16] = {0};
    memcpy(iv + 4, j->nonce, sizeof j->nonce);
    int n = 0, m = 0;
    if (!EVP_EncryptInit_ex(j->ctx, j->stream, NULL, j->key, iv) ||
        !EVP_EncryptUpdate(j->ctx, j->out, &n, j->msg, RECORD_LEN) ||
        !EVP_EncryptFinal_ex(j->ctx, j->out + n, &m))
        abort();
}

static void poly1305_ours(void *arg)
{
    job *j = arg;
    poly1305(j->key, j->msg, RECORD_LEN, j->out);
}

static void poly1305_sodium(void *arg)
{
    job *j = arg;
    crypto_onetimeauth_poly1305(j->out, j->msg, RECORD_LEN, j->key);
}

static void poly1305_openssl(void *arg)
{
    job *j = arg;
    size_t n;
    if (!EVP_MAC_init(j->mac, j->key, sizeof j->key, NULL) ||
        !EVP_MAC_update(j->mac, j->msg, RECORD_LEN) ||
        !EVP_MAC_final(j->mac, j->out, &n, POLY1305_TAG_SIZE))
        abort();
}

/* OpenSSL's Poly1305 as an EVP_MAC (OpenSSL 3), if it has one. */
static EVP_MAC_CTX *openssl_poly1305(void)
{
    EVP_MAC *mac = EVP_MAC_fetch(NULL, "POLY1305", NULL);
    EVP_MAC_CTX *ctx = mac != NULL ? EVP_MAC_CTX_new(mac) : NULL;
    EVP_MAC_free(mac);
    return ctx;
}

/* The three must seal the same bytes, and give the same Poly1305 tags,
 * before their speed means anything. */
static void check_same(job *j)
{
    seal_ours(j);
    memcpy(j->sealed, j->out, sizeof j->sealed);
    seal_sodium(j);
    int same = memcmp(j->sealed, j->out, sizeof j->sealed) == 0;
    seal_openssl(j);
    same &= memcmp(j->sealed, j->out, sizeof j->sealed) == 0;
    uint8_t *stream = malloc(RECORD_LEN);
    if (stream == NULL)
        abort();
    stream_ours(j);
    memcpy(stream, j->out, RECORD_LEN);
    stream_sodium(j);
    same &= memcmp(stream, j->out, RECORD_LEN) == 0;
    stream_openssl(j);
    same &= memcmp(stream, j->out, RECORD_LEN) == 0;
    free(stream);
    uint8_t tag[POLY1305_TAG_SIZE];
    poly1305_ours(j);
    memcpy(tag, j->out, sizeof tag);
    poly1305_sodium(j);
    same &= memcmp(tag, j->out, sizeof tag) == 0;
    if (j->mac != NULL) {
        poly1305_openssl(j);
        same &= memcmp(tag, j->out, sizeof tag) == 0;
    }
    if (!same) {
        fprintf(stderr, "bench: ChaCha20-Poly1305: implementations disagree\n");
        exit(1);
    }
}

/* One row per reference: ours against libsodium's, then OpenSSL's. */
static void rows(const char *what, bench_fn *ours, bench_fn *sodium,
                 bench_fn *openssl, job *j, double seconds)
{
    bench_fn *const fns[3] = {ours, sodium, openssl};
    void *const args[3] = {j, j, j};
    double mb[3];
    bench_rates(openssl ? 3 : 2, fns, args, seconds, mb);
    for (int k = 0; k < 3; k++)
        mb[k] *= RECORD_LEN / 1e6;
    bench_row(what, mb[0], mb[1], "MB/s", "libsodium", 0);
    if (openssl)
        bench_row("", mb[0], mb[2], "MB/s", "OpenSSL", 0);
}

void bench_chacha20(double seconds)
{
    job *j = calloc(1, sizeof *j);
    if (j == NULL || sodium_init() < 0)
        abort();
    randombytes_buf(j->key, sizeof j->key);
    randombytes_buf(j->nonce, sizeof j->nonce);
    randombytes_buf(j->aad, sizeof j->aad);
    randombytes_buf(j->msg, sizeof j->msg);
    j->ctx = EVP_CIPHER_CTX_new();
    j->cipher = EVP_CIPHER_fetch(NULL, "ChaCha20-Poly1305", NULL);
    j->stream = EVP_CIPHER_fetch(NULL, "ChaCha20", NULL);
    if (j->ctx == NULL || j->cipher == NULL || j->stream == NULL) {
        fprintf(stderr, "bench: OpenSSL ChaCha20-Poly1305 unavailable\n");
        exit(1);
    }
    j->mac = openssl_poly1305();
    check_same(j);

    bench_section("ChaCha20-Poly1305: 16 KiB records, 13 bytes of AAD");
    rows("ChaCha20-Poly1305 seal", seal_ours, seal_sodium, seal_openssl, j, seconds);
    rows("ChaCha20-Poly1305 open", open_ours, open_sodium, open_openssl, j, seconds);
    rows("ChaCha20 16 KiB", stream_ours, stream_sodium, stream_openssl, j, seconds);
    rows("Poly1305 16 KiB", poly1305_ours, poly1305_sodium,
         j->mac != NULL ? poly1305_openssl : NULL, j, seconds);

    EVP_CIPHER_free(j->stream);
    EVP_MAC_CTX_free(j->mac);
    EVP_CIPHER_free(j->cipher);
    EVP_CIPHER_CTX_free(j->ctx);
    free(j);
}
