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
 * The arithmetic is in limbs of our own (no GMP: its integers take time
 * that depends on their values): the time depends on the message length
 * only, never on the key or the message bytes. A number below 2^131 is
 * held in one of two layouts, chosen when compiling; both give the same
 * tags, and poly1305.c reads the same with either (the pattern of
 * crypto/field25519.h):
 *
 *  - three limbs of 44, 44 and 42 bits (poly1305_44.c, the layout of
 *    poly1305-donna-64), with 64 x 64 -> 128-bit products: where the
 *    compiler has a 128-bit integer type (x86-64, 64-bit ARM). Nine
 *    products a block instead of twenty-five.
 *  - five limbs of 26 bits (poly1305_26.c, the layout of poly1305-donna-32
 *    and of RFC 8439's own description), with 32 x 32 -> 64-bit products,
 *    which every target has: 32-bit ARM, and anywhere when compiled with
 *    -DSEETLS_POLY1305_26, as test_chacha20_26 does on this machine. The
 *    one to read first.
 *
 * Where the CPU has several 64-bit lanes in one register (crypto/hw_paths.h,
 * HW_POLY1305: AVX2 on x86-64), runs of POLY1305_VECTOR_MIN_BLOCKS whole
 * blocks or more go four at a time through crypto/poly1305_x86.c,
 * whichever layout the scalar code has.
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

/* The vector path takes a run of whole blocks (in one update) from this
 * many on, 576 bytes: below, making r^2..r^4, converting the accumulator
 * and combining the lanes at the end cost about what the lanes save
 * (one-shot here, the two paths took the same time at 512 bytes; at 576
 * the lanes took 6% less). */
#define POLY1305_VECTOR_MIN_BLOCKS 36

#if defined(__SIZEOF_INT128__) && !defined(SEETLS_POLY1305_26)
#define POLY1305_RADIX_44 1
#define POLY1305_LIMBS 3
typedef uint64_t poly1305_limb;
#else
#define POLY1305_RADIX_44 0
#define POLY1305_LIMBS 5
typedef uint32_t poly1305_limb;
#endif

typedef struct {
    poly1305_limb r[POLY1305_LIMBS];   /* r, clamped */
    poly1305_limb acc[POLY1305_LIMBS]; /* the accumulator (h in many texts) */
    uint32_t s[4];       /* s, as four little-endian words */
    /* r, r^2, r^3, r^4 (mod p) in five 26-bit limbs each (r^k's at
     * 5(k - 1)), for the vector path (HW_POLY1305); made on its first use,
     * when powers_made is 1. */
    uint32_t r_powers[20];
    int powers_made;
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

/*
 * The arithmetic of one layout (poly1305_26.c or poly1305_44.c), for
 * poly1305.c. Limbs are "partly reduced": each at most a little over its
 * width (the files give the bounds), the number below 2^130 plus a little,
 * not necessarily below p.
 */

/* 16 little-endian bytes, a number below 2^128, into limbs. */
void poly1305_limbs_from_bytes(poly1305_limb x[POLY1305_LIMBS],
                               const uint8_t bytes[16]);

/* For each of the n blocks of 16 bytes at m: acc = (acc + block) * r mod p
 * (partly reduced). With full = 1 each block has 2^128 added (RFC 8439
 * 2.5: the 0x01 byte above a full block); with full = 0 it is taken as it
 * is (the last short block, which the caller padded with its 0x01 byte and
 * zeros). */
void poly1305_limbs_blocks(poly1305_limb acc[POLY1305_LIMBS],
                           const poly1305_limb r[POLY1305_LIMBS],
                           const uint8_t *m, size_t n, int full);

/* h = f * g mod p (partly reduced); h may be f or g. */
void poly1305_limbs_mul(poly1305_limb h[POLY1305_LIMBS],
                        const poly1305_limb f[POLY1305_LIMBS],
                        const poly1305_limb g[POLY1305_LIMBS]);

/* h mod p, fully reduced, as its low 128 bits in four 32-bit words, least
 * significant first (what the tag adds s to). */
void poly1305_limbs_to_words(uint32_t words[4],
                             const poly1305_limb h[POLY1305_LIMBS]);

/* To and from five 26-bit limbs (the vector path's layout), the same
 * number: each out[i] below 2^27, as each in[i] must be. */
void poly1305_limbs_to_26(uint32_t out[5], const poly1305_limb h[POLY1305_LIMBS]);
void poly1305_limbs_from_26(poly1305_limb h[POLY1305_LIMBS], const uint32_t in[5]);

#endif
