/*
 * base64.h: base64 (RFC 4648 section 4), the text inside PEM blocks.
 */
#ifndef SEETLS_BASE64_H
#define SEETLS_BASE64_H

#include <stddef.h>
#include <stdint.h>

#include "core/error.h"

/* Standard base64 (RFC 4648 section 4) with '=' padding. out must hold
 * see_base64_encoded_len(len) + 1 chars; the result is NUL-terminated. */
size_t see_base64_encoded_len(size_t len);
void see_base64_encode(const uint8_t *in, size_t len, char *out);

/* Decode base64 text of in_len chars; whitespace (space, tab, CR, LF) is
 * skipped, anything else outside the alphabet, bad padding or a length that
 * is not a whole number of groups is SEE_ERR_BASE64. */
see_status see_base64_decode(const char *in, size_t in_len, uint8_t *out,
                             size_t cap, size_t *out_len);

#endif
