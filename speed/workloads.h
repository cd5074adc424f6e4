/*
 * workloads.h: what `seetls speed` and build/bench measure of ours, in one
 * table, so that the two programs time the same work (and with
 * speed/measure.h, the same way): `seetls speed` runs the entries alone,
 * the bench runs each beside its references (libsodium, OpenSSL).
 *
 * Each entry sets up its state once (keys expanded, messages filled,
 * outside the timing), then `run` is one call of the work: SHA-256 of the
 * whole message from init to final, a 16 KiB record sealed, one RSA
 * signature, one whole handshake. The states are declared here because
 * the bench hands the same message and keys to its references and checks
 * that both give the same bytes before it times them.
 *
 * What is left out: whatever needs a network server (the loopback
 * handshakes, the robot's round trips).
 */
#ifndef SEETLS_SPEED_WORKLOADS_H
#define SEETLS_SPEED_WORKLOADS_H

#include <stddef.h>
#include <stdint.h>

#include "crypto/aes.h"
#include "crypto/aes_ct.h"
#include "crypto/dh.h"
#include "crypto/random.h"
#include "crypto/rsa.h"
#include "crypto/x25519.h"
#include "handshake/record.h"
#include "handshake/tls.h"
#include "pki/x509.h"
#include "pki/x509_verify.h"
#include "speed/measure.h"

/* The entries, in the bench's order of sections and rows. */
typedef enum {
    SPEED_SHA256_64,
    SPEED_SHA256_1K,
    SPEED_SHA256_1M,
    SPEED_HMAC_64,
    SPEED_CBC_ENCRYPT_TABLE,
    SPEED_CBC_ENCRYPT_CT,
    SPEED_CBC_DECRYPT_TABLE,
    SPEED_CBC_DECRYPT_CT,
    SPEED_CTR_TABLE,
    SPEED_CTR_CT,
    SPEED_CHACHA20,
    SPEED_CHACHA20_POLY1305_SEAL,
    SPEED_CHACHA20_POLY1305_OPEN,
    SPEED_POLY1305,
    SPEED_RSA_SIGN,
    SPEED_RSA_VERIFY,
    SPEED_DH_DERIVE,
    SPEED_RSA_KEYGEN,
    SPEED_X25519,
    SPEED_X509_PARSE,
    SPEED_X509_VERIFY,
    SPEED_RECORD_MTE_SEAL,
    SPEED_RECORD_MTE_OPEN,
    SPEED_RECORD_ETM_SEAL,
    SPEED_RECORD_ETM_OPEN,
    SPEED_RECORD_GCM_SEAL,
    SPEED_RECORD_GCM_OPEN,
    SPEED_RECORD_CHACHA20_SEAL,
    SPEED_RECORD_CHACHA20_OPEN,
    SPEED_HANDSHAKE_RSA,
    SPEED_HANDSHAKE_DHE,
    SPEED_HANDSHAKE_ECDHE,
    SPEED_COUNT
} speed_id;

/* How an entry's figure is given. */
typedef enum {
    SPEED_PER_SECOND, /* calls per second (MB/s when bytes > 0) */
    SPEED_MEDIAN_MS,  /* the median time of SPEED_MEDIAN_CALLS calls */
} speed_kind;

#define SPEED_MEDIAN_CALLS 15

typedef struct speed_workload {
    const char *name;    /* the ALGORITHM of `seetls speed` that selects
                          * it (several entries share one) */
    const char *row;     /* its row's label, in both programs */
    unsigned features;   /* the cpu_feature bits whose hardware paths it
                          * takes when the CPU has them (0: none) */
    size_t bytes;        /* message bytes per call: the figure in MB/s
                          * (10^6 bytes per second); 0: per call */
    speed_kind kind;
    /* The state for `run`, set up (a new allocation); NULL when that
     * failed (out of memory). */
    void *(*start)(const struct speed_workload *w);
    speed_fn *run;
    void (*stop)(void *state); /* wipes and frees what start made */
} speed_workload;

extern const speed_workload speed_workloads[SPEED_COUNT];

