/*
 * bench_chacha20.c: ChaCha20-Poly1305 (RFC 8439) sealing and opening 16 KiB
 * records with 13 bytes of AAD (a TLS 1.2 record's), and Poly1305 alone,
 * ours next to libsodium's (crypto_aead_chacha20poly1305_ietf,
 * crypto_onetimeauth_poly1305) and OpenSSL libcrypto's (EVP
 * "ChaCha20-Poly1305"), measured in turns. Ours are the entries of
 * speed/workloads.h (what `seetls speed` measures); the references get
 * their key, nonce, AAD and message.
 *
 * No target is set: the hardware-speed issue sets them. Ours is portable
 * C, one block at a time, Poly1305 in 26-bit limbs; libsodium and OpenSSL
 * use SIMD (several blocks at once) where the CPU has it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>
#include <sodium.h>

#include "bench/measure.h"
#include "bench/sections.h"

#define RECORD_LEN 16384
#define AAD_LEN 13

typedef struct {
    uint8_t key[32], nonce[12], aad[AAD_LEN];
    uint8_t msg[RECORD_LEN];
    uint8_t sealed[RECORD_LEN + 16];
    uint8_t out[RECORD_LEN + 16];
    EVP_CIPHER_CTX *ctx;
    EVP_CIPHER *cipher;
} job;

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

static void poly1305_sodium(void *arg)
{
    job *j = arg;
    crypto_onetimeauth_poly1305(j->out, j->msg, RECORD_LEN, j->key);
}

/* The three must seal the same bytes before their speed means anything:
 * ours (speed/workloads.h's entry, on its own state) and the references
 * on the same key, nonce, AAD and message, copied into j. */
static void check_same(job *j)
{
    speed_bulk *ours = bench_ours_start(SPEED_CHACHA20_POLY1305_SEAL);
    memcpy(j->key, ours->key, sizeof j->key);
    memcpy(j->nonce, ours->nonce, sizeof j->nonce);
    memcpy(j->aad, ours->aad, sizeof j->aad);
    memcpy(j->msg, ours->msg, sizeof j->msg);
    speed_workloads[SPEED_CHACHA20_POLY1305_SEAL].run(ours);
    memcpy(j->sealed, ours->out, sizeof j->sealed);
    bench_ours_stop(SPEED_CHACHA20_POLY1305_SEAL, ours);
    seal_sodium(j);
    int same = memcmp(j->sealed, j->out, sizeof j->sealed) == 0;
    seal_openssl(j);
    same &= memcmp(j->sealed, j->out, sizeof j->sealed) == 0;
    if (!same) {
        fprintf(stderr, "bench: ChaCha20-Poly1305: implementations disagree\n");
        exit(1);
    }
}

/* One row per reference: ours (the entry `id`) against libsodium's, then
 * OpenSSL's. */
static void rows(speed_id id, speed_fn *sodium, speed_fn *openssl, job *j,
                 double seconds)
{
    void *ours = bench_ours_start(id);
    speed_fn *const fns[3] = {speed_workloads[id].run, sodium, openssl};
    void *const args[3] = {ours, j, j};
    double mb[3];
    speed_rates(openssl ? 3 : 2, fns, args, seconds, mb);
    for (int k = 0; k < 3; k++)
        mb[k] *= RECORD_LEN / 1e6;
    bench_row(speed_workloads[id].row, mb[0], mb[1], "MB/s", "libsodium", 0);
    if (openssl)
        bench_row("", mb[0], mb[2], "MB/s", "OpenSSL", 0);
    bench_ours_stop(id, ours);
}

void bench_chacha20(double seconds)
{
    job *j = calloc(1, sizeof *j);
    if (j == NULL || sodium_init() < 0)
        abort();
    j->ctx = EVP_CIPHER_CTX_new();
    j->cipher = EVP_CIPHER_fetch(NULL, "ChaCha20-Poly1305", NULL);
    if (j->ctx == NULL || j->cipher == NULL) {
        fprintf(stderr, "bench: OpenSSL ChaCha20-Poly1305 unavailable\n");
        exit(1);
    }
    check_same(j);

    bench_section("ChaCha20-Poly1305: 16 KiB records, 13 bytes of AAD");
    rows(SPEED_CHACHA20_POLY1305_SEAL, seal_sodium, seal_openssl, j, seconds);
    rows(SPEED_CHACHA20_POLY1305_OPEN, open_sodium, open_openssl, j, seconds);
    rows(SPEED_POLY1305, poly1305_sodium, NULL, j, seconds);

    EVP_CIPHER_free(j->cipher);
    EVP_CIPHER_CTX_free(j->ctx);
    free(j);
}
