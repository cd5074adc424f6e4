/*
 * libsodium_vectors.h: the formulas that define the messages and keys of
 * the libsodium-generated vector files (vectors/sha256_libsodium.txt and
 * vectors/hmac_sha256_libsodium.txt). They must match vectors/gen_vectors.c
 * and the files' headers, which state them.
 */
#ifndef SEETLS_TEST_LIBSODIUM_VECTORS_H
#define SEETLS_TEST_LIBSODIUM_VECTORS_H

#include <stddef.h>
#include <stdint.h>

/* message byte i (message of len bytes) = (i*31 + len) mod 256 */
static inline void vec_fill_message(uint8_t *m, size_t len)
{
    for (size_t i = 0; i < len; i++)
        m[i] = (uint8_t)((i * 31 + len) % 256);
}

/* key byte i (key of key_len bytes) = (i*7 + key_len*13 + 1) mod 256 */
static inline void vec_fill_key(uint8_t *k, size_t key_len)
{
    for (size_t i = 0; i < key_len; i++)
        k[i] = (uint8_t)((i * 7 + key_len * 13 + 1) % 256);
}

#endif
