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
 * the same harness. Ours, but for the loopback rows, are the entries of
 * speed/workloads.h, which `seetls speed` times too.
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

/* OpenSSL's side of the CBC rows: the keys of our records (ours is
 * speed/workloads.h's entry), its context and buffers. */
typedef struct {
    const speed_records *keys;
    EVP_CIPHER_CTX *ctx;
    uint8_t content[REC + 48], out[REC + 48], iv[16];
} openssl_job;

static void openssl_mac(const uint8_t mac_key[32], const uint8_t *data, size_t len,
                        uint8_t out[32])
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
    openssl_mac(j->keys->mac_key, j->content, REC, j->content + REC);
    memset(j->content + REC + 32, 15, 16);
    int n;
    if (!EVP_EncryptInit_ex(j->ctx, EVP_aes_128_cbc(), NULL, j->keys->cipher_key, j->iv) ||
        !EVP_CIPHER_CTX_set_padding(j->ctx, 0) ||
        !EVP_EncryptUpdate(j->ctx, j->out, &n, j->content, REC + 48))
        abort();
}

static void openssl_open(void *arg)
{
    openssl_job *j = arg;
    int n;
    uint8_t mac[32];
    if (!EVP_DecryptInit_ex(j->ctx, EVP_aes_128_cbc(), NULL, j->keys->cipher_key, j->iv) ||
        !EVP_CIPHER_CTX_set_padding(j->ctx, 0) ||
        !EVP_DecryptUpdate(j->ctx, j->content, &n, j->out, REC + 48))
        abort();
    openssl_mac(j->keys->mac_key, j->content, REC, mac);
    if (memcmp(mac, j->content + REC, 32) != 0)
        abort();
}

/* EVP's AEAD sealing and opening 16 KiB under a nonce and 13 bytes of
 * additional data, as a TLS record does. */
typedef struct {
    const speed_records *keys;
    EVP_CIPHER_CTX *ctx;
    const EVP_CIPHER *cipher;
    uint8_t content[REC], out[REC], tag[16], nonce[12], aad[13];
} openssl_aead_job;

static void openssl_aead_seal(void *arg)
{
    openssl_aead_job *j = arg;
    int n;
    if (!EVP_EncryptInit_ex(j->ctx, j->cipher, NULL, j->keys->cipher_key, j->nonce) ||
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
    if (!EVP_DecryptInit_ex(j->ctx, j->cipher, NULL, j->keys->cipher_key, j->nonce) ||
        !EVP_DecryptUpdate(j->ctx, NULL, &n, j->aad, sizeof j->aad) ||
        !EVP_DecryptUpdate(j->ctx, j->content, &n, j->out, REC) ||
        !EVP_CIPHER_CTX_ctrl(j->ctx, EVP_CTRL_AEAD_SET_TAG, 16, j->tag) ||
        EVP_DecryptFinal_ex(j->ctx, j->content + n, &n) <= 0)
        abort();
}

/* Our seal and open (the entries seal and seal + 1 of speed/workloads.h)
 * beside EVP's AEAD, measured in turns. */
static void bench_aead_records(double seconds, speed_id seal, const EVP_CIPHER *cipher,
                               double target)
{
    speed_id open = seal + 1;
    speed_records *ours_seal = bench_ours_start(seal), *ours_open = bench_ours_start(open);
    static openssl_aead_job theirs;
    theirs.keys = ours_seal;
    theirs.ctx = EVP_CIPHER_CTX_new();
    theirs.cipher = cipher;
    openssl_aead_seal(&theirs);

    speed_fn *const fns[] = { speed_workloads[seal].run, openssl_aead_seal,
                              speed_workloads[open].run, openssl_aead_open };
    void *const args[] = { ours_seal, &theirs, ours_open, &theirs };
    double rates[4];
    speed_rates(4, fns, args, seconds, rates);
    double mb = REC / 1e6;
    bench_row(speed_workloads[seal].row, rates[0] * mb, rates[1] * mb, "MB/s", "openssl",
              target);
    bench_row(speed_workloads[open].row, rates[2] * mb, rates[3] * mb, "MB/s", "openssl",
              target);
    EVP_CIPHER_CTX_free(theirs.ctx);
    bench_ours_stop(seal, ours_seal);
    bench_ours_stop(open, ours_open);
}

/* The CBC records (MAC-then-encrypt, or Encrypt-then-MAC: the entries
 * seal and seal + 1), beside OpenSSL's HMAC and AES-CBC. */
static void bench_records(double seconds, speed_id seal)
{
    speed_id open = seal + 1;
    speed_records *ours_seal = bench_ours_start(seal), *ours_open = bench_ours_start(open);
    static openssl_job theirs;
    theirs.keys = ours_seal;
    theirs.ctx = EVP_CIPHER_CTX_new();
    openssl_seal(&theirs);

    speed_fn *const fns[] = { speed_workloads[seal].run, openssl_seal,
                              speed_workloads[open].run, openssl_open };
    void *const args[] = { ours_seal, &theirs, ours_open, &theirs };
    double rates[4];
    speed_rates(4, fns, args, seconds, rates);
    double mb = REC / 1e6;
    bench_row(speed_workloads[seal].row, rates[0] * mb, rates[1] * mb, "MB/s", "openssl", 0);
    bench_row(speed_workloads[open].row, rates[2] * mb, rates[3] * mb, "MB/s", "openssl", 0);
    EVP_CIPHER_CTX_free(theirs.ctx);
    bench_ours_stop(seal, ours_seal);
    bench_ours_stop(open, ours_open);
}

/* ------------------------------------------------------ handshakes --- */

/* Ours: speed/workloads.h's entries (SPEED_HANDSHAKE_*), whole
 * handshakes in memory, client and server in two threads; their state,
 * speed_rsa, is the server's key and certificate, the same in every
 * process (a seeded generator): the child that measures OpenSSL with a
 * CPU feature masked uses the same key as the parent. */

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
static void openssl_setup(libssl_pair *j, const speed_rsa *h, const char *cipher)
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
        double t0 = speed_now();
        r->handshake(r->ctx, port_text);
        ms[i] = (speed_now() - t0) * 1000;
    }
    pthread_join(th, NULL);
    close(r->listen_fd);
    speed_sort(ms, (size_t)r->n);
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

