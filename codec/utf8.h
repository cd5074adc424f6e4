/*
 * utf8.h: UTF-8 (RFC 3629, Unicode 15.0 section 3.9), decoded and checked
 * in one place for every part of seetls that meets text: WebSocket text
 * messages (RFC 6455 8.1), the JSON the robot writes, a PKCS#12 password
 * and friendlyName as a BMPString.
 *
 * Well-formed means the byte sequences of Unicode's table 3-7 and nothing
 * else: no overlong form (C0, C1, E0 80..9F, F0 80..8F), no encoded
 * surrogate (ED A0..BF), nothing above U+10FFFF (F4 90.., F5..FF), no
 * continuation byte where a character should begin, no character cut
 * short.
 *
 * Three ways in:
 *   - utf8_decode, one byte at a time, for text that arrives in pieces (a
 *     WebSocket message's fragments): it says whether a character ended
 *     at that byte (and which), is still due more bytes, or cannot go on;
 *   - utf8_next, the character at the start of some bytes and its length,
 *     for a caller that converts or substitutes character by character;
 *   - utf8_valid, the yes or no for a whole piece of text.
 */
#ifndef SEETLS_UTF8_H
#define SEETLS_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* The longest character, in bytes. */
#define UTF8_MAX_CHAR 4

/* Where a decoder is: the bits of the character so far, how many
 * continuation bytes are still due, and the range the next one must lie
 * in (only the first continuation byte's range is narrower than 80..BF). */
typedef struct {
    uint32_t code_point;
    uint8_t need;
    uint8_t lo, hi;
} utf8_decoder;

typedef enum {
    UTF8_CHARACTER,   /* a character ended at this byte */
    UTF8_INCOMPLETE,  /* a character has begun; more bytes are due */
    UTF8_INVALID      /* the byte cannot come here; the decoder starts afresh */
} utf8_step;

/* A decoder at the start of text (between two characters). */
void utf8_decoder_init(utf8_decoder *d);

/* Take one byte. UTF8_CHARACTER sets *code_point (U+0000..U+10FFFF, never
 * a surrogate); after UTF8_INVALID the decoder is as after init, so that
 * the caller may go on with the next character. */
utf8_step utf8_decode(utf8_decoder *d, uint8_t byte, uint32_t *code_point);

/* Take n bytes: 0 at the first that cannot be part of well-formed UTF-8
 * (the rest are not looked at), else 1. The text may stop inside a
 * character: utf8_complete says whether it did. */
int utf8_feed(utf8_decoder *d, const uint8_t *p, size_t n);

/* 1 if no character is left half-way. */
int utf8_complete(const utf8_decoder *d);

/* 1 if the n bytes at p are well-formed UTF-8 throughout (n == 0 is). */
int utf8_valid(const uint8_t *p, size_t n);

/* The character at the start of p (n bytes there): its length in bytes
 * (1..UTF8_MAX_CHAR), with *code_point; 0 if the bytes there do not begin
 * with a whole well-formed character (n == 0, a bad byte, or one cut
 * short), *code_point then untouched. */
size_t utf8_next(const uint8_t *p, size_t n, uint32_t *code_point);

#endif
