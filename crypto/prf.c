/*
 * prf.c: the TLS 1.2 PRF with SHA-256 (RFC 5246 section 5) and the keys
 * the handshake derives with it (sections 6.3, 7.4.9 and 8.1; RFC 7627).
 */
#include "crypto/prf.h"

#include <string.h>

#include "crypto/hmac.h"
#include "core/util.h"

/*
 * RFC 5246 section 5:
 *   A(0) = seed,  A(i) = HMAC_hash(secret, A(i-1))
 *   P_hash(secret, seed) = HMAC_hash(secret, A(1) + seed) +
 *                          HMAC_hash(secret, A(2) + seed) + ...
 * iterated as far as needed and cut to out_len. The seed is passed in two
 * pieces (label and seed for the PRF) so that nothing is copied.
 */
static void p_sha256_parts(const uint8_t *secret, size_t secret_len,
                           const uint8_t *seed1, size_t seed1_len,
                           const uint8_t *seed2, size_t seed2_len,
                           uint8_t *out, size_t out_len)
{
    uint8_t a[HMAC_SHA256_SIZE], block[HMAC_SHA256_SIZE];
    hmac_sha256_ctx h;

    /* A(1) = HMAC(secret, A(0)) with A(0) = seed */
    hmac_sha256_init(&h, secret, secret_len);
    hmac_sha256_update(&h, seed1, seed1_len);
    hmac_sha256_update(&h, seed2, seed2_len);
    hmac_sha256_final(&h, a);

    while (out_len > 0) {
        /* HMAC(secret, A(i) + seed) is the next block of output */
        hmac_sha256_init(&h, secret, secret_len);
        hmac_sha256_update(&h, a, sizeof a);
        hmac_sha256_update(&h, seed1, seed1_len);
        hmac_sha256_update(&h, seed2, seed2_len);
        hmac_sha256_final(&h, block);
        size_t take = out_len < sizeof block ? out_len : sizeof block;
        memcpy(out, block, take);
        out += take;
        out_len -= take;
        /* A(i+1) = HMAC(secret, A(i)) */
        hmac_sha256(secret, secret_len, a, sizeof a, a);
    }
    see_wipe(a, sizeof a);
    see_wipe(block, sizeof block);
}

void prf_p_sha256(const uint8_t *secret, size_t secret_len,
                  const uint8_t *seed, size_t seed_len,
                  uint8_t *out, size_t out_len)
{
    p_sha256_parts(secret, secret_len, seed, seed_len, NULL, 0, out, out_len);
}

void prf_tls12(const uint8_t *secret, size_t secret_len, const char *label,
               const uint8_t *seed, size_t seed_len,
               uint8_t *out, size_t out_len)
{
    /* The label is ASCII without its terminating NUL (section 5). */
    p_sha256_parts(secret, secret_len, (const uint8_t *)label, strlen(label),
                   seed, seed_len, out, out_len);
}

void prf_master_secret(const uint8_t *premaster, size_t premaster_len,
                       const uint8_t rb[TLS_RANDOM_SIZE],
                       const uint8_t rs[TLS_RANDOM_SIZE],
                       uint8_t master[TLS_MASTER_SECRET_SIZE])
{
    /* RFC 5246 8.1: seed = ClientHello.random + ServerHello.random */
    uint8_t seed[2 * TLS_RANDOM_SIZE];
    memcpy(seed, rb, TLS_RANDOM_SIZE);
    memcpy(seed + TLS_RANDOM_SIZE, rs, TLS_RANDOM_SIZE);
    prf_tls12(premaster, premaster_len, "master secret", seed, sizeof seed,
              master, TLS_MASTER_SECRET_SIZE);
}

void prf_extended_master_secret(const uint8_t *premaster, size_t premaster_len,
                                const uint8_t session_hash[32],
                                uint8_t master[TLS_MASTER_SECRET_SIZE])
{
    prf_tls12(premaster, premaster_len, "extended master secret",
              session_hash, 32, master, TLS_MASTER_SECRET_SIZE);
}

const tls_key_sizes prf_cbc_sha256_sizes = { TLS_MAC_KEY_SIZE, 16, 0 };

/* The next n bytes of the key block into key. */
static const uint8_t *cut(const uint8_t *p, uint8_t *key, size_t n)
{
    memcpy(key, p, n);
    return p + n;
}

void prf_session_keys(const uint8_t master[TLS_MASTER_SECRET_SIZE],
                      const uint8_t rb[TLS_RANDOM_SIZE],
                      const uint8_t rs[TLS_RANDOM_SIZE],
                      const tls_key_sizes *sizes, tls_session_keys *keys)
{
    /* RFC 5246 6.3: seed = server_random + client_random, the reverse of
     * the master secret's order. */
    uint8_t seed[2 * TLS_RANDOM_SIZE];
    uint8_t block[2 * (TLS_MAC_KEY_SIZE + TLS_MAX_CIPHER_KEY_SIZE + TLS_MAX_IV_SIZE)];
    size_t mac = sizes->mac_key_len, key = sizes->key_len, iv = sizes->iv_len;
    memcpy(seed, rs, TLS_RANDOM_SIZE);
    memcpy(seed + TLS_RANDOM_SIZE, rb, TLS_RANDOM_SIZE);
    prf_tls12(master, TLS_MASTER_SECRET_SIZE, "key expansion", seed,
              sizeof seed, block, 2 * (mac + key + iv));

    /* client_write_MAC_key, server_write_MAC_key, client_write_key,
     * server_write_key, client_write_IV, server_write_IV: I_B, I_S, C_B,
     * C_S, IV_B, IV_S in the slides' names. */
    see_wipe(keys, sizeof *keys);
    keys->sizes = *sizes;
    const uint8_t *p = block;
    p = cut(p, keys->i_b, mac);
    p = cut(p, keys->i_s, mac);
    p = cut(p, keys->c_b, key);
    p = cut(p, keys->c_s, key);
    p = cut(p, keys->iv_b, iv);
    cut(p, keys->iv_s, iv);
    see_wipe(block, sizeof block);
}

void prf_finished(const uint8_t master[TLS_MASTER_SECRET_SIZE],
                  const char *label, const uint8_t transcript_hash[32],
                  uint8_t verify_data[TLS_VERIFY_DATA_SIZE])
{
    prf_tls12(master, TLS_MASTER_SECRET_SIZE, label, transcript_hash, 32,
              verify_data, TLS_VERIFY_DATA_SIZE);
}
