/*
 * bench_tls.c: the TLS 1.2 record layer and handshake.
 *
 * Record protection of full 16 KiB records (MAC-then-encrypt, and
 * Encrypt-then-MAC), sealing and opening, next to the same work done with
 * OpenSSL libcrypto (HMAC-SHA256 over the 13-byte pseudo-header and the
 * content, then AES-128-CBC through EVP; opening: decrypt, then the MAC;
 * without any constant-time care, so the reference is a floor on cost).
 * Then the AEAD records, AES-128-GCM and ChaCha20-Poly1305, next to EVP's
 * AEAD over the same content and 13 bytes of additional data (OpenSSL's
 * use the CPU's AES and carry-less multiply instructions where there are
 * any; so do ours, beside the portable C: crypto/aes_x86.c and the rest).
 * Then whole handshakes per second, client and server in two threads over
 * an in-memory pipe, for RSA key transport, DHE and ECDHE, beside OpenSSL's
 * libssl doing the same with the same key, certificate and suite; and the
 * median time of a handshake over loopback TCP, ours beside OpenSSL's in
 * the same harness.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <openssl/ssl.h>
#include <openssl/x509.h>

#include "bench/measure.h"
#include "bench/sections.h"
#include "core/cpu.h"
#include "pki/x509.h"
#include "handshake/record.h"
#include "handshake/tls.h"
#include "handshake/tls_socket.h"
#include "pki/keyfile.h"

#define REC TLS_MAX_PLAINTEXT
#define LOOPBACK_HANDSHAKES 200 /* per median */
/* RSA and ECDHE-RSA handshakes per second against OpenSSL's with its
 * scalar RSA (IFMA off, where the CPU has it) */
#define HANDSHAKE_TARGET 0.7

static const uint8_t mac_key[32] = { 1, 2, 3 }, cipher_key[32] = { 4, 5, 6 },
                     fixed_iv[12] = { 7, 8, 9 };

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

/* EVP's AEAD sealing and opening 16 KiB under a nonce and 13 bytes of
 * additional data, as a TLS record does. */
typedef struct {
    EVP_CIPHER_CTX *ctx;
    const EVP_CIPHER *cipher;
    uint8_t content[REC], out[REC], tag[16], nonce[12], aad[13];
} openssl_aead_job;

static void openssl_aead_seal(void *arg)
{
    openssl_aead_job *j = arg;
    int n;
    if (!EVP_EncryptInit_ex(j->ctx, j->cipher, NULL, cipher_key, j->nonce) ||
        !EVP_EncryptUpdate(j->ctx, NULL, &n, j->aad, sizeof j->aad) ||
        !EVP_EncryptUpdate(j->ctx, j->out, &n, j->content, REC) ||
        !EVP_EncryptFinal_ex(j->ctx, j->out + n, &n) ||
        !EVP_CIPHER_CTX_ctrl(j->ctx, EVP_CTRL_AEAD_GET_TAG, 16, j->tag))
        abort();
}

static void openssl_aead_open(void *arg)
{
    openssl_aead_job *j = arg;
    int n;
    if (!EVP_DecryptInit_ex(j->ctx, j->cipher, NULL, cipher_key, j->nonce) ||
        !EVP_DecryptUpdate(j->ctx, NULL, &n, j->aad, sizeof j->aad) ||
        !EVP_DecryptUpdate(j->ctx, j->content, &n, j->out, REC) ||
        !EVP_CIPHER_CTX_ctrl(j->ctx, EVP_CTRL_AEAD_SET_TAG, 16, j->tag) ||
        EVP_DecryptFinal_ex(j->ctx, j->content + n, &n) <= 0)
        abort();
}

