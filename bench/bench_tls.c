/*
 * bench_tls.c: the TLS 1.2 record layer and handshake.
 *
 * Record protection of full 16 KiB records (MAC-then-encrypt, and
 * Encrypt-then-MAC), sealing and opening, next to the same work done with
 * OpenSSL libcrypto (HMAC-SHA256 over the 13-byte pseudo-header and the
 * content, then AES-128-CBC through EVP; opening: decrypt, then the MAC;
 * without any constant-time care, so the reference is a floor on cost).
 * Then whole handshakes per second, client and server in two threads over
 * an in-memory pipe, for each suite (no reference: libssl is not linked).
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "bench/bench.h"
#include "crypto/x509.h"
#include "handshake/record.h"
#include "handshake/tls.h"

#define REC TLS_MAX_PLAINTEXT

static const uint8_t mac_key[32] = { 1, 2, 3 }, cipher_key[16] = { 4, 5, 6 };

typedef struct {
    record_cipher w, r;
    see_rng rng;
    uint8_t content[REC], sealed[TLS_RECORD_HEADER_SIZE + TLS_MAX_CIPHERTEXT];
    uint8_t scratch[TLS_RECORD_HEADER_SIZE + TLS_MAX_CIPHERTEXT];
    uint8_t opened[TLS_MAX_CIPHERTEXT];
    size_t sealed_len;
} record_job;

static void ours_seal(void *arg)
{
    record_job *j = arg;
    size_t n;
    if (record_protect(&j->w, &j->rng, 23, TLS_VERSION_1_2, j->content, REC,
                       j->scratch, sizeof j->scratch, &n) != SEE_OK)
        abort();
}

static void ours_open(void *arg)
{
    record_job *j = arg;
    size_t n;
    j->r.seq = 0; /* the same record again, as if first */
    if (record_unprotect(&j->r, 23, TLS_VERSION_1_2, j->sealed + 5,
                         j->sealed_len - 5, j->opened, sizeof j->opened,
                         &n) != SEE_OK || n != REC)
        abort();
}

typedef struct {
    EVP_CIPHER_CTX *ctx;
    uint8_t content[REC + 48], out[REC + 48], iv[16];
} openssl_job;

static void openssl_mac(const uint8_t *data, size_t len, uint8_t out[32])
{
    uint8_t pseudo[13] = { 0, 0, 0, 0, 0, 0, 0, 0, 23, 3, 3,
                           (uint8_t)(len >> 8), (uint8_t)len };
    uint8_t buf[13 + REC + 16];
    memcpy(buf, pseudo, 13);
    memcpy(buf + 13, data, len);
    unsigned n;
    HMAC(EVP_sha256(), mac_key, 32, buf, 13 + len, out, &n);
}

static void openssl_seal(void *arg)
{
    openssl_job *j = arg;
    openssl_mac(j->content, REC, j->content + REC);
    memset(j->content + REC + 32, 15, 16);
    int n;
    if (!EVP_EncryptInit_ex(j->ctx, EVP_aes_128_cbc(), NULL, cipher_key, j->iv) ||
        !EVP_CIPHER_CTX_set_padding(j->ctx, 0) ||
        !EVP_EncryptUpdate(j->ctx, j->out, &n, j->content, REC + 48))
        abort();
}

static void openssl_open(void *arg)
{
    openssl_job *j = arg;
    int n;
    uint8_t mac[32];
    if (!EVP_DecryptInit_ex(j->ctx, EVP_aes_128_cbc(), NULL, cipher_key, j->iv) ||
        !EVP_CIPHER_CTX_set_padding(j->ctx, 0) ||
        !EVP_DecryptUpdate(j->ctx, j->content, &n, j->out, REC + 48))
        abort();
    openssl_mac(j->content, REC, mac);
    if (memcmp(mac, j->content + REC, 32) != 0)
        abort();
}

