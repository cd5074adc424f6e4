/*
 * prf.h: the TLS 1.2 pseudorandom function and the keys it derives,
 * RFC 5246 sections 5, 6.3 and 8.1, named as the slides name them.
 *
 *   P_SHA256(secret, seed) = HMAC(secret, A(1) + seed) +
 *                            HMAC(secret, A(2) + seed) + ...
 *   A(0) = seed, A(i) = HMAC(secret, A(i-1))
 *   PRF(secret, label, seed) = P_SHA256(secret, label + seed)
 *
 * From the premaster secret PS and the two randoms RB (client) and RS
 * (server) come the master secret, then the key block, cut into the MAC
 * keys I_B, I_S and the cipher keys C_B, C_S.
 */
#ifndef SEETLS_PRF_H
#define SEETLS_PRF_H

#include <stddef.h>
#include <stdint.h>

#include "core/error.h"

#define TLS_RANDOM_SIZE        32 /* RB and RS: 256 bits each */
#define TLS_MASTER_SECRET_SIZE 48
#define TLS_MAC_KEY_SIZE       32 /* HMAC-SHA256 keys I_B, I_S */
#define TLS_CIPHER_KEY_SIZE    16 /* AES-128 keys C_B, C_S */
#define TLS_VERIFY_DATA_SIZE   12 /* Finished, RFC 5246 7.4.9 */

/* P_SHA256 (RFC 5246 section 5): out_len bytes of output. */
void prf_p_sha256(const uint8_t *secret, size_t secret_len,
                  const uint8_t *seed, size_t seed_len,
                  uint8_t *out, size_t out_len);

/* PRF(secret, label, seed) = P_SHA256(secret, label + seed). */
void prf_tls12(const uint8_t *secret, size_t secret_len, const char *label,
               const uint8_t *seed, size_t seed_len,
               uint8_t *out, size_t out_len);

/* RFC 5246 8.1: master_secret = PRF(PS, "master secret", RB + RS)[0..47]. */
void prf_master_secret(const uint8_t *premaster, size_t premaster_len,
                       const uint8_t rb[TLS_RANDOM_SIZE],
                       const uint8_t rs[TLS_RANDOM_SIZE],
                       uint8_t master[TLS_MASTER_SECRET_SIZE]);

/* RFC 7627 section 4: the extended master secret binds the whole
 * handshake: PRF(PS, "extended master secret", session_hash)[0..47]. */
void prf_extended_master_secret(const uint8_t *premaster, size_t premaster_len,
                                const uint8_t session_hash[32],
                                uint8_t master[TLS_MASTER_SECRET_SIZE]);

/* How many bytes of each key a suite takes from the key block (RFC 5246
 * 6.3): the record protection decides (handshake/record.h). */
typedef struct {
    size_t mac_key_len;   /* I_B, I_S: 32 for HMAC-SHA256, 0 for an AEAD */
    size_t key_len;       /* C_B, C_S: 16 for AES-128, 32 for ChaCha20 */
    size_t iv_len;        /* IV_B, IV_S: 0 for CBC (every record carries
                             its IV), 4 for GCM (RFC 5288 3), 12 for
                             ChaCha20-Poly1305 (RFC 7905 2) */
} tls_key_sizes;

#define TLS_MAX_CIPHER_KEY_SIZE 32
#define TLS_MAX_IV_SIZE         12

/* The session keys, each direction's: the MAC keys I_B and I_S, the
 * cipher keys C_B and C_S, and for an AEAD the IVs IV_B and IV_S (the
 * implicit part of each record's nonce). Only the first sizes.* bytes of
 * each are keys; the rest is zero. */
typedef struct {
    tls_key_sizes sizes;
    uint8_t i_b[TLS_MAC_KEY_SIZE];        /* client_write_MAC_key: I_B */
    uint8_t i_s[TLS_MAC_KEY_SIZE];        /* server_write_MAC_key: I_S */
    uint8_t c_b[TLS_MAX_CIPHER_KEY_SIZE]; /* client_write_key:     C_B */
    uint8_t c_s[TLS_MAX_CIPHER_KEY_SIZE]; /* server_write_key:     C_S */
    uint8_t iv_b[TLS_MAX_IV_SIZE];        /* client_write_IV:      IV_B */
    uint8_t iv_s[TLS_MAX_IV_SIZE];        /* server_write_IV:      IV_S */
} tls_session_keys;

/* The sizes of AES-128-CBC with HMAC-SHA256: I 32, C 16, no IV. */
extern const tls_key_sizes prf_cbc_sha256_sizes;

/* RFC 5246 6.3: key_block = PRF(master, "key expansion", RS + RB), cut in
 * the order I_B, I_S, C_B, C_S, IV_B, IV_S at the given sizes (each at most
 * its field above). (Note the seed order: the server's random comes first
 * here, the client's first in the master secret.) */
void prf_session_keys(const uint8_t master[TLS_MASTER_SECRET_SIZE],
                      const uint8_t rb[TLS_RANDOM_SIZE],
                      const uint8_t rs[TLS_RANDOM_SIZE],
                      const tls_key_sizes *sizes, tls_session_keys *keys);

/* RFC 5246 7.4.9: verify_data = PRF(master, label, Hash(handshake
 * messages))[0..11], label "client finished" or "server finished". */
void prf_finished(const uint8_t master[TLS_MASTER_SECRET_SIZE],
                  const char *label, const uint8_t transcript_hash[32],
                  uint8_t verify_data[TLS_VERIFY_DATA_SIZE]);

#endif
