/*
 * workloads.c: the table of what `seetls speed` and build/bench measure
 * of ours (speed/workloads.h), each entry's set-up and its one call.
 *
 * A call that fails is a bug of the code measured (every input here is
 * valid), so it stops the program with a line naming it: a figure for
 * work that failed would mean nothing.
 */
#include "speed/workloads.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/cpu.h"
#include "core/util.h"
#include "crypto/chacha20.h"
#include "crypto/chacha20_poly1305.h"
#include "crypto/hmac.h"
#include "crypto/hw_paths.h"
#include "crypto/poly1305.h"
#include "crypto/sha256.h"
#include "handshake/transport.h"

#define KIB16 16384
#define MIB   (1 << 20)

static void fail(const char *what)
{
    fprintf(stderr, "speed: %s failed\n", what);
    exit(1);
}

/* ------------------------------------------- bulk: hashes and ciphers --- */

static void *bulk_start(const speed_workload *w)
{
    speed_bulk *s = calloc(1, sizeof *s);
    if (s == NULL)
        return NULL;
    s->len = w->bytes;
    s->msg = malloc(s->len);
    s->out = malloc(s->len + 64);
    s->sealed = malloc(s->len + 16);
    if (s->msg == NULL || s->out == NULL || s->sealed == NULL) {
        free(s->msg);
        free(s->out);
        free(s->sealed);
        free(s);
        return NULL;
    }
    for (size_t i = 0; i < s->len; i++)
        s->msg[i] = (uint8_t)(i * 131 + 7);
    for (int i = 0; i < 32; i++)
        s->key[i] = (uint8_t)(0x2b + 17 * i);
    for (int i = 0; i < 16; i++)
        s->iv[i] = (uint8_t)(0xf0 + i);
    for (int i = 0; i < 12; i++)
        s->nonce[i] = (uint8_t)(0x40 + 3 * i);
    for (int i = 0; i < 13; i++)
        s->aad[i] = (uint8_t)(0x17 + i);
    aes128_set_key(&s->aes, s->key);
    aes128_ct_set_key(&s->aes_ct, s->key);
    size_t n;
    if (chacha20_poly1305_seal(s->key, s->nonce, s->aad, sizeof s->aad, s->msg,
                               s->len, s->sealed, s->len + 16, &n) != SEE_OK)
        fail("ChaCha20-Poly1305 seal");
    return s;
}

static void bulk_stop(void *state)
{
    speed_bulk *s = state;
    aes128_wipe(&s->aes);
    aes128_ct_wipe(&s->aes_ct);
    free(s->msg);
    free(s->out);
    free(s->sealed);
    free(s);
}

static void sha256_run(void *arg)
{
    speed_bulk *s = arg;
    sha256(s->msg, s->len, s->out);
}

static void hmac_run(void *arg)
{
    speed_bulk *s = arg;
    hmac_sha256(s->key, 32, s->msg, s->len, s->out);
}

static void cbc_encrypt_table(void *arg)
{
    speed_bulk *s = arg;
    if (aes128_cbc_encrypt(&s->aes, s->iv, s->msg, s->out, s->len) != SEE_OK)
        fail("aes128_cbc_encrypt");
}

static void cbc_decrypt_table(void *arg)
{
    speed_bulk *s = arg;
    if (aes128_cbc_decrypt(&s->aes, s->iv, s->msg, s->out, s->len) != SEE_OK)
        fail("aes128_cbc_decrypt");
}

static void ctr_table(void *arg)
{
    speed_bulk *s = arg;
    aes128_ctr_xor(&s->aes, s->iv, s->msg, s->out, s->len);
}

static void cbc_encrypt_ct(void *arg)
{
    speed_bulk *s = arg;
    if (aes128_ct_cbc_encrypt(&s->aes_ct, s->iv, s->msg, s->out, s->len) != SEE_OK)
        fail("aes128_ct_cbc_encrypt");
}

static void cbc_decrypt_ct(void *arg)
{
    speed_bulk *s = arg;
    if (aes128_ct_cbc_decrypt(&s->aes_ct, s->iv, s->msg, s->out, s->len) != SEE_OK)
        fail("aes128_ct_cbc_decrypt");
}

