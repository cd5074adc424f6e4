/*
 * chacha20_poly1305.h: AEAD_CHACHA20_POLY1305, RFC 8439 2.8.
 *
 * An AEAD (authenticated encryption with associated data) encrypts a
 * message and authenticates it together with associated data that travels
 * in the clear (in TLS, the record's sequence number and header). Sealing
 * gives the ciphertext followed by a 16-byte tag; opening checks the tag
 * first and releases the plaintext only if it matches.
 *
 *     one-time key  = first 32 bytes of chacha20_block(key, 0, nonce)   (2.6)
 *     ciphertext    = plaintext XOR ChaCha20(key, counter 1, nonce)     (2.4)
 *     tag           = Poly1305(one-time key,
 *                        aad | pad16 | ciphertext | pad16 |
 *                        le64(aad length) | le64(ciphertext length))   (2.8)
 *
 * The nonce (12 bytes) must never repeat under one key. Lengths: the
 * plaintext may have up to 2^38 - 64 bytes (2^32 - 1 ChaCha20 blocks after
 * the one that makes the Poly1305 key); on a 32-bit machine size_t is the
 * tighter bound. Every function wipes the one-time key and keystream it
 * made. Buffers are the caller's; in-place operation is allowed
 * (out == plaintext, or plaintext_out == sealed).
 */
#ifndef SEETLS_CHACHA20_POLY1305_H
#define SEETLS_CHACHA20_POLY1305_H

#include <stddef.h>
#include <stdint.h>

#include "core/error.h"

#define CHACHA20_POLY1305_KEY_SIZE   32
#define CHACHA20_POLY1305_NONCE_SIZE 12
#define CHACHA20_POLY1305_TAG_SIZE   16
/* P_MAX of RFC 8439 2.8: 274,877,906,880 bytes. */
#define CHACHA20_POLY1305_MAX_PLAINTEXT (((uint64_t)1 << 38) - 64)

/* The 32-byte Poly1305 key for this key and nonce (RFC 8439 2.6). */
void chacha20_poly1305_key_gen(const uint8_t key[CHACHA20_POLY1305_KEY_SIZE],
                               const uint8_t nonce[CHACHA20_POLY1305_NONCE_SIZE],
                               uint8_t one_time_key[32]);

/* Seal: out receives the ciphertext (plaintext_len bytes) then the tag,
 * *out_len = plaintext_len + 16. SEE_ERR_BUFFER_SMALL if out_size is less
 * than that, SEE_ERR_AEAD_LENGTH if the plaintext is longer than the AEAD
 * allows (P_MAX); nothing is written then. */
see_status chacha20_poly1305_seal(const uint8_t key[CHACHA20_POLY1305_KEY_SIZE],
                                  const uint8_t nonce[CHACHA20_POLY1305_NONCE_SIZE],
                                  const uint8_t *aad, size_t aad_len,
                                  const uint8_t *plaintext, size_t plaintext_len,
                                  uint8_t *out, size_t out_size, size_t *out_len);

/* Open: sealed is ciphertext || tag (sealed_len >= 16). The tag is checked
 * in constant time before any plaintext is produced; only when it matches
 * are the sealed_len - 16 bytes of plaintext written and *plaintext_len
 * set. SEE_ERR_AEAD_TAG if it does not match (plaintext_out is then left
 * as it was, unless it is sealed itself: in place, only ever
 * authenticated bytes are decrypted, so a failure changes nothing);
 * SEE_ERR_TRUNCATED if sealed_len < 16; SEE_ERR_BUFFER_SMALL if
 * plaintext_size < sealed_len - 16; SEE_ERR_AEAD_LENGTH if the ciphertext
 * is longer than the AEAD allows. */
see_status chacha20_poly1305_open(const uint8_t key[CHACHA20_POLY1305_KEY_SIZE],
                                  const uint8_t nonce[CHACHA20_POLY1305_NONCE_SIZE],
                                  const uint8_t *aad, size_t aad_len,
                                  const uint8_t *sealed, size_t sealed_len,
                                  uint8_t *plaintext_out, size_t plaintext_size,
                                  size_t *plaintext_len);

#endif
