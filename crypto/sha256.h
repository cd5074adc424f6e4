/*
 * sha256.h: SHA-256, FIPS 180-4 section 6.2.
 *
 * Streaming: sha256_init, then sha256_update any number of times with any
 * split of the message, then sha256_final, which writes the 32-byte digest
 * and wipes the context. sha256() does all three at once. Messages of any
 * length, including 0, are accepted. These functions cannot fail.
 */
#ifndef SEETLS_SHA256_H
#define SEETLS_SHA256_H

#include <stddef.h>
#include <stdint.h>

#include "crypto/md_blocks.h"

#define SHA256_BLOCK_SIZE  64
#define SHA256_DIGEST_SIZE 32

typedef struct {
    uint32_t state[8];  /* H0..H7, the running hash value */
    md_blocks blocks;   /* the message's blocks and its padding
                           (crypto/md_blocks.h) */
} sha256_ctx;

void sha256_init(sha256_ctx *ctx);
void sha256_update(sha256_ctx *ctx, const void *data, size_t len);
void sha256_final(sha256_ctx *ctx, uint8_t digest[SHA256_DIGEST_SIZE]);

void sha256(const void *data, size_t len, uint8_t digest[SHA256_DIGEST_SIZE]);

/* FIPS 180-4 4.2.2's 64 round constants K, for the hardware paths beside
 * sha256.c (sha256_x86.c, sha256_arm.c), which add them four at a time. */
extern const uint32_t sha256_k[64];

#endif
