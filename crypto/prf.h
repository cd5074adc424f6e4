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

/* The four session keys of an AES-128-CBC + HMAC-SHA256 suite. */
typedef struct {
    uint8_t i_b[TLS_MAC_KEY_SIZE];    /* client_write_MAC_key: I_B */
    uint8_t i_s[TLS_MAC_KEY_SIZE];    /* server_write_MAC_key: I_S */
    uint8_t c_b[TLS_CIPHER_KEY_SIZE]; /* client_write_key:     C_B */
    uint8_t c_s[TLS_CIPHER_KEY_SIZE]; /* server_write_key:     C_S */
} tls_session_keys;

/* RFC 5246 6.3: key_block = PRF(master, "key expansion", RS + RB), cut in
 * the order I_B, I_S, C_B, C_S. (Note the seed order: the server's random
 * comes first here, the client's first in the master secret.) CBC suites in
 * TLS 1.2 send an explicit IV in every record, so no IVs are derived. */
void prf_session_keys(const uint8_t master[TLS_MASTER_SECRET_SIZE],
                      const uint8_t rb[TLS_RANDOM_SIZE],
                      const uint8_t rs[TLS_RANDOM_SIZE],
                      tls_session_keys *keys);

/* RFC 5246 7.4.9: verify_data = PRF(master, label, Hash(handshake
 * messages))[0..11], label "client finished" or "server finished". */
void prf_finished(const uint8_t master[TLS_MASTER_SECRET_SIZE],
                  const char *label, const uint8_t transcript_hash[32],
                  uint8_t verify_data[TLS_VERIFY_DATA_SIZE]);

#endif
