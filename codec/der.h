/*
 * der.h: a strict reader and writer of DER, the Distinguished Encoding
 * Rules of ASN.1 (ITU-T X.690), in which key files and certificates are
 * written.
 *
 * Every DER element is TLV: a tag byte, a length, then that many bytes of
 * contents. DER allows exactly one encoding of each value, and this reader
 * insists on it: definite lengths in their shortest form, minimal INTEGERs,
 * BOOLEAN as 00 or FF, unused BIT STRING bits zero. Anything else is an
 * error, and the error's byte offset (from the start of the whole input) is
 * recorded in the der_context, so a certificate parser can say "malformed
 * at offset 213".
 *
 * A der_reader reads the elements of one level; der_read_tlv gives a
 * der_reader over an element's contents, one level deeper. Depth is
 * limited (DER_MAX_DEPTH), so hostile input cannot nest without end.
 *
 * The writer appends elements into a caller's buffer. Constructed elements
 * (SEQUENCE, SET, explicit tags) are opened with der_begin and closed with
 * der_end, which fills in their length. Writer errors are sticky: the first
 * one is kept and reported by der_writer_finish, so encoders need not check
 * every call.
 */
#ifndef SEETLS_DER_H
#define SEETLS_DER_H

#include <stddef.h>
#include <stdint.h>

#include <gmp.h>

#include "core/bytes.h"
#include "core/error.h"

/* Universal tags (X.680 8.4), as the single tag byte DER writes. */
#define DER_BOOLEAN           0x01
#define DER_INTEGER           0x02
#define DER_BIT_STRING        0x03
#define DER_OCTET_STRING      0x04
#define DER_NULL              0x05
#define DER_OID               0x06
#define DER_UTF8_STRING       0x0c
#define DER_NUMERIC_STRING    0x12
#define DER_PRINTABLE_STRING  0x13
#define DER_T61_STRING        0x14
#define DER_IA5_STRING        0x16
#define DER_UTC_TIME          0x17
#define DER_GENERALIZED_TIME  0x18
#define DER_VISIBLE_STRING    0x1a
#define DER_UNIVERSAL_STRING  0x1c
#define DER_BMP_STRING        0x1e
#define DER_SEQUENCE          0x30
#define DER_SET               0x31
/* Context-specific tags [n]: constructed (EXPLICIT, or IMPLICIT of a
 * constructed type) and primitive (IMPLICIT of a primitive type). */
#define DER_CONTEXT(n)        (0xa0 | (n))
#define DER_CONTEXT_PRIM(n)   (0x80 | (n))

#define DER_MAX_DEPTH 32

typedef struct {
    size_t error_offset;   /* where the first error was found */
    see_status error;      /* that error (SEE_OK when none) */
} der_context;

typedef struct {
    reader r;              /* the contents of this level */
    size_t base;           /* offset of r.data[0] in the whole input */
    int depth;
    der_context *ctx;
} der_reader;

/* A reader over a whole DER input. */
void der_reader_init(der_reader *d, der_context *ctx, const uint8_t *data,
                     size_t len);
int der_at_end(const der_reader *d);
/* Offset, in the whole input, of the next byte this reader will read. */
size_t der_offset(const der_reader *d);

/* The next element's tag, without consuming it. */
see_status der_peek_tag(const der_reader *d, uint8_t *tag);

/* Read one element whose tag must be `tag`; *contents reads its contents.
 * If raw is not NULL, *raw and *raw_len receive the whole element (tag and
 * length included): what a signature covers. */
see_status der_read_tlv(der_reader *d, uint8_t tag, der_reader *contents,
                        const uint8_t **raw, size_t *raw_len);
/* The same for any tag, which is returned. */
see_status der_read_any(der_reader *d, uint8_t *tag, der_reader *contents,
                        const uint8_t **raw, size_t *raw_len);
/* If the next element has this tag, read it (*present = 1); else nothing
 * (*present = 0). For OPTIONAL and DEFAULT fields. */
see_status der_read_optional(der_reader *d, uint8_t tag, der_reader *contents,
                             int *present);
/* SEE_ERR_TRAILING (with its offset) unless the reader is at its end. */
see_status der_expect_end(der_reader *d);

/* INTEGER, any sign, into x. */
see_status der_read_integer(der_reader *d, mpz_t x);
/* INTEGER that must be >= 0 and fit in 64 bits (on every platform: not an
 * unsigned long, which has 32 bits on 32-bit ARM). */