static void ctr_ct(void *arg)
{
    speed_bulk *s = arg;
    aes128_ct_ctr_xor(&s->aes_ct, s->iv, s->msg, s->out, s->len);
}

/* ChaCha20 alone from block counter 0 (libsodium's
 * crypto_stream_chacha20_ietf_xor's, the bench's reference). */
static void chacha20_run(void *arg)
{
    speed_bulk *s = arg;
    if (chacha20_xor(s->key, 0, s->nonce, s->msg, s->out, s->len) != SEE_OK)
        fail("chacha20_xor");
}

static void chacha20_poly1305_seal_run(void *arg)
{
    speed_bulk *s = arg;
    size_t n;
    if (chacha20_poly1305_seal(s->key, s->nonce, s->aad, sizeof s->aad, s->msg,
                               s->len, s->out, s->len + 64, &n) != SEE_OK)
        fail("chacha20_poly1305_seal");
}

static void chacha20_poly1305_open_run(void *arg)
{
    speed_bulk *s = arg;
    size_t n;
    if (chacha20_poly1305_open(s->key, s->nonce, s->aad, sizeof s->aad, s->sealed,
                               s->len + 16, s->out, s->len + 64, &n) != SEE_OK)
        fail("chacha20_poly1305_open");
}

static void poly1305_run(void *arg)
{
    speed_bulk *s = arg;
    poly1305(s->key, s->msg, s->len, s->out);
}

/* ---------------------------------------------------- TLS records --- */

/* The two directions on the entry's protection, and one whole record
 * sealed for `open` to open again and again. */
static void *records_start(const speed_workload *w)
{
    speed_records *s = calloc(1, sizeof *s);
    if (s == NULL)
        return NULL;
    for (int i = 0; i < 32; i++) {
        s->mac_key[i] = (uint8_t)(1 + i);
        s->cipher_key[i] = (uint8_t)(0x40 + i);
    }
    for (int i = 0; i < 12; i++)
        s->fixed_iv[i] = (uint8_t)(0x80 + i);
    rng_init_seeded(&s->rng, "speed records", 13);
    const record_protection *aead = NULL;
    int etm = 0;
    switch ((speed_id)(w - speed_workloads)) {
    case SPEED_RECORD_ETM_SEAL:
    case SPEED_RECORD_ETM_OPEN:
        etm = 1;
        break;
    case SPEED_RECORD_GCM_SEAL:
    case SPEED_RECORD_GCM_OPEN:
        aead = &record_aes128_gcm;
        break;
    case SPEED_RECORD_CHACHA20_SEAL:
    case SPEED_RECORD_CHACHA20_OPEN:
        aead = &record_chacha20_poly1305;
        break;
    default:
        break;
    }
    if (aead == NULL) {
        record_cipher_set(&s->w, s->mac_key, s->cipher_key, etm);
        record_cipher_set(&s->r, s->mac_key, s->cipher_key, etm);
    } else if (record_cipher_start(&s->w, aead, NULL, s->cipher_key, s->fixed_iv, 0) != SEE_OK ||
               record_cipher_start(&s->r, aead, NULL, s->cipher_key, s->fixed_iv, 0) != SEE_OK) {
        fail("record_cipher_start");
    }
    if (record_protect(&s->w, &s->rng, 23, TLS_VERSION_1_2, s->content,
                       sizeof s->content, s->sealed, sizeof s->sealed,
                       &s->sealed_len) != SEE_OK)
        fail("record_protect");
    return s;
}

static void records_stop(void *state)
{
    see_wipe(state, sizeof(speed_records));
    free(state);
}

static void record_seal(void *arg)
{
    speed_records *s = arg;
    size_t n;
    if (record_protect(&s->w, &s->rng, 23, TLS_VERSION_1_2, s->content,
                       sizeof s->content, s->scratch, sizeof s->scratch, &n) != SEE_OK)
        fail("record_protect");
}