static double ours_loopback_median_ms(speed_rsa *j, int n)
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
    p.client.verify = speed_trust_server_key;
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

static void libssl_pair_free(libssl_pair *p)
{
    SSL_CTX_free(p->server);
    SSL_CTX_free(p->client);
}

double bench_openssl_handshake_rate(const char *openssl_suite, double seconds)
{
    speed_rsa *job = speed_rsa_start();
    libssl_pair ossl;
    if (job == NULL)
        abort();
    openssl_setup(&ossl, job, openssl_suite);
    double rate = speed_rate(openssl_handshake, &ossl, seconds);
    libssl_pair_free(&ossl);
    speed_rsa_stop(job);
    return rate;
}

double bench_openssl_ecdhe_loopback_ms(void)
{
    speed_rsa *job = speed_rsa_start();
    libssl_pair ossl;
    if (job == NULL)
        abort();
    openssl_setup(&ossl, job, "ECDHE-RSA-AES128-GCM-SHA256");
    double median = libssl_loopback_median_ms(&ossl, LOOPBACK_HANDSHAKES);
    libssl_pair_free(&ossl);
    speed_rsa_stop(job);
    return median;
}

/* Our handshakes per second in the suite, beside OpenSSL's with the same
 * key, certificate and suite. A handshake is mostly the server's RSA
 * private operation, and OpenSSL's uses AVX-512 IFMA where there is any
 * (bench_pubkey.c says why): with child_mode (main.c's mode measuring
 * this suite alone), on such a CPU, a second row has OpenSSL with IFMA
 * masked off and the target is that row's, the default ratio beside it. */
static void handshake_row(speed_id id, const char *openssl_suite, double target,
                          const char *child_mode, double seconds)
{
    int ifma = child_mode != NULL && __builtin_cpu_supports("avx512ifma");
    speed_rsa *job = bench_ours_start(id);
    libssl_pair ossl;
    openssl_setup(&ossl, job, openssl_suite);
    double ours = speed_rate(speed_workloads[id].run, job, seconds);
    bench_row(speed_workloads[id].row, ours, speed_rate(openssl_handshake, &ossl, seconds),
              "/s", "OpenSSL", ifma ? 0 : target);
    libssl_pair_free(&ossl);
    bench_ours_stop(id, job);
    if (!ifma)
        return;
    double theirs = bench_child_figure_without_ifma(child_mode, seconds);
    if (theirs > 0)
        bench_row("  vs OpenSSL, IFMA off", ours, theirs, "/s", "OpenSSL", target);
}

/* The median handshake over loopback TCP, ours beside OpenSSL's in the
 * same harness (and, for ECDHE, OpenSSL's with IFMA masked off, from a
 * child process), then our median against the target. */
static void latency_row(speed_rsa *job, uint16_t suite, const char *openssl_suite,
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
     * portable ones). The targets, AES-128-GCM 0.5x OpenSSL's and
     * ChaCha20-Poly1305 0.3x, are for the hardware and vector paths, which
     * OpenSSL's use too. */
    char title[128];
    snprintf(title, sizeof title,
             "TLS 1.2 records (16 KiB) and handshakes (AES %s, GHASH %s, SHA-256 %s, "
             "ChaCha20/Poly1305 %s)",
             cpu_path_name(CPU_AES), cpu_path_name(CPU_CLMUL),
             cpu_path_name(CPU_SHA256), cpu_path_name(CPU_SIMD));
    bench_section(title);
    bench_records(seconds, SPEED_RECORD_MTE_SEAL);
    bench_records(seconds, SPEED_RECORD_ETM_SEAL);
    double gcm_target = cpu_has(CPU_AES) && cpu_has(CPU_CLMUL) ? 0.5 : 0;
    bench_aead_records(seconds, SPEED_RECORD_GCM_SEAL, EVP_aes_128_gcm(), gcm_target);
    double chacha_target = cpu_has(CPU_SIMD) ? 0.3 : 0;
    bench_aead_records(seconds, SPEED_RECORD_CHACHA20_SEAL, EVP_chacha20_poly1305(),
                       chacha_target);

    /* Whole handshakes in memory, ours and OpenSSL's libssl with the same
     * key, certificate and suite. */
    handshake_row(SPEED_HANDSHAKE_RSA, "AES128-SHA256", HANDSHAKE_TARGET,
                  "--openssl-rsa-handshake", seconds);
    handshake_row(SPEED_HANDSHAKE_DHE, "DHE-RSA-AES128-SHA256", 0.5, NULL, seconds);
    handshake_row(SPEED_HANDSHAKE_ECDHE, "ECDHE-RSA-AES128-GCM-SHA256", HANDSHAKE_TARGET,
                  "--openssl-ecdhe-handshake", seconds);
    speed_rsa *job = speed_rsa_start();
    if (job == NULL)
        abort();
    /* Latency over loopback TCP. */
    latency_row(job, TLS_RSA_WITH_AES_128_CBC_SHA256, "AES128-SHA256",
                "loopback median, RSA", 2.0);
    latency_row(job, TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, "ECDHE-RSA-AES128-GCM-SHA256",
                "loopback median, ECDHE", 1.0);
    speed_rsa_stop(job);
}
