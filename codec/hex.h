/*
 * hex.h: bytes as hexadecimal text, as the slides and the trace print them.
 */
#ifndef SEETLS_HEX_H
#define SEETLS_HEX_H

#include <stddef.h>
#include <stdint.h>

#include "core/error.h"

/* Lower-case hex of in[0..len) into out, which must hold 2*len + 1 chars
 * (the result is NUL-terminated). */
void see_hex_encode(const uint8_t *in, size_t len, char *out);

/* Parse hex text (upper or lower case, no spaces) into out (capacity cap).
 * *out_len receives the byte count. Errors: SEE_ERR_HEX_ODD,
 * SEE_ERR_HEX_DIGIT, SEE_ERR_BUFFER_SMALL. */
see_status see_hex_decode(const char *hex, uint8_t *out, size_t cap,
                          size_t *out_len);

#endif