static void record_open(void *arg)
{
    speed_records *s = arg;
    size_t n;
    s->r.seq = 0; /* the same record again, as if first */
    if (record_unprotect(&s->r, 23, TLS_VERSION_1_2, s->sealed + TLS_RECORD_HEADER_SIZE,
                         s->sealed_len - TLS_RECORD_HEADER_SIZE, s->opened,
                         sizeof s->opened, &n) != SEE_OK ||
        n != sizeof s->content)
        fail("record_unprotect");
}

/* ------------------------------------------------------------- RSA --- */

/* The key, from a seeded generator, so that every process has the same
 * one (the bench's child measuring OpenSSL alone needs its parent's), and
 * a certificate for it. */
speed_rsa *speed_rsa_start(void)
{
    speed_rsa *s = calloc(1, sizeof *s);
    if (s == NULL)
        return NULL;
    see_rng rng;
    rng_init_seeded(&rng, "bench tls", 9);
    rsa_private_init(&s->key);
    rsa_public_init(&s->pub);
    if (rsa_generate(&rng, 2048, 0, &s->key) != SEE_OK)
        fail("rsa_generate");
    rsa_public_from_private(&s->pub, &s->key);
    x509_issue_params p = { .common_name = "bench", .subject_key = &s->pub,
                            .issuer_key = &s->key, .not_before = 0,
                            .not_after = 4102444800LL, .path_len = -1 };
    if (x509_issue(&p, &rng, s->cert, sizeof s->cert, &s->cert_len) != SEE_OK)
        fail("x509_issue");
    for (size_t i = 0; i < sizeof s->digest; i++)
        s->digest[i] = (uint8_t)(i * 7 + 1);
    if (rsa_pkcs1_sign_digest(&s->key, NULL, s->digest, s->sig, sizeof s->sig,
                              &s->sig_len) != SEE_OK)
        fail("rsa_pkcs1_sign_digest");
    return s;
}

void speed_rsa_stop(speed_rsa *s)
{
    rsa_private_clear(&s->key);
    rsa_public_clear(&s->pub);
    free(s);
}

static void *rsa_start(const speed_workload *w)
{
    speed_rsa *s = speed_rsa_start();
    if (s == NULL)
        return NULL;
    switch ((speed_id)(w - speed_workloads)) {
    case SPEED_HANDSHAKE_RSA:
        s->suite = TLS_RSA_WITH_AES_128_CBC_SHA256;
        break;
    case SPEED_HANDSHAKE_DHE:
        s->suite = TLS_DHE_RSA_WITH_AES_128_CBC_SHA256;
        break;
    default:
        s->suite = TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256;
        break;
    }
    return s;
}

static void rsa_stop(void *state)
{
    speed_rsa_stop(state);
}

static void rsa_sign_run(void *arg)
{
    speed_rsa *s = arg;
    size_t len;
    if (rsa_pkcs1_sign_digest(&s->key, NULL, s->digest, s->sig, sizeof s->sig,
                              &len) != SEE_OK)
        fail("rsa_pkcs1_sign_digest");
}

static void rsa_verify_run(void *arg)
{
    speed_rsa *s = arg;
    if (rsa_pkcs1_verify_digest(&s->pub, s->digest, s->sig, s->sig_len) != SEE_OK)
        fail("rsa_pkcs1_verify_digest");
}

/* Key generation needs no state: a new key from the system's generator
 * each call, as `seetls genrsa` makes one. */
static void *nothing_start(const speed_workload *w)
{
    (void)w;
    static int nothing;
    return &nothing;
}

static void nothing_stop(void *state)
{
    (void)state;
}

static void rsa_keygen_run(void *arg)
{
    (void)arg;
    rsa_private_key key;
    rsa_private_init(&key);
    if (rsa_generate(NULL, 2048, 0, &key) != SEE_OK)
        fail("rsa_generate");
    rsa_private_clear(&key);
}

/* ------------------------------------------------ DH and X25519 --- */

