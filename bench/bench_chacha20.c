/*
 * bench_chacha20.c: ChaCha20-Poly1305 (RFC 8439) sealing and opening 16 KiB
 * records with 13 bytes of AAD (a TLS 1.2 record's), and ChaCha20 and
 * Poly1305 alone on 16 KiB, ours next to libsodium's
 * (crypto_aead_chacha20poly1305_ietf, crypto_stream_chacha20_ietf_xor,
 * crypto_onetimeauth_poly1305) and OpenSSL libcrypto's (EVP
 * "ChaCha20-Poly1305", EVP "ChaCha20", EVP_MAC "POLY1305" where OpenSSL
 * has it), measured in turns. Ours are the entries of speed/workloads.h
 * (what `seetls speed` measures); the references get their key, nonce,
 * AAD and message.
 *
 * Our ChaCha20 runs several blocks at once where the CPU has SIMD
 * registers (AVX2, NEON: crypto/chacha20_x86.c, chacha20_arm.c), else one
 * block at a time; our Poly1305 takes four blocks at a time in AVX2 lanes
 * for runs of 576 bytes or more (crypto/poly1305_x86.c), else three
 * 44-bit limbs a block (poly1305_44.c; 26-bit limbs on 32-bit ARM).
 * libsodium and OpenSSL use SIMD where the CPU has it. Target (the
 * hardware-speed issue): the AEAD's records >= 0.3x OpenSSL's, on the
 * vector paths (no target for the portable code).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>
#include <sodium.h>

#include "bench/measure.h"
#include "core/cpu.h"
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
    EVP_CIPHER *stream;  /* EVP "ChaCha20": the cipher alone */
    EVP_MAC_CTX *mac;    /* EVP_MAC "POLY1305"; NULL where OpenSSL lacks it */
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

static void stream_sodium(void *arg)
{
    job *j = arg;
    crypto_stream_chacha20_ietf_xor(j->out, j->msg, RECORD_LEN, j->nonce, j->key);
}

/* EVP "ChaCha20" takes a 16-byte IV: the 32-bit block counter,
 * little-endian (0 here, as speed/workloads.c's entry), then the 12-byte
 * nonce. */
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
        !EVP_MAC_final(j->mac, j->out, &n, 16))
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

/* Our entry id's output (len bytes) on its own state, its inputs copied
 * into j for the references. */
static void ours_once(speed_id id, job *j, uint8_t *out, size_t len)
{
    speed_bulk *ours = bench_ours_start(id);
    memcpy(j->key, ours->key, sizeof j->key);
    memcpy(j->nonce, ours->nonce, sizeof j->nonce);
    memcpy(j->aad, ours->aad, sizeof j->aad);
    memcpy(j->msg, ours->msg, sizeof j->msg);
    speed_workloads[id].run(ours);
    memcpy(out, ours->out, len);
    bench_ours_stop(id, ours);
}

/* 1 if each reference given writes expect's len bytes at j->out. */
static int references_agree(job *j, const uint8_t *expect, size_t len,
                            speed_fn *sodium, speed_fn *openssl)
{
    sodium(j);
    int same = memcmp(expect, j->out, len) == 0;
    if (openssl != NULL) {
        openssl(j);
        same &= memcmp(expect, j->out, len) == 0;
    }
    return same;
}

/* The three must give the same bytes (sealed records, ChaCha20's
 * keystream, Poly1305's tag) before their speed means anything: ours
 * (speed/workloads.h's entries, on their own state) and the references on
 * the same key, nonce, AAD and message, copied into j. The sealed record
 * is left in j->sealed for the open rows. */
static void check_same(job *j)
{
    uint8_t *expect = malloc(RECORD_LEN);
    if (expect == NULL)
        abort();
    ours_once(SPEED_CHACHA20, j, expect, RECORD_LEN);
    int same = references_agree(j, expect, RECORD_LEN, stream_sodium, stream_openssl);
    ours_once(SPEED_POLY1305, j, expect, 16);
    same &= references_agree(j, expect, 16, poly1305_sodium,
                             j->mac != NULL ? poly1305_openssl : NULL);
    free(expect);
    ours_once(SPEED_CHACHA20_POLY1305_SEAL, j, j->sealed, sizeof j->sealed);
    same &= references_agree(j, j->sealed, sizeof j->sealed, seal_sodium, seal_openssl);
    if (!same) {
        fprintf(stderr, "bench: ChaCha20-Poly1305: implementations disagree\n");
        exit(1);
    }
}

/* One row per reference: ours (the entry `id`) against libsodium's, then
 * OpenSSL's. */
static void rows(speed_id id, speed_fn *sodium, speed_fn *openssl, job *j,
                 double seconds, double target)
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
        bench_row("", mb[0], mb[2], "MB/s", "OpenSSL", target);
    bench_ours_stop(id, ours);
}

void bench_chacha20(double seconds)
{
    job *j = calloc(1, sizeof *j);
    if (j == NULL || sodium_init() < 0)
        abort();
    j->ctx = EVP_CIPHER_CTX_new();
    j->cipher = EVP_CIPHER_fetch(NULL, "ChaCha20-Poly1305", NULL);
    j->stream = EVP_CIPHER_fetch(NULL, "ChaCha20", NULL);
    if (j->ctx == NULL || j->cipher == NULL || j->stream == NULL) {
        fprintf(stderr, "bench: OpenSSL ChaCha20-Poly1305 unavailable\n");
        exit(1);
    }
    j->mac = openssl_poly1305();
    check_same(j);

    char title[96];
    snprintf(title, sizeof title,
             "ChaCha20-Poly1305: 16 KiB records, 13 bytes of AAD (%s)",
             cpu_path_name(CPU_SIMD));
    bench_section(title);
    double target = cpu_has(CPU_SIMD) ? 0.3 : 0;
    rows(SPEED_CHACHA20_POLY1305_SEAL, seal_sodium, seal_openssl, j, seconds, target);
    rows(SPEED_CHACHA20_POLY1305_OPEN, open_sodium, open_openssl, j, seconds, target);
    rows(SPEED_CHACHA20, stream_sodium, stream_openssl, j, seconds, 0);
    rows(SPEED_POLY1305, poly1305_sodium, j->mac != NULL ? poly1305_openssl : NULL, j,
         seconds, 0);

    EVP_CIPHER_free(j->stream);
    EVP_MAC_CTX_free(j->mac);
    EVP_CIPHER_free(j->cipher);
    EVP_CIPHER_CTX_free(j->ctx);
    free(j);
}
