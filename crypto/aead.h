/*
 * aead.h: the one interface to the AEADs (authenticated encryption with
 * associated data, RFC 5116), so that the record layer (handshake/record.c)
 * and `seetls enc` call one seal and one open whichever cipher the suite
 * or the user chose:
 *
 *   aead_aes128_gcm          AES-128-GCM (gcm.h; RFC 5116 5.1)
 *   aead_chacha20_poly1305   ChaCha20-Poly1305 (chacha20_poly1305.h;
 *                            RFC 8439 2.8)
 *
 * Both take a 12-byte nonce and append a 16-byte tag. Seal gives
 * ciphertext || tag; open checks the tag in constant time before any
 * plaintext is released. A nonce must never be used twice under one key
 * (TLS makes it from the record's sequence number: record.h).
 */
#ifndef SEETLS_AEAD_H
#define SEETLS_AEAD_H

#include <stddef.h>
#include <stdint.h>

#include "core/error.h"
#include "crypto/chacha20_poly1305.h"
#include "crypto/gcm.h"

#define AEAD_NONCE_SIZE   12
#define AEAD_TAG_SIZE     16
#define AEAD_MAX_KEY_SIZE 32

typedef struct aead_algorithm aead_algorithm;

/* A key made ready for one algorithm: GCM's expanded AES schedule and
 * hash subkey, or ChaCha20's 32 bytes as they are. */
typedef struct {
    const aead_algorithm *alg;
    union {
        aes128_gcm_key gcm;
        uint8_t chacha20[CHACHA20_POLY1305_KEY_SIZE];
    } k;
} aead_key;

struct aead_algorithm {
    const char *name;   /* "AES-128-GCM", "ChaCha20-Poly1305" (RFC 5116's
                           registry writes AEAD_AES_128_GCM ...) */
    size_t key_size;    /* 16 or 32 */
    see_status (*set_key)(aead_key *key, const uint8_t *raw);
    see_status (*seal)(const aead_key *key, const uint8_t *nonce,
                       const uint8_t *aad, size_t aad_len,
                       const uint8_t *plaintext, size_t len,
                       uint8_t *out, size_t cap);
    see_status (*open)(const aead_key *key, const uint8_t *nonce,
                       const uint8_t *aad, size_t aad_len,
                       const uint8_t *sealed, size_t sealed_len,
                       uint8_t *out, size_t cap);
};

extern const aead_algorithm aead_aes128_gcm;
extern const aead_algorithm aead_chacha20_poly1305;

/* Make raw[0..raw_len) the key of alg: SEE_ERR_KEY_LENGTH unless raw_len
 * is alg->key_size. */
see_status aead_set_key(aead_key *key, const aead_algorithm *alg,
                        const uint8_t *raw, size_t raw_len);

/* Seal len bytes: out receives the ciphertext, then the tag; *out_len =
 * len + AEAD_TAG_SIZE. out may be plaintext itself (in place), but must
 * not otherwise overlap it. SEE_ERR_BUFFER_SMALL when cap is less than
 * that, SEE_ERR_AEAD_LENGTH past the algorithm's limit. aad may be NULL
 * when aad_len is 0. */
see_status aead_seal(const aead_key *key, const uint8_t nonce[AEAD_NONCE_SIZE],
                     const uint8_t *aad, size_t aad_len,
                     const uint8_t *plaintext, size_t len,
                     uint8_t *out, size_t cap, size_t *out_len);

/* Open ciphertext || tag (sealed_len >= AEAD_TAG_SIZE, else
 * SEE_ERR_TRUNCATED): *out_len = sealed_len - AEAD_TAG_SIZE bytes of
 * plaintext at out, or SEE_ERR_AEAD_TAG when the tag does not match, and
 * then out[0..sealed_len - AEAD_TAG_SIZE) holds zeros, never a byte of
 * unauthenticated plaintext. out may be sealed itself (in place). Other
 * errors as for seal. */
see_status aead_open(const aead_key *key, const uint8_t nonce[AEAD_NONCE_SIZE],
                     const uint8_t *aad, size_t aad_len,
                     const uint8_t *sealed, size_t sealed_len,
                     uint8_t *out, size_t cap, size_t *out_len);

/* Zero the key. */
void aead_wipe(aead_key *key);

#endif