static void bench_records(double seconds, int etm)
{
    static record_job ours;
    static openssl_job theirs;
    rng_init_seeded(&ours.rng, "bench", 5);
    record_cipher_set(&ours.w, mac_key, cipher_key, etm);
    record_cipher_set(&ours.r, mac_key, cipher_key, etm);
    if (record_protect(&ours.w, &ours.rng, 23, TLS_VERSION_1_2, ours.content, REC,
                       ours.sealed, sizeof ours.sealed, &ours.sealed_len) != SEE_OK)
        abort();
    theirs.ctx = EVP_CIPHER_CTX_new();
    openssl_seal(&theirs);

    bench_fn *const fns[] = { ours_seal, openssl_seal, ours_open, openssl_open };
    void *const args[] = { &ours, &theirs, &ours, &theirs };
    double rates[4];
    bench_rates(4, fns, args, seconds, rates);
    double mb = REC / 1e6;
    bench_row(etm ? "seal 16 KiB, EtM" : "seal 16 KiB, MtE", rates[0] * mb,
              rates[1] * mb, "MB/s", "openssl", 0);
    bench_row(etm ? "open 16 KiB, EtM" : "open 16 KiB, MtE (CT)", rates[2] * mb,
              rates[3] * mb, "MB/s", "openssl", 0);
    EVP_CIPHER_CTX_free(theirs.ctx);
}

/* ------------------------------------------------------ handshakes --- */

typedef struct {
    rsa_private_key key;
    uint8_t cert[X509_MAX_CERT_SIZE];
    size_t cert_len;
    uint16_t suite;
} handshake_job;

static see_status trust(void *ctx, const certificate_msg *chain,
                        rsa_public_key *key, char *subject, size_t cap)
{
    handshake_job *j = ctx;
    (void)chain;
    rsa_public_from_private(key, &j->key);
    if (cap > 0)
        subject[0] = '\0';
    return SEE_OK;
}

typedef struct {
    tls_conn *conn;
    see_status st;
} side;

static void *run_side(void *arg)
{
    side *s = arg;
    s->st = tls_handshake(s->conn);
    return NULL;
}

static void one_handshake(void *arg)
{
    handshake_job *j = arg;
    static tls_conn client, server;
    tls_config ccfg, scfg;
    tls_config_init(&ccfg);
    tls_config_init(&scfg);
    ccfg.suites[0] = j->suite;
    ccfg.suite_count = 1;
    ccfg.verify = trust;
    ccfg.verify_ctx = j;
    scfg.key = &j->key;
    scfg.chain.count = 1;
    scfg.chain.cert[0] = j->cert;
    scfg.chain.cert_len[0] = j->cert_len;
    memory_pipe pipe;
    pipe_end ce, se;
    transport ct, st;
    if (memory_pipe_init(&pipe, 5000) != SEE_OK)
        abort();
    memory_pipe_ends(&pipe, &ce, &se, &ct, &st);
    tls_conn_init(&client, TLS_ROLE_CLIENT, &ccfg, &ct);
    tls_conn_init(&server, TLS_ROLE_SERVER, &scfg, &st);
    side s = { &server, SEE_OK };
    pthread_t th;
    if (pthread_create(&th, NULL, run_side, &s) != 0)
        abort();
    see_status cs = tls_handshake(&client);
    pthread_join(th, NULL);
    if (cs != SEE_OK || s.st != SEE_OK)
        abort();
    tls_conn_free(&client);
    tls_conn_free(&server);
    memory_pipe_destroy(&pipe);
}

void bench_tls(double seconds)
{
    bench_section("TLS 1.2 records (16 KiB) and handshakes");
    bench_records(seconds, 0);
    bench_records(seconds, 1);

    static handshake_job job;
    see_rng rng;
    rng_init_seeded(&rng, "bench tls", 9);
    rsa_private_init(&job.key);
    rsa_public_key pub;
    rsa_public_init(&pub);
    if (rsa_generate(&rng, 2048, 0, &job.key) != SEE_OK)
        abort();
    rsa_public_from_private(&pub, &job.key);
    x509_issue_params p = { .common_name = "bench", .subject_key = &pub,
                            .issuer_key = &job.key, .not_before = 0,
                            .not_after = 4102444800LL, .path_len = -1 };
    if (x509_issue(&p, &rng, job.cert, sizeof job.cert, &job.cert_len) != SEE_OK)
        abort();
    job.suite = TLS_RSA_WITH_AES_128_CBC_SHA256;
    bench_row("handshakes, RSA-2048", bench_rate(one_handshake, &job, seconds), 0,
              "/s", "-", 0);
    job.suite = TLS_DHE_RSA_WITH_AES_128_CBC_SHA256;
    bench_row("handshakes, DHE ffdhe2048", bench_rate(one_handshake, &job, seconds),
              0, "/s", "-", 0);
    rsa_public_clear(&pub);
    rsa_private_clear(&job.key);
}
