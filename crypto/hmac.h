/*
 * hmac.h: HMAC-SHA256, RFC 2104 (and FIPS 198-1).
 *
 *   HMAC(K, m) = H((K' xor opad) || H((K' xor ipad) || m))
 *
 * where K' is the key padded with zeros to the 64-byte block, or first
 * hashed to 32 bytes when it is longer than a block. Keys of any length are
 * accepted. Streaming: hmac_sha256_init, _update (any split), _final, which
 * writes the 32-byte tag and wipes the context. These cannot fail.
 */
#ifndef SEETLS_HMAC_H
#define SEETLS_HMAC_H

#include <stddef.h>
#include <stdint.h>

#include "crypto/sha256.h"

#define HMAC_SHA256_SIZE 32

typedef struct {
    sha256_ctx inner; /* H((K' xor ipad) || ...), fed the message */
    sha256_ctx outer; /* H((K' xor opad) || ...), fed the inner hash at the end */
} hmac_sha256_ctx;

void hmac_sha256_init(hmac_sha256_ctx *ctx, const void *key, size_t key_len);
void hmac_sha256_update(hmac_sha256_ctx *ctx, const void *data, size_t len);
void hmac_sha256_final(hmac_sha256_ctx *ctx, uint8_t tag[HMAC_SHA256_SIZE]);

void hmac_sha256(const void *key, size_t key_len, const void *data,
                 size_t len, uint8_t tag[HMAC_SHA256_SIZE]);

#endif
