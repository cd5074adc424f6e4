/*
 * bench_symmetric.c: SHA-256 and HMAC-SHA256, ours next to libsodium's and
 * OpenSSL libcrypto's (through EVP, as applications use it). AES is in
 * bench_aes.c.
 *
 * Each implementation does the same work per call: SHA-256 hashes the
 * whole message from init to final, HMAC sets up its 32-byte key and
 * MACs 64 bytes. Rates are MB/s of message (10^6 bytes per second).
 *
 * Targets: our SHA-256 on 1 MiB and our HMAC on 64 bytes at least 0.9x
 * libsodium's (libsodium's is portable C). OpenSSL's uses the CPU's SHA
 * extensions where it has them; so does ours (crypto/sha256_x86.c, the
 * path named in the section's title: core/cpu.h), and where it does, SHA-256
 * on 1 MiB has a second target: at least 0.8x OpenSSL's. With
 * SEETLS_NO_ASM=1 the portable code is measured, and that target is not set.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>
#include <openssl/core_names.h>
#include <sodium.h>

#include "bench/measure.h"
#include "bench/sections.h"
#include "core/cpu.h"
#include "crypto/hmac.h"
#include "crypto/sha256.h"

#define SHA_TARGET  0.9
#define SHA_OPENSSL_TARGET 0.8
#define HMAC_TARGET 0.9

typedef struct {
    const uint8_t *msg;
    size_t len;
    uint8_t out[64];
    const uint8_t *key;
    EVP_MD_CTX *md_ctx;
    const EVP_MD *md;
    EVP_MAC_CTX *mac_ctx;
} job;

static void sha_ours(void *arg)
{
    job *j = arg;
    sha256(j->msg, j->len, j->out);
}

static void sha_sodium(void *arg)
{
    job *j = arg;
    crypto_hash_sha256(j->out, j->msg, j->len);
}

static void sha_openssl(void *arg)
{
    job *j = arg;
    unsigned int n;
    if (!EVP_DigestInit_ex(j->md_ctx, j->md, NULL) ||
        !EVP_DigestUpdate(j->md_ctx, j->msg, j->len) ||
        !EVP_DigestFinal_ex(j->md_ctx, j->out, &n))
        abort();
}

static void hmac_ours(void *arg)
{
    job *j = arg;
    hmac_sha256(j->key, 32, j->msg, j->len, j->out);
}

static void hmac_sodium(void *arg)
{
    job *j = arg;
    crypto_auth_hmacsha256(j->out, j->msg, j->len, j->key);
}

static void hmac_openssl(void *arg)
{
    job *j = arg;
    size_t n;
    if (!EVP_MAC_init(j->mac_ctx, j->key, 32, NULL) ||
        !EVP_MAC_update(j->mac_ctx, j->msg, j->len) ||
        !EVP_MAC_final(j->mac_ctx, j->out, &n, sizeof j->out))
        abort();
}

/* MB/s of ours, libsodium's and OpenSSL's, measured in turns. */
static void mb_per_s(bench_fn *ours, bench_fn *sodium, bench_fn *openssl,
                     job *j, double seconds, double mb[3])
{
    bench_fn *const fns[3] = {ours, sodium, openssl};
    void *const args[3] = {j, j, j};
    bench_rates(3, fns, args, seconds, mb);
    for (int k = 0; k < 3; k++)
        mb[k] *= (double)j->len / 1e6;
}

/* The three implementations must agree before their speed means anything. */
static void check_same(const char *what, job *j, void (*a)(void *),
                       void (*b)(void *), void (*c)(void *))
{
    uint8_t first[32];
    a(j);
    memcpy(first, j->out, 32);
    b(j);
    int same = memcmp(first, j->out, 32) == 0;
    c(j);
    same &= memcmp(first, j->out, 32) == 0;
    if (!same) {
        fprintf(stderr, "bench: %s: implementations disagree\n", what);
        exit(1);
    }
}

static void sha_rows(job *j, double seconds, int *failures)
{
    static const struct {
        size_t len;
        const char *name;
        double target;
    } sizes[] = {
        {64, "SHA-256 64 B", 0},
        {1024, "SHA-256 1 KiB", 0},
        {1 << 20, "SHA-256 1 MiB", SHA_TARGET},
    };
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        j->len = sizes[i].len;
        check_same(sizes[i].name, j, sha_ours, sha_sodium, sha_openssl);
        double mb[3];
        mb_per_s(sha_ours, sha_sodium, sha_openssl, j, seconds, mb);
        double r = bench_row(sizes[i].name, mb[0], mb[1], "MB/s", "libsodium",
                             sizes[i].target);
        if (sizes[i].target > 0 && r < sizes[i].target)
            ++*failures;
        /* The target against OpenSSL (which uses the SHA
         * extensions) is for our hardware path. */
        double vs_openssl = sizes[i].len == (1 << 20) && cpu_has(CPU_SHA256)
                                ? SHA_OPENSSL_TARGET : 0;
        r = bench_row("", mb[0], mb[2], "MB/s", "OpenSSL", vs_openssl);
        if (vs_openssl > 0 && r < vs_openssl)
            ++*failures;
    }
}

static void hmac_rows(job *j, double seconds, int *failures)
{
    j->len = 64;
    check_same("HMAC-SHA256", j, hmac_ours, hmac_sodium, hmac_openssl);
    double mb[3];
    mb_per_s(hmac_ours, hmac_sodium, hmac_openssl, j, seconds, mb);
    if (bench_row("HMAC-SHA256 64 B", mb[0], mb[1], "MB/s", "libsodium",
                  HMAC_TARGET) < HMAC_TARGET)
        ++*failures;
    bench_row("", mb[0], mb[2], "MB/s", "OpenSSL", 0);
}

void bench_symmetric(double seconds)
{
    if (sodium_init() < 0) {
        fprintf(stderr, "bench: libsodium failed to initialise\n");
        exit(1);
    }
    uint8_t *msg = malloc(1 << 20);
    uint8_t key[32];
    if (msg == NULL)
        abort();
    randombytes_buf(msg, 1 << 20);
    randombytes_buf(key, sizeof key);

    job j = {.msg = msg, .key = key};
    j.md = EVP_MD_fetch(NULL, "SHA256", NULL);
    j.md_ctx = EVP_MD_CTX_new();
    EVP_MAC *mac = EVP_MAC_fetch(NULL, "HMAC", NULL);
    j.mac_ctx = mac ? EVP_MAC_CTX_new(mac) : NULL;
    OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, "SHA256", 0),
        OSSL_PARAM_construct_end(),
    };
    if (j.md == NULL || j.md_ctx == NULL || j.mac_ctx == NULL ||
        !EVP_MAC_CTX_set_params(j.mac_ctx, params)) {
        fprintf(stderr, "bench: OpenSSL SHA-256 or HMAC unavailable\n");
        exit(1);
    }

    int failures = 0;
    char title[80];
    snprintf(title, sizeof title, "symmetric: SHA-256 (%s), HMAC-SHA256",
             cpu_path_name(CPU_SHA256));
    bench_section(title);
    sha_rows(&j, seconds, &failures);
    hmac_rows(&j, seconds, &failures);
    printf("  targets: %s\n", failures ? "some FAILED" : "all PASS");

    EVP_MAC_CTX_free(j.mac_ctx);
    EVP_MAC_free(mac);
    EVP_MD_CTX_free(j.md_ctx);
    EVP_MD_free((EVP_MD *)j.md);
    free(msg);
}
