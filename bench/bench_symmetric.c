/*
 * bench_symmetric.c: SHA-256 and HMAC-SHA256, ours next to libsodium's and
 * OpenSSL libcrypto's (through EVP, as applications use it). AES is in
 * bench_aes.c.
 *
 * Each implementation does the same work per call: SHA-256 hashes the
 * whole message from init to final, HMAC sets up its 32-byte key and
 * MACs 64 bytes; ours is the entry of speed/workloads.h (what `seetls
 * speed` measures), the references get its message and key. Rates are
 * MB/s of message (10^6 bytes per second).
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

#define SHA_TARGET  0.9
#define SHA_OPENSSL_TARGET 0.8
#define HMAC_TARGET 0.9

/* The references' side of a row: our state's message and key (ours is
 * speed/workloads.h's), their contexts, their output. */
typedef struct {
    const uint8_t *msg;
    size_t len;
    uint8_t out[64];
    const uint8_t *key;
    EVP_MD_CTX *md_ctx;
    const EVP_MD *md;
    EVP_MAC_CTX *mac_ctx;
} job;

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

/* Our work `id` on its state beside libsodium's and OpenSSL's on the
 * same message and key: they must give the same bytes, then their MB/s,
 * measured in turns. */
static void mb_per_s(speed_id id, job *j, speed_fn *sodium, speed_fn *openssl,
                     double seconds, double mb[3])
{
    const speed_workload *w = &speed_workloads[id];
    speed_bulk *ours = bench_ours_start(id);
    j->msg = ours->msg;
    j->len = ours->len;
    j->key = ours->key;
    w->run(ours);
    sodium(j);
    int same = memcmp(ours->out, j->out, 32) == 0;
    openssl(j);
    same &= memcmp(ours->out, j->out, 32) == 0;
    if (!same) {
        fprintf(stderr, "bench: %s: implementations disagree\n", w->row);
        exit(1);
    }
    speed_fn *const fns[3] = {w->run, sodium, openssl};
    void *const args[3] = {ours, j, j};
    speed_rates(3, fns, args, seconds, mb);
    for (int k = 0; k < 3; k++)
        mb[k] *= (double)j->len / 1e6;
    bench_ours_stop(id, ours);
}

static void sha_rows(job *j, double seconds, int *failures)
{
    static const struct {
        speed_id id;
        double target;
    } sizes[] = {
        {SPEED_SHA256_64, 0},
        {SPEED_SHA256_1K, 0},
        {SPEED_SHA256_1M, SHA_TARGET},
    };
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        double mb[3];
        mb_per_s(sizes[i].id, j, sha_sodium, sha_openssl, seconds, mb);
        double r = bench_row(speed_workloads[sizes[i].id].row, mb[0], mb[1],
                             "MB/s", "libsodium", sizes[i].target);
        if (sizes[i].target > 0 && r < sizes[i].target)
            ++*failures;
        /* The target against OpenSSL (which uses the SHA
         * extensions) is for our hardware path. */
        double vs_openssl = sizes[i].id == SPEED_SHA256_1M && cpu_has(CPU_SHA256)
                                ? SHA_OPENSSL_TARGET : 0;
        r = bench_row("", mb[0], mb[2], "MB/s", "OpenSSL", vs_openssl);
        if (vs_openssl > 0 && r < vs_openssl)
            ++*failures;
    }
}

static void hmac_rows(job *j, double seconds, int *failures)
{
    double mb[3];
    mb_per_s(SPEED_HMAC_64, j, hmac_sodium, hmac_openssl, seconds, mb);
    if (bench_row(speed_workloads[SPEED_HMAC_64].row, mb[0], mb[1], "MB/s",
                  "libsodium", HMAC_TARGET) < HMAC_TARGET)
        ++*failures;
    bench_row("", mb[0], mb[2], "MB/s", "OpenSSL", 0);
}

void bench_symmetric(double seconds)
{
    if (sodium_init() < 0) {
        fprintf(stderr, "bench: libsodium failed to initialise\n");
        exit(1);
    }
    job j = {0};
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
}
