/*
 * bytes.h: the one bounded byte reader and writer that every parser and
 * encoder in seetls goes through (DER, TLS messages, the robot protocol).
 *
 * A reader is a cursor over a caller's buffer. Every get checks that enough
 * bytes remain and fails with SEE_ERR_TRUNCATED otherwise, so no parser does
 * pointer arithmetic of its own and none can read past its input. A get
 * that fails leaves the reader where it was. All integers are big-endian
 * (network order), as TLS and DER use them.
 *
 * A writer appends to a caller's buffer of fixed capacity and fails with
 * SEE_ERR_BUFFER_SMALL rather than overflow. Length-prefixed fields are
 * written by opening the prefix (writer_open_length), writing the body, then
 * closing it (writer_close_length), which fills in the length.
 */
#ifndef SEETLS_BYTES_H
#define SEETLS_BYTES_H

#include <stddef.h>
#include <stdint.h>

#include "core/error.h"

typedef struct {
    const uint8_t *data;
    size_t len;
    size_t pos;
} reader;

typedef struct {
    uint8_t *data;
    size_t cap;
    size_t len;
} writer;

void reader_init(reader *r, const uint8_t *data, size_t len);
size_t reader_remaining(const reader *r);
int reader_at_end(const reader *r);

see_status reader_u8(reader *r, uint8_t *v);
see_status reader_u16(reader *r, uint16_t *v);
see_status reader_u24(reader *r, uint32_t *v);
see_status reader_u32(reader *r, uint32_t *v);
see_status reader_u64(reader *r, uint64_t *v);

/* Point *out at the next n bytes (inside the reader's buffer) and skip them. */
see_status reader_bytes(reader *r, size_t n, const uint8_t **out);
/* Copy the next n bytes into out. */
see_status reader_copy(reader *r, uint8_t *out, size_t n);
/* A reader over the next n bytes; the parent skips past them. */
see_status reader_sub(reader *r, size_t n, reader *sub);
/* A length-prefixed field: a width-byte big-endian length (1, 2 or 3)
 * followed by that many bytes, returned as a sub-reader. */
see_status reader_vector(reader *r, int width, reader *sub);
/* SEE_ERR_TRAILING unless the reader is at its end. */
see_status reader_expect_end(const reader *r);

void writer_init(writer *w, uint8_t *data, size_t cap);
see_status writer_u8(writer *w, uint8_t v);
see_status writer_u16(writer *w, uint16_t v);
see_status writer_u24(writer *w, uint32_t v);
see_status writer_u32(writer *w, uint32_t v);
see_status writer_u64(writer *w, uint64_t v);
see_status writer_bytes(writer *w, const void *data, size_t n);
/* The characters of a NUL-ended string, without the NUL. */
see_status writer_text(writer *w, const char *text);
/* Reserve n bytes and point *out at them, for the caller to fill. */
see_status writer_reserve(writer *w, size_t n, uint8_t **out);

/* Open a length prefix of width bytes (1, 2 or 3); *mark remembers where.
 * After writing the body, writer_close_length fills in its length and fails
 * with SEE_ERR_ARGUMENT if the body is too long for the width. */
see_status writer_open_length(writer *w, int width, size_t *mark);
see_status writer_close_length(writer *w, int width, size_t mark);
/* A whole length-prefixed field, the writer's side of reader_vector: the
 * length of data in width bytes, then data (RFC 5246 4.3 vectors,
 * "opaque x<0..2^16-1>" is width 2). */
see_status writer_vector(writer *w, int width, const void *data, size_t n);

#endif
