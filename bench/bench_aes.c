/*
 * bench_aes.c: AES-128 in CBC (encrypt and decrypt) and CTR on 16 KiB
 * messages, both of ours next to OpenSSL libcrypto's (through EVP, as
 * applications use it). libsodium has no AES-128, so it is not in this
 * section.
 *
 * Ours twice: "table" is crypto/aes.c, the classroom reference, and
 * "constant-time" is crypto/aes_ct.c, bitsliced, which the protocols use.
 * The three are measured in turns (bench_rates), so the two ratios come
 * from the same moments of a shared machine.
 *
 * Keys are expanded once, outside the timing; each call processes the
 * whole message. Rates are MB/s (10^6 bytes per second). No target is set.
 * OpenSSL uses the CPU's AES instructions (AES-NI) where it has them, and
 * so does aes_ct.h's AES-128 (crypto/aes_x86.c, chosen by core/cpu.h): its
 * row names the path, "(aes-ni)" or "(portable)"; SEETLS_NO_ASM=1
 * measures the bitsliced code, which does two blocks per pass: CTR and CBC
 * decryption use both, CBC encryption (serial) only one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "bench/measure.h"
#include "bench/sections.h"
#include "core/cpu.h"
#include "crypto/aes.h"
#include "crypto/aes_ct.h"

#define MSG_LEN 16384

typedef struct {
    uint8_t msg[MSG_LEN];
    uint8_t out[MSG_LEN + 16];
    uint8_t raw_key[16];
    uint8_t iv[16];
    aes128_key key;
    aes128_ct_key ct_key;
    EVP_CIPHER_CTX *ctx;
    const EVP_CIPHER *cipher;
    int encrypt;
} job;

static void cbc_encrypt_ours(void *arg)
{
    job *j = arg;
    if (aes128_cbc_encrypt(&j->key, j->iv, j->msg, j->out, MSG_LEN) != SEE_OK)
        abort();
}

static void cbc_decrypt_ours(void *arg)
{
    job *j = arg;
    if (aes128_cbc_decrypt(&j->key, j->iv, j->msg, j->out, MSG_LEN) != SEE_OK)
        abort();
}

static void ctr_ours(void *arg)
{
    job *j = arg;
    aes128_ctr_xor(&j->key, j->iv, j->msg, j->out, MSG_LEN);
}

static void cbc_encrypt_ct(void *arg)
{
    job *j = arg;
    if (aes128_ct_cbc_encrypt(&j->ct_key, j->iv, j->msg, j->out, MSG_LEN) != SEE_OK)
        abort();
}

static void cbc_decrypt_ct(void *arg)
{
    job *j = arg;
    if (aes128_ct_cbc_decrypt(&j->ct_key, j->iv, j->msg, j->out, MSG_LEN) != SEE_OK)
        abort();
}

static void ctr_ct(void *arg)
{
    job *j = arg;
    aes128_ct_ctr_xor(&j->ct_key, j->iv, j->msg, j->out, MSG_LEN);
}

/* OpenSSL without padding, so both sides do exactly MSG_LEN bytes. */
static void evp_openssl(void *arg)
{
    job *j = arg;
    int n = 0;
    if (!EVP_CipherInit_ex(j->ctx, j->cipher, NULL, j->raw_key, j->iv, j->encrypt) ||
        !EVP_CIPHER_CTX_set_padding(j->ctx, 0) ||
        !EVP_CipherUpdate(j->ctx, j->out, &n, j->msg, MSG_LEN) || n != MSG_LEN)
        abort();
}

/* Ours and OpenSSL's must give the same bytes before speed means anything. */
static void check_same(const char *what, job *j, void (*ours)(void *))
{
    static uint8_t first[MSG_LEN];
    ours(j);
    memcpy(first, j->out, MSG_LEN);
    evp_openssl(j);
    if (memcmp(first, j->out, MSG_LEN) != 0) {
        fprintf(stderr, "bench: %s: ours and OpenSSL's disagree\n", what);
        exit(1);
    }
}

/* Two rows, "<what>, table" and "<what>, ct (<path>)" (constant-time:
 * aes_ct.h), each against the same OpenSSL figure. */
static void aes_rows(const char *what, job *j, bench_fn *table, bench_fn *ct,
                     const char *openssl_name, int encrypt, double seconds)
{
    j->cipher = EVP_CIPHER_fetch(NULL, openssl_name, NULL);
    if (j->cipher == NULL) {
        fprintf(stderr, "bench: OpenSSL %s unavailable\n", openssl_name);
        exit(1);
    }
    j->encrypt = encrypt;
    check_same(what, j, table);
    check_same(what, j, ct);
    bench_fn *const fns[3] = {table, ct, evp_openssl};
    void *const args[3] = {j, j, j};
    double mb[3];
    bench_rates(3, fns, args, seconds, mb);
    for (int k = 0; k < 3; k++)
        mb[k] *= MSG_LEN / 1e6;
    char name[64];
    snprintf(name, sizeof name, "%s, table", what);
    bench_row(name, mb[0], mb[2], "MB/s", "OpenSSL", 0);
    snprintf(name, sizeof name, "%s, ct (%s)", what, cpu_path_name(CPU_AES));
    bench_row(name, mb[1], mb[2], "MB/s", "OpenSSL", 0);
    EVP_CIPHER_free((EVP_CIPHER *)j->cipher);
}

void bench_aes(double seconds)
{
    job *j = calloc(1, sizeof *j);
    if (j == NULL)
        abort();
    for (size_t i = 0; i < MSG_LEN; i++)
        j->msg[i] = (uint8_t)(i * 131 + 7);
    for (int i = 0; i < 16; i++) {
        j->raw_key[i] = (uint8_t)(0x2b + 17 * i);
        j->iv[i] = (uint8_t)(0xf0 + i);
    }
    aes128_set_key(&j->key, j->raw_key);
    aes128_ct_set_key(&j->ct_key, j->raw_key);
    j->ctx = EVP_CIPHER_CTX_new();
    if (j->ctx == NULL)
        abort();

    bench_section("AES-128: CBC and CTR, 16 KiB messages (table and constant-time)");
    aes_rows("CBC encrypt", j, cbc_encrypt_ours, cbc_encrypt_ct, "AES-128-CBC", 1, seconds);
    aes_rows("CBC decrypt", j, cbc_decrypt_ours, cbc_decrypt_ct, "AES-128-CBC", 0, seconds);
    aes_rows("CTR", j, ctr_ours, ctr_ct, "AES-128-CTR", 1, seconds);

    EVP_CIPHER_CTX_free(j->ctx);
    aes128_wipe(&j->key);
    aes128_ct_wipe(&j->ct_key);
    free(j);
}
