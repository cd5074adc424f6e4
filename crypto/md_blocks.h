/*
 * md_blocks.h: what SHA-1 and SHA-256 do alike (FIPS 180-4): cut the
 * message into 64-byte blocks for the hash's compression function, keep a
 * partial block until more comes, and at the end pad it (5.1.1: a 1 bit,
 * zeros up to 448 mod 512 bits, the message length in bits as 64 bits).
 * The Merkle-Damgard construction: each hash brings its own compression
 * function and initial state (crypto/sha1.c, crypto/sha256.c); this file
 * feeds it.
 */
#ifndef SEETLS_MD_BLOCKS_H
#define SEETLS_MD_BLOCKS_H

#include <stddef.h>
#include <stdint.h>

#define MD_BLOCK_SIZE 64

/* A hash's compression function over n consecutive blocks into its
 * running state: n calls of the one-block function of the standard, or a
 * hardware path that takes them at once without setting its registers up
 * for each block (crypto/sha256_x86.h). */
typedef void md_compress_fn(uint32_t *state, const uint8_t *blocks, size_t n);

typedef struct {
    uint64_t total_bytes;           /* message length so far */
    uint8_t buffer[MD_BLOCK_SIZE];  /* a partial block waiting for more */
    size_t buffered;                /* bytes in buffer */
} md_blocks;

void md_blocks_init(md_blocks *b);

/* Feed len bytes (data may be NULL when len is 0): the whole blocks go
 * through compress at once, the rest waits in b. */
void md_blocks_update(md_blocks *b, uint32_t *state, md_compress_fn *compress,
                      const void *data, size_t len);

/* The padding of 5.1.1 and the last one or two blocks through compress;
 * b is wiped. state then holds the hash value H(N). */
void md_blocks_final(md_blocks *b, uint32_t *state, md_compress_fn *compress);

#endif
