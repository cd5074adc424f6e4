/*
 * json.h: text as a JSON string (RFC 8259 7), written through the bounded
 * writer (core/bytes.h), for everything seetls writes as JSON: the robot's
 * events file and its web console's messages.
 *
 * The text is taken as UTF-8, as JSON exchanged between systems must be
 * (RFC 8259 8.1), and whatever it holds the string written is valid JSON
 * and valid UTF-8:
 *   - '"' and '\' are escaped with a backslash (7);
 *   - the control characters U+0000..U+001F, which 7 forbids raw, and DEL
 *     (U+007F, a control character too, which 7 allows) as \u00XX, lower
 *     case;
 *   - every well-formed character (codec/utf8.h) passes as it is, accents
 *     and emoji included;
 *   - each byte that does not begin one becomes U+FFFD REPLACEMENT
 *     CHARACTER (its UTF-8, EF BF BD): Latin-1's "caf\xe9" is written as
 *     "caf" and U+FFFD, an E2 82 cut short of its third byte as two U+FFFD.
 */
#ifndef SEETLS_JSON_H
#define SEETLS_JSON_H

#include <stddef.h>
#include <stdint.h>

#include "core/bytes.h"
#include "core/error.h"

/* The most bytes json_write_string writes for n bytes of text: the two
 * quotes, and six for a byte at worst (\u00XX). */
#define JSON_STRING_MAX(n) (2 + 6 * (size_t)(n))

/* The n bytes at s as a JSON string, quotes included, appended to w.
 * SEE_ERR_BUFFER_SMALL if it does not fit (w then holds part of it). */
see_status json_write_string(writer *w, const uint8_t *s, size_t n);
/* The same for a NUL-ended string. */
see_status json_write_text(writer *w, const char *text);

#endif