static void *dh_start(const speed_workload *w)
{
    (void)w;
    speed_dh *s = calloc(1, sizeof *s);
    if (s == NULL)
        return NULL;
    dh_group_init(&s->group);
    mpz_inits(s->x, s->peer_y, NULL);
    mpz_t y, peer_x;
    mpz_inits(y, peer_x, NULL);
    if (dh_group_named(&s->group, "ffdhe2048", 0) != SEE_OK ||
        dh_generate_key(&s->group, NULL, s->x, y) != SEE_OK ||
        dh_generate_key(&s->group, NULL, peer_x, s->peer_y) != SEE_OK)
        fail("ffdhe2048 keys");
    mpz_clears(y, peer_x, NULL);
    return s;
}

static void dh_stop(void *state)
{
    speed_dh *s = state;
    mpz_clears(s->x, s->peer_y, NULL);
    dh_group_clear(&s->group);
    see_wipe(s->secret, sizeof s->secret);
    free(s);
}

/* One shared secret, the peer's value validated first (dh_shared_secret
 * does: RFC 7919 5.1). */
static void dh_derive_run(void *arg)
{
    speed_dh *s = arg;
    size_t len;
    if (dh_shared_secret(&s->group, s->x, s->peer_y, s->secret, sizeof s->secret,
                         &len) != SEE_OK)
        fail("dh_shared_secret");
}

static void *x25519_start(const speed_workload *w)
{
    (void)w;
    speed_x25519 *s = calloc(1, sizeof *s);
    uint8_t peer_private[X25519_KEY_SIZE], mine[X25519_KEY_SIZE];
    if (s == NULL)
        return NULL;
    if (x25519_generate_key(NULL, s->private_key, mine) != SEE_OK ||
        x25519_generate_key(NULL, peer_private, s->peer_public) != SEE_OK)
        fail("x25519_generate_key");
    see_wipe(peer_private, sizeof peer_private);
    return s;
}

static void x25519_stop(void *state)
{
    see_wipe(state, sizeof(speed_x25519));
    free(state);
}

static void x25519_run(void *arg)
{
    speed_x25519 *s = arg;
    if (x25519_shared_secret(s->secret, s->private_key, s->peer_public) != SEE_OK)
        fail("x25519_shared_secret");
}

/* ---------------------------------------------------- certificates --- */

static void *x509_start(const speed_workload *w)
{
    (void)w;
    speed_x509 *s = calloc(1, sizeof *s);
    if (s == NULL)
        return NULL;
    s->leaf = (x509_bytes){ speed_cert_server, speed_cert_server_len };
    s->inter = (x509_bytes){ speed_cert_inter, speed_cert_inter_len };
    s->root = (x509_bytes){ speed_cert_root, speed_cert_root_len };
    x509_cert_init(&s->cert);
    return s;
}

static void x509_stop(void *state)
{
    speed_x509 *s = state;
    x509_cert_clear(&s->cert);
    free(s);
}

/* One DER certificate into a struct, its extensions decoded. */
static void x509_parse_run(void *arg)
{
    speed_x509 *s = arg;
    if (x509_parse(&s->cert, s->leaf.data, s->leaf.len, NULL) != SEE_OK)
        fail("x509_parse");
}

/* The chain from its DER each time: three parses, two signature checks,
 * validity, CA flags, purpose and host name. */
static void x509_verify_run(void *arg)
{
    speed_x509 *s = arg;
    x509_bytes chain[2] = { s->leaf, s->inter };
    if (x509_verify(chain, 2, &s->root, 1, SPEED_X509_HOST, X509_FOR_SERVER,
                    SPEED_X509_WHEN, NULL, NULL) != SEE_OK)
        fail("x509_verify");
}

/* ------------------------------------------------------ handshakes --- */

