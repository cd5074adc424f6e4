/* hmac.c: HMAC-SHA256 as RFC 2104 section 2 defines it. */
#include "crypto/hmac.h"

#include <string.h>

#include "core/util.h"

#define IPAD 0x36
#define OPAD 0x5c

void hmac_sha256_init(hmac_sha256_ctx *ctx, const void *key, size_t key_len)
{
    uint8_t block[SHA256_BLOCK_SIZE] = {0};

    /* RFC 2104 section 2: a key longer than the block is hashed first; a
     * shorter one is padded with zeros to the block length. */
    if (key_len > SHA256_BLOCK_SIZE)
        sha256(key, key_len, block);
    else if (key_len > 0)
        memcpy(block, key, key_len);

    for (int i = 0; i < SHA256_BLOCK_SIZE; i++)
        block[i] ^= IPAD;
    sha256_init(&ctx->inner);
    sha256_update(&ctx->inner, block, sizeof block);

    /* (K' xor ipad) xor (ipad xor opad) = K' xor opad */
    for (int i = 0; i < SHA256_BLOCK_SIZE; i++)
        block[i] ^= IPAD ^ OPAD;
    sha256_init(&ctx->outer);
    sha256_update(&ctx->outer, block, sizeof block);

    see_wipe(block, sizeof block);
}

void hmac_sha256_update(hmac_sha256_ctx *ctx, const void *data, size_t len)
{
    sha256_update(&ctx->inner, data, len);
}

void hmac_sha256_final(hmac_sha256_ctx *ctx, uint8_t tag[HMAC_SHA256_SIZE])
{
    uint8_t inner_hash[SHA256_DIGEST_SIZE];
    sha256_final(&ctx->inner, inner_hash);
    sha256_update(&ctx->outer, inner_hash, sizeof inner_hash);
    sha256_final(&ctx->outer, tag);
    see_wipe(inner_hash, sizeof inner_hash);
}

void hmac_sha256(const void *key, size_t key_len, const void *data,
                 size_t len, uint8_t tag[HMAC_SHA256_SIZE])
{
    hmac_sha256_ctx ctx;
    hmac_sha256_init(&ctx, key, key_len);
    hmac_sha256_update(&ctx, data, len);
    hmac_sha256_final(&ctx, tag);
}
