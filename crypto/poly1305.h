/*
 * poly1305.h: the Poly1305 one-time authenticator, RFC 8439 2.5.
 *
 * The 32-byte one-time key is r || s. The message, in 16-byte blocks each
 * read as a little-endian number with one more 1 byte on top, is the list
 * of coefficients of a polynomial evaluated at r modulo the prime
 * p = 2^130 - 5:
 *
 *     acc = ((acc + block) * r) mod p     for each block
 *     tag = (acc + s) mod 2^128
 *
 * A key must authenticate one message only: two tags under the same key
 * give away r and let anyone forge (hence the AEAD derives a fresh key for
 * every nonce, chacha20_poly1305.h).
 *
 * The arithmetic is in five 26-bit limbs of our own (no GMP: its integers
 * take time that depends on their values): the time depends on the message
 * length only, never on the key or the message bytes.
 *
 * Streaming: poly1305_init, _update (any split), _final, which writes the
 * tag and wipes the context. These cannot fail.
 */
#ifndef SEETLS_POLY1305_H
#define SEETLS_POLY1305_H

#include <stddef.h>
#include <stdint.h>

#define POLY1305_KEY_SIZE 32
#define POLY1305_TAG_SIZE 16
#define POLY1305_BLOCK_SIZE 16

typedef struct {
    uint32_t r[5];       /* r, clamped, in 26-bit limbs */
    uint32_t acc[5];     /* the accumulator, in 26-bit limbs (h in many texts) */
    uint32_t s[4];       /* s, as four little-endian words */
    uint8_t buffer[POLY1305_BLOCK_SIZE]; /* a block not yet complete */
    size_t buffered;     /* bytes in buffer, 0..15 */
} poly1305_ctx;

void poly1305_init(poly1305_ctx *ctx, const uint8_t key[POLY1305_KEY_SIZE]);
void poly1305_update(poly1305_ctx *ctx, const void *data, size_t len);
void poly1305_final(poly1305_ctx *ctx, uint8_t tag[POLY1305_TAG_SIZE]);

void poly1305(const uint8_t key[POLY1305_KEY_SIZE], const void *data,
              size_t len, uint8_t tag[POLY1305_TAG_SIZE]);

/* 1 if the tag of data under key is expected_tag, else 0; the comparison
 * takes the same time wherever the tags differ (RFC 8439 4). */
int poly1305_verify(const uint8_t key[POLY1305_KEY_SIZE], const void *data,
                    size_t len, const uint8_t expected_tag[POLY1305_TAG_SIZE]);

#endif