/* The state of SHA-256, HMAC, AES, ChaCha20, Poly1305 and
 * ChaCha20-Poly1305: the message (bytes of a fixed pattern) and fixed
 * keys; speed does not depend on their values. */
typedef struct {
    size_t len;               /* the entry's bytes */
    uint8_t *msg;             /* len bytes */
    uint8_t *out;             /* len + 64 bytes: the last call's output */
    uint8_t *sealed;          /* msg sealed by ChaCha20-Poly1305 (len + 16) */
    uint8_t key[32], iv[16], nonce[12], aad[13];
    aes128_key aes;           /* key[0..15] expanded, table AES (aes.h) */
    aes128_ct_key aes_ct;     /* the same, constant-time (aes_ct.h) */
} speed_bulk;

/* A TLS record layer's two directions on one protection, and one full
 * record (TLS_MAX_PLAINTEXT bytes of content) sealed by it. */
typedef struct {
    uint8_t mac_key[32], cipher_key[32], fixed_iv[12];
    record_cipher w, r;
    see_rng rng;              /* the CBC records' explicit IVs */
    uint8_t content[TLS_MAX_PLAINTEXT];
    uint8_t sealed[TLS_RECORD_HEADER_SIZE + TLS_MAX_CIPHERTEXT];
    uint8_t scratch[TLS_RECORD_HEADER_SIZE + TLS_MAX_CIPHERTEXT];
    uint8_t opened[TLS_MAX_CIPHERTEXT];
    size_t sealed_len;
} speed_records;

/* An RSA-2048 key (the same in every process: speed_rsa_start), a
 * digest signed by it, a certificate for it and the suite of the
 * handshakes it serves. */
typedef struct {
    rsa_private_key key;
    rsa_public_key pub;
    uint8_t digest[32];
    uint8_t sig[256];
    size_t sig_len;
    uint8_t cert[X509_MAX_CERT_SIZE];
    size_t cert_len;
    uint16_t suite;
} speed_rsa;

/* ffdhe2048: our private exponent x (RFC 7919's 225 bits) and a peer's
 * public value. */
typedef struct {
    dh_group group;
    mpz_t x, peer_y;
    uint8_t secret[256];
} speed_dh;

typedef struct {
    uint8_t private_key[X25519_KEY_SIZE], peer_public[X25519_KEY_SIZE];
    uint8_t secret[X25519_KEY_SIZE];
} speed_x25519;

/* The certificate rows' chain: vectors/certs/server.der under inter.der
 * under root.der (RSA-2048, made by openssl), compiled into the program
 * (the Makefile makes them C arrays), and a parsed certificate. The
 * server's certificate is for SPEED_X509_HOST and valid at
 * SPEED_X509_WHEN, as are the two above it. */
#define SPEED_X509_HOST "robot.lab"
#define SPEED_X509_WHEN 2000000000 /* 2033 */

extern const uint8_t speed_cert_server[], speed_cert_inter[], speed_cert_root[];
extern const size_t speed_cert_server_len, speed_cert_inter_len, speed_cert_root_len;

typedef struct {
    x509_bytes leaf, inter, root;
    x509_cert cert;
} speed_x509;

/* The RSA state on its own (what the SPEED_RSA_* and SPEED_HANDSHAKE_*
 * entries start): for the bench's processes that measure OpenSSL alone
 * with the same key and certificate. NULL on failure. */
speed_rsa *speed_rsa_start(void);
void speed_rsa_stop(speed_rsa *s);

/* A tls_config's verify callback for a client of the speed_rsa server
 * ctx: it trusts that server's key directly, so that a handshake is
 * timed, not certificate verification (the bench times that apart). */
see_status speed_trust_server_key(void *ctx, const certificate_msg *chain,
                                  rsa_public_key *key, tls_peer_cert *out);

/* The names of the paths an entry takes now (cpu_path_name of each of
 * its features the CPU offers, joined by "+"), or "portable". */
const char *speed_path(const speed_workload *w, char *buf, size_t size);

#endif