see_status der_read_small_uint(der_reader *d, uint64_t *v);
/* INTEGER contents as they are (two's complement, minimal): for serial
 * numbers, which are compared and printed rather than computed with. */
see_status der_read_integer_bytes(der_reader *d, const uint8_t **bytes,
                                  size_t *len);
see_status der_read_boolean(der_reader *d, int *v);
see_status der_read_null(der_reader *d);
/* BIT STRING: the bits (whole bytes) and how many of the last byte's low
 * bits are unused (0..7; they must be zero). */
see_status der_read_bit_string(der_reader *d, const uint8_t **bits,
                               size_t *len, unsigned *unused);
see_status der_read_octet_string(der_reader *d, const uint8_t **bytes,
                                 size_t *len);
/* OBJECT IDENTIFIER contents (checked well-formed). */
see_status der_read_oid(der_reader *d, const uint8_t **oid, size_t *len);
/* Any of the ASN.1 string types: *tag says which. PrintableString,
 * NumericString, VisibleString and IA5String must keep to their
 * alphabets (X.680 41), UTF8String must be valid UTF-8; SEE_ERR_DER_STRING
 * otherwise. */
see_status der_read_string(der_reader *d, uint8_t *tag, const uint8_t **text,
                           size_t *len);
/* UTCTime or GeneralizedTime in the forms RFC 5280 4.1.2.5 requires
 * (YYMMDDHHMMSSZ, YYYYMMDDHHMMSSZ), as seconds since 1970-01-01 UTC. Which
 * of the two a date must use is the certificate's rule (x509.c), not
 * DER's: here either is read. */
see_status der_read_time(der_reader *d, int64_t *seconds);

/* An OID known by name: its contents bytes. */
typedef struct {
    const char *name;      /* "rsaEncryption" */
    const char *dotted;    /* "1.2.840.113549.1.1.1" */
    const uint8_t *der;
    size_t len;
} der_oid;

int der_oid_equal(const uint8_t *oid, size_t len, const der_oid *known);
/* Dotted-decimal text of OID contents ("1.2.840.113549"), truncated to
 * fit out (cap >= 1); "(malformed)" if they do not decode. */
void der_oid_to_text(const uint8_t *oid, size_t len, char *out, size_t cap);

/* Seconds since 1970-01-01 from a civil date and time (UTC), and back. */
int64_t der_epoch_from_civil(int year, int month, int day, int hour,
                             int minute, int second);
void der_civil_from_epoch(int64_t seconds, int *year, int *month, int *day,
                          int *hour, int *minute, int *second);

/* ------------------------------------------------------------ writer --- */

typedef struct {
    writer w;
    size_t open[DER_MAX_DEPTH];   /* where each open element's length goes */
    int depth;
    see_status error;             /* the first error, sticky */
} der_writer;

void der_writer_init(der_writer *dw, uint8_t *buf, size_t cap);
void der_begin(der_writer *dw, uint8_t tag);
void der_end(der_writer *dw);
/* A primitive element with the given contents. */
void der_write_tlv(der_writer *dw, uint8_t tag, const void *contents, size_t len);
/* Bytes that are already DER (a whole element). */
void der_write_raw(der_writer *dw, const void *der, size_t len);
/* INTEGER of x >= 0 (a 00 byte is added when the top bit is set). */
void der_write_integer(der_writer *dw, const mpz_t x);
void der_write_small_uint(der_writer *dw, uint64_t v);
/* INTEGER of an unsigned big-endian magnitude (leading zeros dropped). */
void der_write_unsigned_bytes(der_writer *dw, const uint8_t *magnitude, size_t len);
void der_write_boolean(der_writer *dw, int v);
void der_write_null(der_writer *dw);
void der_write_bit_string(der_writer *dw, const uint8_t *bits, size_t len,
                          unsigned unused);
void der_write_octet_string(der_writer *dw, const uint8_t *bytes, size_t len);
void der_write_oid(der_writer *dw, const der_oid *oid);
void der_write_string(der_writer *dw, uint8_t tag, const char *text, size_t len);
/* UTCTime for years 1950-2049, GeneralizedTime otherwise (RFC 5280
 * 4.1.2.5). */
void der_write_time(der_writer *dw, int64_t seconds);
/* The length written; the first error if any, or SEE_ERR_ARGUMENT if an
 * element is still open. */
see_status der_writer_finish(der_writer *dw, size_t *len);

#endif