see_status speed_trust_server_key(void *ctx, const certificate_msg *chain,
                                  rsa_public_key *key, tls_peer_cert *out)
{
    speed_rsa *s = ctx;
    (void)chain;
    (void)out;
    rsa_public_from_private(key, &s->key);
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

/* One whole handshake in the entry's suite, client and server in two
 * threads over an in-memory pipe. */
static void handshake_run(void *arg)
{
    speed_rsa *s = arg;
    static tls_conn client, server; /* large: not on the stack */
    tls_config ccfg, scfg;
    tls_config_init(&ccfg);
    tls_config_init(&scfg);
    ccfg.suites[0] = s->suite;
    ccfg.suite_count = 1;
    ccfg.verify = speed_trust_server_key;
    ccfg.verify_ctx = s;
    scfg.key = &s->key;
    scfg.chain.count = 1;
    scfg.chain.cert[0] = s->cert;
    scfg.chain.cert_len[0] = s->cert_len;
    memory_pipe pipe;
    pipe_end ce, se;
    transport ct, st;
    if (memory_pipe_init(&pipe, 5000) != SEE_OK)
        fail("memory_pipe_init");
    memory_pipe_ends(&pipe, &ce, &se, &ct, &st);
    tls_conn_init(&client, TLS_ROLE_CLIENT, &ccfg, &ct);
    tls_conn_init(&server, TLS_ROLE_SERVER, &scfg, &st);
    side server_side = { &server, SEE_OK };
    pthread_t th;
    if (pthread_create(&th, NULL, run_side, &server_side) != 0)
        fail("pthread_create");
    see_status cs = tls_handshake(&client);
    pthread_join(th, NULL);
    if (cs != SEE_OK || server_side.st != SEE_OK)
        fail("handshake");
    tls_conn_free(&client);
    tls_conn_free(&server);
    memory_pipe_destroy(&pipe);
}

/* ----------------------------------------------------------- table --- */

#define BULK(n, r, f, len, fn) \
    { (n), (r), (f), (len), SPEED_PER_SECOND, bulk_start, (fn), bulk_stop }
#define RECORD(n, r, f, fn) \
    { (n), (r), (f), TLS_MAX_PLAINTEXT, SPEED_PER_SECOND, records_start, (fn), records_stop }
#define COUNT(n, r, f, start, fn, stop) \
    { (n), (r), (f), 0, SPEED_PER_SECOND, (start), (fn), (stop) }

const speed_workload speed_workloads[SPEED_COUNT] = {
    [SPEED_SHA256_64] = BULK("sha256", "SHA-256 64 B", CPU_SHA256, 64, sha256_run),
    [SPEED_SHA256_1K] = BULK("sha256", "SHA-256 1 KiB", CPU_SHA256, 1024, sha256_run),
    [SPEED_SHA256_1M] = BULK("sha256", "SHA-256 1 MiB", CPU_SHA256, MIB, sha256_run),
    [SPEED_HMAC_64] = BULK("hmac", "HMAC-SHA256 64 B", CPU_SHA256, 64, hmac_run),
    [SPEED_CBC_ENCRYPT_TABLE] = BULK("aes-cbc", "CBC encrypt, table", 0, KIB16, cbc_encrypt_table),
    [SPEED_CBC_ENCRYPT_CT] = BULK("aes-cbc", "CBC encrypt, ct", CPU_AES, KIB16, cbc_encrypt_ct),
    [SPEED_CBC_DECRYPT_TABLE] = BULK("aes-cbc", "CBC decrypt, table", 0, KIB16, cbc_decrypt_table),
    [SPEED_CBC_DECRYPT_CT] = BULK("aes-cbc", "CBC decrypt, ct", CPU_AES, KIB16, cbc_decrypt_ct),
    [SPEED_CTR_TABLE] = BULK("aes-ctr", "CTR, table", 0, KIB16, ctr_table),
    [SPEED_CTR_CT] = BULK("aes-ctr", "CTR, ct", CPU_AES, KIB16, ctr_ct),
    [SPEED_CHACHA20] = BULK("chacha20", "ChaCha20 16 KiB", CPU_SIMD, KIB16, chacha20_run),
    [SPEED_CHACHA20_POLY1305_SEAL] = BULK("chacha20-poly1305", "ChaCha20-Poly1305 seal", CPU_SIMD,
                                          KIB16, chacha20_poly1305_seal_run),
    [SPEED_CHACHA20_POLY1305_OPEN] = BULK("chacha20-poly1305", "ChaCha20-Poly1305 open", CPU_SIMD,
                                          KIB16, chacha20_poly1305_open_run),
    /* Poly1305 has a vector path on x86-64 only (crypto/hw_paths.h) */
    [SPEED_POLY1305] = BULK("poly1305", "Poly1305 16 KiB", HW_POLY1305 ? CPU_SIMD : 0, KIB16,
                            poly1305_run),
    [SPEED_RSA_SIGN] = COUNT("rsa2048", "RSA-2048 sign", 0, rsa_start, rsa_sign_run, rsa_stop),
    [SPEED_RSA_VERIFY] = COUNT("rsa2048", "RSA-2048 verify", 0, rsa_start, rsa_verify_run,
                               rsa_stop),
    [SPEED_DH_DERIVE] = COUNT("dh", "ffdhe2048 derive", 0, dh_start, dh_derive_run,
                              dh_stop),
    [SPEED_RSA_KEYGEN] = { "rsa2048-keygen", "RSA-2048 keygen (median)", 0, 0,
                           SPEED_MEDIAN_MS, nothing_start, rsa_keygen_run, nothing_stop },
    [SPEED_X25519] = COUNT("x25519", "X25519 shared secret", 0, x25519_start, x25519_run,
                           x25519_stop),
    [SPEED_X509_PARSE] = COUNT("x509", "parse a certificate", 0, x509_start, x509_parse_run,
                               x509_stop),
    [SPEED_X509_VERIFY] = COUNT("x509", "verify a 3-certificate chain", 0, x509_start,
                                x509_verify_run, x509_stop),
    [SPEED_RECORD_MTE_SEAL] = RECORD("tls-cbc", "seal 16 KiB, MtE", CPU_AES | CPU_SHA256,
                                     record_seal),
    [SPEED_RECORD_MTE_OPEN] = RECORD("tls-cbc", "open 16 KiB, MtE (CT)", CPU_AES | CPU_SHA256,
                                     record_open),
    [SPEED_RECORD_ETM_SEAL] = RECORD("tls-cbc", "seal 16 KiB, EtM", CPU_AES | CPU_SHA256,
                                     record_seal),
    [SPEED_RECORD_ETM_OPEN] = RECORD("tls-cbc", "open 16 KiB, EtM", CPU_AES | CPU_SHA256,
                                     record_open),
    [SPEED_RECORD_GCM_SEAL] = RECORD("tls-gcm", "seal 16 KiB, AES-128-GCM", CPU_AES | CPU_CLMUL,
                                     record_seal),
    [SPEED_RECORD_GCM_OPEN] = RECORD("tls-gcm", "open 16 KiB, AES-128-GCM", CPU_AES | CPU_CLMUL,
                                     record_open),
    [SPEED_RECORD_CHACHA20_SEAL] = RECORD("tls-chacha20", "seal 16 KiB, ChaCha20/Poly", CPU_SIMD,
                                          record_seal),
    [SPEED_RECORD_CHACHA20_OPEN] = RECORD("tls-chacha20", "open 16 KiB, ChaCha20/Poly", CPU_SIMD,
                                          record_open),
    [SPEED_HANDSHAKE_RSA] = COUNT("handshake", "handshakes, RSA-2048", CPU_AES | CPU_SHA256,
                                  rsa_start, handshake_run, rsa_stop),
    [SPEED_HANDSHAKE_DHE] = COUNT("handshake", "handshakes, DHE ffdhe2048",
                                  CPU_AES | CPU_SHA256, rsa_start, handshake_run, rsa_stop),
    [SPEED_HANDSHAKE_ECDHE] = COUNT("handshake", "handshakes, ECDHE x25519",
                                    CPU_AES | CPU_CLMUL | CPU_SHA256, rsa_start, handshake_run,
                                    rsa_stop),
};

const char *speed_path(const speed_workload *w, char *buf, size_t size)
{
    static const cpu_feature order[] = { CPU_AES, CPU_CLMUL, CPU_SHA256, CPU_SIMD };
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
        if (!(w->features & (unsigned)order[i]) || !cpu_has(order[i]))
            continue;
        int n = snprintf(buf + used, size - used, "%s%s", used ? "+" : "",
                         cpu_path_name(order[i]));
        if (n < 0 || (size_t)n >= size - used)
            break;
        used += (size_t)n;
    }
    if (used == 0)
        snprintf(buf, size, "portable");
    return buf;
}
