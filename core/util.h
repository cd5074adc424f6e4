/*
 * util.h: small helpers every module uses: wiping secrets, comparing in
 * constant time, big-endian and little-endian loads and stores.
 */
#ifndef SEETLS_UTIL_H
#define SEETLS_UTIL_H

#include <stddef.h>
#include <stdint.h>

#include "core/error.h"

/* Overwrite len bytes at p with zeros in a way the compiler cannot skip,
 * even when p is about to be freed or go out of scope. */
void see_wipe(void *p, size_t len);

/* 1 if the len bytes at a and b are equal, else 0. The time taken depends
 * only on len, never on where the first difference is. */
int see_ct_equal(const void *a, const void *b, size_t len);

/* Constant-time helpers on 32-bit words: all-ones (0xffffffff) when the
 * condition holds, 0 when it does not, without branching on the inputs. */
uint32_t see_ct_mask_eq(uint32_t a, uint32_t b);
uint32_t see_ct_mask_lt(uint32_t a, uint32_t b); /* a < b */

/* Big-endian loads and stores. */
static inline uint32_t see_load32_be(const uint8_t *p)
{
    return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) |
           ((uint32_t)p[2] << 8) | (uint32_t)p[3];
}

static inline void see_store32_be(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

static inline void see_store64_be(uint8_t *p, uint64_t v)
{
    see_store32_be(p, (uint32_t)(v >> 32));
    see_store32_be(p + 4, (uint32_t)v);
}

/* Little-endian loads and stores (ChaCha20, Poly1305, the bitsliced AES,
 * the AEADs' length blocks), byte by byte: the host's byte order never
 * matters. */
static inline uint32_t see_load32_le(const uint8_t *p)
{
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) |
           ((uint32_t)p[3] << 24);
}

static inline void see_store32_le(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)(v >> 16);
    p[3] = (uint8_t)(v >> 24);
}

static inline void see_store64_le(uint8_t *p, uint64_t v)
{
    see_store32_le(p, (uint32_t)v);
    see_store32_le(p + 4, (uint32_t)(v >> 32));
}

#endif
