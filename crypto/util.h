/*
 * util.h: small helpers every module uses: wiping secrets, comparing in
 * constant time, hex and base64.
 */
#ifndef SEETLS_UTIL_H
#define SEETLS_UTIL_H

#include <stddef.h>
#include <stdint.h>

#include "crypto/error.h"

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

/* Lower-case hex of in[0..len) into out, which must hold 2*len + 1 chars
 * (the result is NUL-terminated). */
void see_hex_encode(const uint8_t *in, size_t len, char *out);

/* Parse hex text (upper or lower case, no spaces) into out (capacity cap).
 * *out_len receives the byte count. Errors: SEE_ERR_HEX_ODD,
 * SEE_ERR_HEX_DIGIT, SEE_ERR_BUFFER_SMALL. */
see_status see_hex_decode(const char *hex, uint8_t *out, size_t cap,
                          size_t *out_len);

/* Standard base64 (RFC 4648 section 4) with '=' padding. out must hold
 * see_base64_encoded_len(len) + 1 chars; the result is NUL-terminated. */
size_t see_base64_encoded_len(size_t len);
void see_base64_encode(const uint8_t *in, size_t len, char *out);

/* Decode base64 text of in_len chars; whitespace (space, tab, CR, LF) is
 * skipped, anything else outside the alphabet, bad padding or a length that
 * is not a whole number of groups is SEE_ERR_BASE64. */
see_status see_base64_decode(const char *in, size_t in_len, uint8_t *out,
                             size_t cap, size_t *out_len);

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

#endif