static void bench_aead_records(double seconds, const record_protection *p,
                               const EVP_CIPHER *cipher, const char *seal_name,
                               const char *open_name, double target)
{
    static record_job ours;
    static openssl_aead_job theirs;
    if (record_cipher_start(&ours.w, p, NULL, cipher_key, fixed_iv, 0) != SEE_OK ||
        record_cipher_start(&ours.r, p, NULL, cipher_key, fixed_iv, 0) != SEE_OK ||
        record_protect(&ours.w, NULL, 23, TLS_VERSION_1_2, ours.content, REC,
                       ours.sealed, sizeof ours.sealed, &ours.sealed_len) != SEE_OK)
        abort();
    theirs.ctx = EVP_CIPHER_CTX_new();
    theirs.cipher = cipher;
    openssl_aead_seal(&theirs);

    bench_fn *const fns[] = { ours_seal, openssl_aead_seal, ours_open, openssl_aead_open };
    void *const args[] = { &ours, &theirs, &ours, &theirs };
    double rates[4];
    bench_rates(4, fns, args, seconds, rates);
    double mb = REC / 1e6;
    bench_row(seal_name, rates[0] * mb, rates[1] * mb, "MB/s", "openssl", target);
    bench_row(open_name, rates[2] * mb, rates[3] * mb, "MB/s", "openssl", target);
    EVP_CIPHER_CTX_free(theirs.ctx);
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
                        rsa_public_key *key, tls_peer_cert *out)
{
    handshake_job *j = ctx;
    (void)chain;
    (void)out;
    rsa_public_from_private(key, &j->key);
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

/* ---------------------------------------------- OpenSSL's, the same --- */

typedef struct {
    SSL_CTX *server, *client;
} libssl_pair;

/* One handshake between two OpenSSL endpoints over a BIO pair, in memory,
 * stepping each side until both are done. */
static void openssl_handshake(void *arg)
{
    libssl_pair *j = arg;
    SSL *c = SSL_new(j->client), *s = SSL_new(j->server);
    BIO *cb, *sb;
    if (c == NULL || s == NULL || !BIO_new_bio_pair(&cb, 0, &sb, 0))
        abort();
    SSL_set_bio(c, cb, cb);
    SSL_set_bio(s, sb, sb);
    SSL_set_connect_state(c);
    SSL_set_accept_state(s);
    int c_done = 0, s_done = 0;
    for (int rounds = 0; !(c_done && s_done); rounds++) {
        if (rounds > 100)
            abort();
        if (!c_done) {
            int r = SSL_do_handshake(c);
            if (r == 1)
                c_done = 1;
            else if (SSL_get_error(c, r) != SSL_ERROR_WANT_READ)
                abort();
        }
        if (!s_done) {
            int r = SSL_do_handshake(s);
            if (r == 1)
                s_done = 1;
            else if (SSL_get_error(s, r) != SSL_ERROR_WANT_READ)
                abort();
        }
    }
    SSL_free(c);
    SSL_free(s);
}

/* OpenSSL's server and client with our key and certificate, TLS 1.2, one
 * suite: the same work as ours. */
static void openssl_setup(libssl_pair *j, const handshake_job *h, const char *cipher)
{
    uint8_t der[4096];
    size_t der_len;
    if (keyfile_write_rsa_private(&h->key, KEYFILE_RSA_PKCS1, 0, der, sizeof der, &der_len) != SEE_OK)
        abort();
    const unsigned char *p = der;
    EVP_PKEY *pkey = d2i_PrivateKey(EVP_PKEY_RSA, NULL, &p, (long)der_len);
    p = h->cert;
    X509 *x = d2i_X509(NULL, &p, (long)h->cert_len);
    j->server = SSL_CTX_new(TLS_server_method());
    j->client = SSL_CTX_new(TLS_client_method());
    if (pkey == NULL || x == NULL || j->server == NULL || j->client == NULL ||
        !SSL_CTX_use_certificate(j->server, x) || !SSL_CTX_use_PrivateKey(j->server, pkey))
        abort();
    SSL_CTX *both[2] = { j->server, j->client };
    for (int i = 0; i < 2; i++) {
        SSL_CTX_set_min_proto_version(both[i], TLS1_2_VERSION);
        SSL_CTX_set_max_proto_version(both[i], TLS1_2_VERSION);
        SSL_CTX_set_cipher_list(both[i], cipher);
        SSL_CTX_set_session_cache_mode(both[i], SSL_SESS_CACHE_OFF);
        SSL_CTX_set1_groups_list(both[i], "X25519"); /* ECDHE: our curve */
        SSL_CTX_set_options(both[i], SSL_OP_NO_TICKET);
    }
    SSL_CTX_set_dh_auto(j->server, 1); /* ffdhe2048 for a 2048-bit key */
    /* the client trusts the certificate directly, as ours does */
    X509_STORE_add_cert(SSL_CTX_get_cert_store(j->client), x);
    SSL_CTX_set_verify(j->client, SSL_VERIFY_PEER, NULL);
    X509_free(x);
    EVP_PKEY_free(pkey);
}

/* ---------------------------------------------- over loopback TCP --- */

/* Median time of n handshakes over loopback TCP, in ms: the client's
 * wall time from connect() to its handshake done, with the server in a
 * thread of its own accepting one connection after the other. One
 * harness for ours and OpenSSL's: serve accepts one connection on the
 * listening socket and completes its side; handshake connects to the
 * port, completes the client's side and closes. */
typedef struct {
    void (*serve)(void *ctx, int listen_fd);
    void (*handshake)(void *ctx, const char *port);
    void *ctx;
    int listen_fd, n;
} loopback_run;

static void *loopback_serve(void *arg)
{
    loopback_run *r = arg;
    for (int i = 0; i < r->n; i++)
        r->serve(r->ctx, r->listen_fd);
    return NULL;
}

static double loopback_median_ms(loopback_run *r)
{
    unsigned port;
    char port_text[16];
    if (transport_tcp_listen("0", &r->listen_fd, &port) != SEE_OK)
        return -1;
    snprintf(port_text, sizeof port_text, "%u", port);
    pthread_t th;
    if (pthread_create(&th, NULL, loopback_serve, r) != 0)
        abort();
    double *ms = calloc((size_t)r->n, sizeof *ms);
    if (ms == NULL)
        abort();
    for (int i = 0; i < r->n; i++) {
        double t0 = bench_now();
        r->handshake(r->ctx, port_text);
        ms[i] = (bench_now() - t0) * 1000;
    }
    pthread_join(th, NULL);
    close(r->listen_fd);
    bench_sort(ms, (size_t)r->n);
    double median = ms[r->n / 2];
    free(ms);
    return median;
}

/* Ours: tls_socket on both sides, the client offering the one suite. */
typedef struct {
    tls_config server, client;
} tls_socket_pair;

static void tls_socket_serve(void *ctx, int listen_fd)
{
    tls_socket_pair *p = ctx;
    tls_socket *s;
    if (tls_socket_accept(listen_fd, 5000, &p->server, &s) == SEE_OK)
        tls_socket_close(s);
}

static void tls_socket_handshake(void *ctx, const char *port)
{
    tls_socket_pair *p = ctx;
    tls_socket *s;
    if (tls_socket_connect("127.0.0.1", port, 5000, &p->client, &s) != SEE_OK)
        abort();
    tls_socket_close(s);
}

static double ours_loopback_median_ms(handshake_job *j, int n)
{
    tls_socket_pair p;
    tls_config_init(&p.server);
    p.server.key = &j->key;
    p.server.chain.count = 1;
    p.server.chain.cert[0] = j->cert;
    p.server.chain.cert_len[0] = j->cert_len;
    tls_config_init(&p.client);
    p.client.suites[0] = j->suite;
    p.client.suite_count = 1;
    p.client.verify = trust;
    p.client.verify_ctx = j;
    loopback_run r = { tls_socket_serve, tls_socket_handshake, &p, -1, n };
    return loopback_median_ms(&r);
}

/* OpenSSL's: libssl on both sides of the same kind of socket (TCP_NODELAY,
 * as tls_socket sets it), SSL_accept and SSL_connect, close_notify sent
 * before closing as tls_socket_close does. */
static int no_delay(int fd)
{
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    return fd;
}

static void libssl_serve(void *ctx, int listen_fd)
{
    libssl_pair *p = ctx;
    /* the listening socket is non-blocking (transport_tcp_listen) */
    struct pollfd ready = { .fd = listen_fd, .events = POLLIN };
    int fd = poll(&ready, 1, 5000) == 1 ? accept(listen_fd, NULL, NULL) : -1;
    if (fd < 0)
        abort();
    SSL *s = SSL_new(p->server);
    if (s == NULL || !SSL_set_fd(s, no_delay(fd)) || SSL_accept(s) != 1)
        abort();
    SSL_shutdown(s);
    SSL_free(s);
    close(fd);
}

static void libssl_loopback_handshake(void *ctx, const char *port)
{
    libssl_pair *p = ctx;
    struct sockaddr_in to = { .sin_family = AF_INET,
                              .sin_port = htons((uint16_t)atoi(port)),
                              .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0 || connect(no_delay(fd), (struct sockaddr *)&to, sizeof to) != 0)
        abort();
    SSL *c = SSL_new(p->client);
    if (c == NULL || !SSL_set_fd(c, fd) || SSL_connect(c) != 1)
        abort();
    SSL_shutdown(c);
    SSL_free(c);
    close(fd);
}

static double libssl_loopback_median_ms(libssl_pair *p, int n)
{
    loopback_run r = { libssl_serve, libssl_loopback_handshake, p, -1, n };
    return loopback_median_ms(&r);
}

/* The server's RSA-2048 key and a certificate for it, the same in every
 * process (a seeded generator): the child that measures OpenSSL with a
 * CPU feature masked needs the same key as the parent. */
static void make_job(handshake_job *job)
{
    see_rng rng;
    rng_init_seeded(&rng, "bench tls", 9);
    rsa_private_init(&job->key);
    rsa_public_key pub;
    rsa_public_init(&pub);
    if (rsa_generate(&rng, 2048, 0, &job->key) != SEE_OK)
        abort();
    rsa_public_from_private(&pub, &job->key);
    x509_issue_params p = { .common_name = "bench", .subject_key = &pub,
                            .issuer_key = &job->key, .not_before = 0,
                            .not_after = 4102444800LL, .path_len = -1 };
    if (x509_issue(&p, &rng, job->cert, sizeof job->cert, &job->cert_len) != SEE_OK)
        abort();
    rsa_public_clear(&pub);
}

static void libssl_pair_free(libssl_pair *p)
{
    SSL_CTX_free(p->server);
    SSL_CTX_free(p->client);
}

double bench_openssl_handshake_rate(const char *openssl_suite, double seconds)
{
    static handshake_job job;
    libssl_pair ossl;
    make_job(&job);
    openssl_setup(&ossl, &job, openssl_suite);
    double rate = bench_rate(openssl_handshake, &ossl, seconds);
    libssl_pair_free(&ossl);
    rsa_private_clear(&job.key);
    return rate;
}

double bench_openssl_ecdhe_loopback_ms(void)
{
    static handshake_job job;
    libssl_pair ossl;
    make_job(&job);
    openssl_setup(&ossl, &job, "ECDHE-RSA-AES128-GCM-SHA256");
    double median = libssl_loopback_median_ms(&ossl, LOOPBACK_HANDSHAKES);
    libssl_pair_free(&ossl);
    rsa_private_clear(&job.key);
    return median;
}

/* Our handshakes per second in the suite, beside OpenSSL's with the same
 * key, certificate and suite. A handshake is mostly the server's RSA
 * private operation, and OpenSSL's uses AVX-512 IFMA where there is any
 * (bench_pubkey.c says why): with child_mode (main.c's mode measuring
 * this suite alone), on such a CPU, a second row has OpenSSL with IFMA
 * masked off and the target is that row's, the default ratio beside it. */
static void handshake_row(handshake_job *job, uint16_t suite, const char *openssl_suite,
                          const char *what, double target, const char *child_mode,
                          double seconds)
{
    int ifma = child_mode != NULL && __builtin_cpu_supports("avx512ifma");
    libssl_pair ossl;
    openssl_setup(&ossl, job, openssl_suite);
    job->suite = suite;
    double ours = bench_rate(one_handshake, job, seconds);
    bench_row(what, ours, bench_rate(openssl_handshake, &ossl, seconds), "/s",
              "OpenSSL", ifma ? 0 : target);
    libssl_pair_free(&ossl);
    if (!ifma)
        return;
    double theirs = bench_child_figure_without_ifma(child_mode, seconds);
    if (theirs > 0)
        bench_row("  vs OpenSSL, IFMA off", ours, theirs, "/s", "OpenSSL", target);
}

/* The median handshake over loopback TCP, ours beside OpenSSL's in the
 * same harness (and, for ECDHE, OpenSSL's with IFMA masked off, from a
 * child process), then our median against the issue's target. */
static void latency_row(handshake_job *job, uint16_t suite, const char *openssl_suite,
                        const char *what, double target_ms)
{
    libssl_pair ossl;
    openssl_setup(&ossl, job, openssl_suite);
    job->suite = suite;
    double ours = ours_loopback_median_ms(job, LOOPBACK_HANDSHAKES);
    bench_row_time(what, ours, libssl_loopback_median_ms(&ossl, LOOPBACK_HANDSHAKES),
                   "OpenSSL", 0);
    libssl_pair_free(&ossl);
    if (suite == TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 &&
        __builtin_cpu_supports("avx512ifma")) {
        double theirs = bench_child_figure_without_ifma("--openssl-ecdhe-loopback", 0);
        if (theirs > 0)
            bench_row_time("  vs OpenSSL, IFMA off", ours, theirs, "OpenSSL", 0);
    }
    printf("  %-26s median of %d, target < %g ms: %s\n", "", LOOPBACK_HANDSHAKES,
           target_ms, ours >= 0 && ours < target_ms ? "PASS" : "FAIL");
}

void bench_tls(double seconds)
{
    /* The paths our records take (core/cpu.h; SEETLS_NO_ASM=1 forces the
     * portable ones). The issue's AES-128-GCM target, 0.5x OpenSSL's, is
     * for the hardware paths, which OpenSSL's use too. */
    char title[128];
    snprintf(title, sizeof title,
             "TLS 1.2 records (16 KiB) and handshakes (AES %s, GHASH %s, SHA-256 %s)",
             cpu_path_name(CPU_AES), cpu_path_name(CPU_CLMUL),
             cpu_path_name(CPU_SHA256));
    bench_section(title);
    bench_records(seconds, 0);
    bench_records(seconds, 1);
    double gcm_target = cpu_has(CPU_AES) && cpu_has(CPU_CLMUL) ? 0.5 : 0;
    bench_aead_records(seconds, &record_aes128_gcm, EVP_aes_128_gcm(),
                       "seal 16 KiB, AES-128-GCM", "open 16 KiB, AES-128-GCM",
                       gcm_target);
    bench_aead_records(seconds, &record_chacha20_poly1305, EVP_chacha20_poly1305(),
                       "seal 16 KiB, ChaCha20/Poly", "open 16 KiB, ChaCha20/Poly", 0);

    /* Whole handshakes in memory, ours and OpenSSL's libssl with the same
     * key, certificate and suite. */
    static handshake_job job;
    make_job(&job);
    handshake_row(&job, TLS_RSA_WITH_AES_128_CBC_SHA256, "AES128-SHA256",
                  "handshakes, RSA-2048", HANDSHAKE_TARGET, "--openssl-rsa-handshake",
                  seconds);
    handshake_row(&job, TLS_DHE_RSA_WITH_AES_128_CBC_SHA256, "DHE-RSA-AES128-SHA256",
                  "handshakes, DHE ffdhe2048", 0.5, NULL, seconds);
    handshake_row(&job, TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, "ECDHE-RSA-AES128-GCM-SHA256",
                  "handshakes, ECDHE x25519", HANDSHAKE_TARGET, "--openssl-ecdhe-handshake",
                  seconds);
    /* Latency over loopback TCP. */
    latency_row(&job, TLS_RSA_WITH_AES_128_CBC_SHA256, "AES128-SHA256",
                "loopback median, RSA", 2.0);
    latency_row(&job, TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, "ECDHE-RSA-AES128-GCM-SHA256",
                "loopback median, ECDHE", 1.0);
    rsa_private_clear(&job.key);
}
