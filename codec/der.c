/*
 * der.c: strict DER (ITU-T X.690 section 10, on the BER rules of section
 * 8), reading and writing. See der.h.
 */
#include "codec/der.h"

#include <stdio.h>
#include <string.h>

#include "codec/utf8.h"

/* ------------------------------------------------------------ reading --- */

void der_reader_init(der_reader *d, der_context *ctx, const uint8_t *data,
                     size_t len)
{
    reader_init(&d->r, data, len);
    d->base = 0;
    d->depth = 0;
    d->ctx = ctx;
    ctx->error = SEE_OK;
    ctx->error_offset = 0;
}

int der_at_end(const der_reader *d)
{
    return reader_at_end(&d->r);
}

size_t der_offset(const der_reader *d)
{
    return d->base + d->r.pos;
}

/* Record the first error and where it happened; return it. */
static see_status fail_at(der_reader *d, size_t offset, see_status status)
{
    if (d->ctx->error == SEE_OK) {
        d->ctx->error = status;
        d->ctx->error_offset = offset;
    }
    return status;
}

see_status der_peek_tag(const der_reader *d, uint8_t *tag)
{
    ENSURE(!reader_at_end(&d->r), SEE_ERR_TRUNCATED);
    *tag = d->r.data[d->r.pos];
    return SEE_OK;
}

/* X.690 8.1.3 and 10.1: the length octets. Short form for 0..127; long
 * form (0x80 | count, then count bytes) only when needed and without
 * leading zeros; the indefinite form (0x80) is BER only. */
static see_status read_length(der_reader *d, size_t *len)
{
    size_t at = der_offset(d);
    uint8_t first;
    if (reader_u8(&d->r, &first) != SEE_OK)
        return fail_at(d, at, SEE_ERR_TRUNCATED);
    if (first < 0x80) {
        *len = first;
        return SEE_OK;
    }
    if (first == 0x80)
        return fail_at(d, at, SEE_ERR_DER_INDEFINITE);
    size_t count = first & 0x7f;
    if (count > 4) /* 4 GiB and more: absurd for anything we read */
        return fail_at(d, at, SEE_ERR_DER_LENGTH);
    size_t value = 0;
    for (size_t i = 0; i < count; i++) {
        uint8_t b;
        if (reader_u8(&d->r, &b) != SEE_OK)
            return fail_at(d, at, SEE_ERR_TRUNCATED);
        if (i == 0 && b == 0)
            return fail_at(d, at, SEE_ERR_DER_NONMINIMAL);
        value = value << 8 | b;
    }
    if (value < 0x80)
        return fail_at(d, at, SEE_ERR_DER_NONMINIMAL);
    *len = value;
    return SEE_OK;
}

/* Read tag and length, check the contents fit, and hand out a reader over
 * them. On failure the reader has not moved. */
static see_status read_element(der_reader *d, uint8_t *tag, der_reader *contents,
                               const uint8_t **raw, size_t *raw_len)
{
    size_t start = d->r.pos, at = der_offset(d);
    size_t len;
    see_status st;

    if (reader_u8(&d->r, tag) != SEE_OK) {
        st = fail_at(d, at, SEE_ERR_TRUNCATED);
        goto undo;
    }
    if ((*tag & 0x1f) == 0x1f) {
        st = fail_at(d, at, SEE_ERR_DER_HIGH_TAG);
        goto undo;
    }
    if ((st = read_length(d, &len)) != SEE_OK)
        goto undo;
    if (len > reader_remaining(&d->r)) {
        st = fail_at(d, at, SEE_ERR_DER_LENGTH);
        goto undo;
    }
    if (d->depth + 1 > DER_MAX_DEPTH) {
        st = fail_at(d, at, SEE_ERR_DER_DEPTH);
        goto undo;
    }
    contents->base = der_offset(d);
    contents->depth = d->depth + 1;
    contents->ctx = d->ctx;
    reader_sub(&d->r, len, &contents->r); /* cannot fail: checked above */
    if (raw != NULL) {
        *raw = d->r.data + start;
        *raw_len = d->r.pos - start;
    }
    return SEE_OK;
undo:
    d->r.pos = start;
    return st;
}

see_status der_read_any(der_reader *d, uint8_t *tag, der_reader *contents,
                        const uint8_t **raw, size_t *raw_len)
{
    return read_element(d, tag, contents, raw, raw_len);
}

see_status der_read_tlv(der_reader *d, uint8_t tag, der_reader *contents,
                        const uint8_t **raw, size_t *raw_len)
{
    uint8_t got;
    if (der_peek_tag(d, &got) != SEE_OK)
        return fail_at(d, der_offset(d), SEE_ERR_TRUNCATED);
    if (got != tag)
        return fail_at(d, der_offset(d), SEE_ERR_DER_TAG);
    return read_element(d, &got, contents, raw, raw_len);
}

see_status der_read_optional(der_reader *d, uint8_t tag, der_reader *contents,
                             int *present)
{
    uint8_t got;
    *present = der_peek_tag(d, &got) == SEE_OK && got == tag;
    if (!*present)
        return SEE_OK;
    return read_element(d, &got, contents, NULL, NULL);
}

see_status der_expect_end(der_reader *d)
{
    if (!der_at_end(d))
        return fail_at(d, der_offset(d), SEE_ERR_TRAILING);
    return SEE_OK;
}

/* The whole contents of a primitive element, as a pointer and length. */
static see_status read_primitive(der_reader *d, uint8_t tag,
                                 const uint8_t **bytes, size_t *len,
                                 size_t *at)
{
    der_reader c;
    *at = der_offset(d);
    TRY(der_read_tlv(d, tag, &c, NULL, NULL));
    *len = reader_remaining(&c.r);
    *bytes = c.r.data + c.r.pos;
    return SEE_OK;
}

/* X.690 8.3.2: an INTEGER's contents are at least one byte, and its first
 * nine bits are never all zeros or all ones (that would be a longer
 * encoding of the same number). */
see_status der_read_integer_bytes(der_reader *d, const uint8_t **bytes,
                                  size_t *len)
{
    size_t at;
    TRY(read_primitive(d, DER_INTEGER, bytes, len, &at));
    const uint8_t *b = *bytes;
    if (*len == 0)
        return fail_at(d, at, SEE_ERR_DER_INTEGER);
    if (*len >= 2 && ((b[0] == 0x00 && !(b[1] & 0x80)) ||
                      (b[0] == 0xff && (b[1] & 0x80))))
        return fail_at(d, at, SEE_ERR_DER_NONMINIMAL);
    return SEE_OK;
}

see_status der_read_integer(der_reader *d, mpz_t x)
{
    const uint8_t *b;
    size_t len;
    TRY(der_read_integer_bytes(d, &b, &len));
    mpz_import(x, len, 1, 1, 1, 0, b);
    if (b[0] & 0x80) {
        /* two's complement: subtract 2^(8 * len) */
        mpz_t wrap;
        mpz_init_set_ui(wrap, 1);
        mpz_mul_2exp(wrap, wrap, 8 * len);
        mpz_sub(x, x, wrap);
        mpz_clear(wrap);
    }
    return SEE_OK;
}

see_status der_read_small_uint(der_reader *d, uint64_t *v)
{
    const uint8_t *b;
    size_t len, at = der_offset(d);
    TRY(der_read_integer_bytes(d, &b, &len));
    if (b[0] & 0x80)
        return fail_at(d, at, SEE_ERR_DER_INTEGER);
    if (len > 1 && b[0] == 0) {
        b++;
        len--;
    }
    if (len > sizeof *v)
        return fail_at(d, at, SEE_ERR_DER_INTEGER);
    uint64_t x = 0;
    for (size_t i = 0; i < len; i++)
        x = x << 8 | b[i];
    *v = x;
    return SEE_OK;
}

/* X.690 11.1: DER writes TRUE as FF and FALSE as 00. */
see_status der_read_boolean(der_reader *d, int *v)
{
    const uint8_t *b;
    size_t len, at;
    TRY(read_primitive(d, DER_BOOLEAN, &b, &len, &at));
    if (len != 1 || (b[0] != 0x00 && b[0] != 0xff))
        return fail_at(d, at, SEE_ERR_DER_BOOLEAN);
    *v = b[0] == 0xff;
    return SEE_OK;
}

see_status der_read_null(der_reader *d)
{
    const uint8_t *b;
    size_t len, at;
    TRY(read_primitive(d, DER_NULL, &b, &len, &at));
    if (len != 0)
        return fail_at(d, at, SEE_ERR_TRAILING);
    return SEE_OK;
}

/* X.690 8.6.2 and 11.2: the first byte counts the unused bits of the last
 * byte (0..7, and 0 when there are no bits); DER sets them to zero. */
see_status der_read_bit_string(der_reader *d, const uint8_t **bits,
                               size_t *len, unsigned *unused)
{
    const uint8_t *b;
    size_t n, at;
    TRY(read_primitive(d, DER_BIT_STRING, &b, &n, &at));
    if (n == 0 || b[0] > 7 || (n == 1 && b[0] != 0))
        return fail_at(d, at, SEE_ERR_DER_BITSTRING);
    if (n > 1 && (b[n - 1] & ((1u << b[0]) - 1)) != 0)
        return fail_at(d, at, SEE_ERR_DER_BITSTRING);
    *unused = b[0];
    *bits = b + 1;
    *len = n - 1;
    return SEE_OK;
}

see_status der_read_octet_string(der_reader *d, const uint8_t **bytes,
                                 size_t *len)
{
    size_t at;
    return read_primitive(d, DER_OCTET_STRING, bytes, len, &at);
}

/* X.690 8.19: each sub-identifier is base 128, high bit set on every byte
 * but its last, and no leading 0x80 byte. */
static int oid_well_formed(const uint8_t *oid, size_t len)
{
    if (len == 0 || (oid[len - 1] & 0x80))
        return 0;
    for (size_t i = 0; i < len; i++)
        if ((i == 0 || !(oid[i - 1] & 0x80)) && oid[i] == 0x80)
            return 0;
    return 1;
}

see_status der_read_oid(der_reader *d, const uint8_t **oid, size_t *len)
{
    size_t at;
    TRY(read_primitive(d, DER_OID, oid, len, &at));
    if (!oid_well_formed(*oid, *len))
        return fail_at(d, at, SEE_ERR_DER_OID);
    return SEE_OK;
}

int der_oid_equal(const uint8_t *oid, size_t len, const der_oid *known)
{
    return len == known->len && memcmp(oid, known->der, len) == 0;
}

void der_oid_to_text(const uint8_t *oid, size_t len, char *out, size_t cap)
{
    size_t used = 0;
    uint64_t value = 0;
    int first = 1;
    out[0] = '\0';
    if (!oid_well_formed(oid, len)) {
        snprintf(out, cap, "(malformed)");
        return;
    }
    for (size_t i = 0; i < len; i++) {
        if (value > (UINT64_MAX >> 7)) {
            snprintf(out, cap, "(malformed)");
            return;
        }
        value = value << 7 | (oid[i] & 0x7f);
        if (oid[i] & 0x80)
            continue;
        int n;
        if (first) {
            /* The first sub-identifier packs two arcs: 40 * X + Y. */
            unsigned long x = value < 80 ? (unsigned long)(value / 40) : 2;
            n = snprintf(out + used, cap - used, "%lu.%llu", x,
                         (unsigned long long)(value - 40 * x));
            first = 0;
        } else {
            n = snprintf(out + used, cap - used, ".%llu", (unsigned long long)value);
        }
        if (n < 0 || (size_t)n >= cap - used)
            return; /* truncated, still NUL-terminated */
        used += (size_t)n;
        value = 0;
    }
}

/* The characters X.680 41.4 (Table 10) allows in a PrintableString:
 * letters, digits, space and ' ( ) + , - . / : = ?. Nothing else, NUL
 * included (strchr would find a NUL: it is the string's terminator). */
static int printable_char(uint8_t c)
{
    static const char marks[] = " '()+,-./:=?";
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
           (c >= '0' && c <= '9') || memchr(marks, c, sizeof marks - 1) != NULL;
}

/* X.680 41.2 (Table 9): a NumericString holds digits and space. */
static int numeric_char(uint8_t c)
{
    return (c >= '0' && c <= '9') || c == ' ';
}

/* X.680 41.1 (Table 8): a VisibleString holds the printing characters of
 * ISO 646 and space, 0x20 to 0x7e; an IA5String all of 0x00 to 0x7f. */
static int visible_char(uint8_t c)
{
    return c >= 0x20 && c <= 0x7e;
}

/* Each string type's alphabet (X.680 41); the types RFC 5280 names take
 * nothing outside theirs. */
static int valid_string(uint8_t tag, const uint8_t *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (tag == DER_PRINTABLE_STRING && !printable_char(s[i]))
            return 0;
        if (tag == DER_NUMERIC_STRING && !numeric_char(s[i]))
            return 0;
        if (tag == DER_VISIBLE_STRING && !visible_char(s[i]))
            return 0;
        if (tag == DER_IA5_STRING && s[i] >= 0x80)
            return 0;
    }
    if (tag == DER_UTF8_STRING)   /* well-formed UTF-8, RFC 3629 4 */
        return utf8_valid(s, len);
    if (tag == DER_BMP_STRING)
        return len % 2 == 0;
    if (tag == DER_UNIVERSAL_STRING)
        return len % 4 == 0;
    return 1;
}

see_status der_read_string(der_reader *d, uint8_t *tag, const uint8_t **text,
                           size_t *len)
{
    size_t at = der_offset(d);
    TRY(der_peek_tag(d, tag));
    switch (*tag) {
    case DER_UTF8_STRING: case DER_PRINTABLE_STRING: case DER_T61_STRING:
    case DER_IA5_STRING: case DER_BMP_STRING: case DER_UNIVERSAL_STRING:
    case DER_NUMERIC_STRING: case DER_VISIBLE_STRING:
        break;
    default:
        return fail_at(d, at, SEE_ERR_DER_TAG);
    }
    TRY(read_primitive(d, *tag, text, len, &at));
    if (!valid_string(*tag, *text, *len))
        return fail_at(d, at, SEE_ERR_DER_STRING);
    return SEE_OK;
}

/* Days since 1970-01-01 of a proleptic Gregorian date. Eras of 400 years
 * (146097 days) make the leap-year rule regular; March is taken as the
 * first month so that February's extra day falls at the end of a year. */
static int64_t days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t year_of_era = y - era * 400;                        /* 0..399 */
    int64_t day_of_year = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    int64_t day_of_era = year_of_era * 365 + year_of_era / 4 -
                         year_of_era / 100 + day_of_year;        /* 0..146096 */
    return era * 146097 + day_of_era - 719468;
}

int64_t der_epoch_from_civil(int year, int month, int day, int hour,
                             int minute, int second)
{
    return days_from_civil(year, month, day) * 86400 + hour * 3600 +
           minute * 60 + second;
}

void der_civil_from_epoch(int64_t seconds, int *year, int *month, int *day,
                          int *hour, int *minute, int *second)
{
    int64_t days = seconds / 86400, rest = seconds % 86400;
    if (rest < 0) {
        rest += 86400;
        days--;
    }
    *hour = (int)(rest / 3600);
    *minute = (int)(rest / 60 % 60);
    *second = (int)(rest % 60);

    int64_t z = days + 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t day_of_era = z - era * 146097;
    int64_t year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 -
                           day_of_era / 146096) / 365;
    int64_t day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 -
                                        year_of_era / 100);
    int64_t mp = (5 * day_of_year + 2) / 153;
    *day = (int)(day_of_year - (153 * mp + 2) / 5 + 1);
    *month = (int)(mp < 10 ? mp + 3 : mp - 9);
    *year = (int)(year_of_era + era * 400 + (*month <= 2));
}

static int digits(const uint8_t *p, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (p[i] < '0' || p[i] > '9')
            return -1;
        v = v * 10 + (p[i] - '0');
    }
    return v;
}

static int days_in_month(int year, int month)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return days[month - 1] + (month == 2 && leap);
}

/* RFC 5280 4.1.2.5.1 and 4.1.2.5.2: UTCTime is YYMMDDHHMMSSZ (YY >= 50
 * means 19YY, else 20YY); GeneralizedTime is YYYYMMDDHHMMSSZ. Seconds are
 * always present, the zone is always Z, no fractions. */
see_status der_read_time(der_reader *d, int64_t *seconds)
{
    uint8_t tag;
    const uint8_t *t;
    size_t len, at = der_offset(d);
    TRY(der_peek_tag(d, &tag));
    if (tag != DER_UTC_TIME && tag != DER_GENERALIZED_TIME)
        return fail_at(d, at, SEE_ERR_DER_TAG);
    TRY(read_primitive(d, tag, &t, &len, &at));

    int year;
    size_t year_digits = tag == DER_UTC_TIME ? 2 : 4;
    if (len != year_digits + 11 || t[len - 1] != 'Z')
        return fail_at(d, at, SEE_ERR_DER_TIME);
    year = digits(t, (int)year_digits);
    if (tag == DER_UTC_TIME && year >= 0)
        year += year >= 50 ? 1900 : 2000;
    const uint8_t *p = t + year_digits;
    int month = digits(p, 2), day = digits(p + 2, 2), hour = digits(p + 4, 2);
    int minute = digits(p + 6, 2), second = digits(p + 8, 2);
    if (year < 0 || month < 1 || month > 12 || day < 1 ||
        day > days_in_month(year, month) || hour < 0 || hour > 23 ||
        minute < 0 || minute > 59 || second < 0 || second > 59)
        return fail_at(d, at, SEE_ERR_DER_TIME);
    *seconds = der_epoch_from_civil(year, month, day, hour, minute, second);
    return SEE_OK;
}

/* ------------------------------------------------------------ writing --- */

/* Room for the longest length we write: 0x84 and four bytes. */
#define LENGTH_ROOM 5

void der_writer_init(der_writer *dw, uint8_t *buf, size_t cap)
{
    writer_init(&dw->w, buf, cap);
    dw->depth = 0;
    dw->error = SEE_OK;
}

static void keep_error(der_writer *dw, see_status st)
{
    if (dw->error == SEE_OK)
        dw->error = st;
}

/* The length octets of len into out; returns how many. */
static size_t encode_length(size_t len, uint8_t out[LENGTH_ROOM])
{
    if (len < 0x80) {
        out[0] = (uint8_t)len;
        return 1;
    }
    size_t count = 0;
    for (size_t v = len; v > 0; v >>= 8)
        count++;
    out[0] = (uint8_t)(0x80 | count);
    for (size_t i = 0; i < count; i++)
        out[1 + i] = (uint8_t)(len >> (8 * (count - 1 - i)));
    return 1 + count;
}

static void put_header(der_writer *dw, uint8_t tag, size_t len)
{
    uint8_t l[LENGTH_ROOM];
    size_t n = encode_length(len, l);
    if (dw->error == SEE_OK) {
        see_status st = writer_u8(&dw->w, tag);
        if (st == SEE_OK)
            st = writer_bytes(&dw->w, l, n);
        keep_error(dw, st);
    }
}

void der_begin(der_writer *dw, uint8_t tag)
{
    if (dw->error != SEE_OK)
        return;
    if (dw->depth == DER_MAX_DEPTH) {
        keep_error(dw, SEE_ERR_DER_DEPTH);
        return;
    }
    uint8_t *room;
    see_status st = writer_u8(&dw->w, tag);
    if (st == SEE_OK)
        st = writer_reserve(&dw->w, LENGTH_ROOM, &room);
    keep_error(dw, st);
    if (st == SEE_OK)
        dw->open[dw->depth++] = dw->w.len - LENGTH_ROOM;
}

void der_end(der_writer *dw)
{
    if (dw->error != SEE_OK)
        return;
    if (dw->depth == 0) {
        keep_error(dw, SEE_ERR_ARGUMENT);
        return;
    }
    size_t mark = dw->open[--dw->depth];
    size_t body = dw->w.len - mark - LENGTH_ROOM;
    if (body > 0xffffffffu) {
        keep_error(dw, SEE_ERR_ARGUMENT);
        return;
    }
    uint8_t l[LENGTH_ROOM];
    size_t n = encode_length(body, l);
    /* Slide the body down over the unused part of the reserved room. */
    memmove(dw->w.data + mark + n, dw->w.data + mark + LENGTH_ROOM, body);
    memcpy(dw->w.data + mark, l, n);
    dw->w.len -= LENGTH_ROOM - n;
}

void der_write_raw(der_writer *dw, const void *der, size_t len)
{
    if (dw->error == SEE_OK)
        keep_error(dw, writer_bytes(&dw->w, der, len));
}

void der_write_tlv(der_writer *dw, uint8_t tag, const void *contents, size_t len)
{
    put_header(dw, tag, len);
    der_write_raw(dw, contents, len);
}

void der_write_unsigned_bytes(der_writer *dw, const uint8_t *magnitude, size_t len)
{
    while (len > 0 && magnitude[0] == 0) {
        magnitude++;
        len--;
    }
    int pad = len == 0 || (magnitude[0] & 0x80); /* a 00 keeps it positive */
    put_header(dw, DER_INTEGER, len + (size_t)pad);
    if (pad) {
        uint8_t zero = 0;
        der_write_raw(dw, &zero, 1);
    }
    der_write_raw(dw, magnitude, len);
}

void der_write_integer(der_writer *dw, const mpz_t x)
{
    if (mpz_sgn(x) < 0) {
        keep_error(dw, SEE_ERR_ARGUMENT);
        return;
    }
    size_t len = mpz_sgn(x) == 0 ? 0 : mpz_sizeinbase(x, 256);
    int pad = len == 0 || mpz_tstbit(x, 8 * len - 1);
    put_header(dw, DER_INTEGER, len + (size_t)pad);
    uint8_t *p;
    if (dw->error != SEE_OK)
        return;
    see_status st = writer_reserve(&dw->w, len + (size_t)pad, &p);
    keep_error(dw, st);
    if (st != SEE_OK)
        return;
    if (pad)
        *p++ = 0;
    if (len > 0)
        mpz_export(p, NULL, 1, 1, 1, 0, x);
}

void der_write_small_uint(der_writer *dw, uint64_t v)
{
    uint8_t b[sizeof v];
    for (size_t i = 0; i < sizeof v; i++)
        b[i] = (uint8_t)(v >> (8 * (sizeof v - 1 - i)));
    der_write_unsigned_bytes(dw, b, sizeof b);
}

void der_write_boolean(der_writer *dw, int v)
{
    uint8_t b = v ? 0xff : 0x00;
    der_write_tlv(dw, DER_BOOLEAN, &b, 1);
}

void der_write_null(der_writer *dw)
{
    der_write_tlv(dw, DER_NULL, NULL, 0);
}

void der_write_bit_string(der_writer *dw, const uint8_t *bits, size_t len,
                          unsigned unused)
{
    if (unused > 7 || (len == 0 && unused != 0)) {
        keep_error(dw, SEE_ERR_ARGUMENT);
        return;
    }
    uint8_t first = (uint8_t)unused;
    put_header(dw, DER_BIT_STRING, len + 1);
    der_write_raw(dw, &first, 1);
    der_write_raw(dw, bits, len);
}

void der_write_octet_string(der_writer *dw, const uint8_t *bytes, size_t len)
{
    der_write_tlv(dw, DER_OCTET_STRING, bytes, len);
}

void der_write_oid(der_writer *dw, const der_oid *oid)
{
    der_write_tlv(dw, DER_OID, oid->der, oid->len);
}

void der_write_string(der_writer *dw, uint8_t tag, const char *text, size_t len)
{
    der_write_tlv(dw, tag, text, len);
}

void der_write_time(der_writer *dw, int64_t seconds)
{
    int y, mo, d, h, mi, s;
    char text[20];
    der_civil_from_epoch(seconds, &y, &mo, &d, &h, &mi, &s);
    if (y < 0 || y > 9999) {
        keep_error(dw, SEE_ERR_ARGUMENT);
        return;
    }
    if (y >= 1950 && y <= 2049) {
        snprintf(text, sizeof text, "%02d%02d%02d%02d%02d%02dZ", y % 100, mo, d, h, mi, s);
        der_write_string(dw, DER_UTC_TIME, text, 13);
    } else {
        snprintf(text, sizeof text, "%04d%02d%02d%02d%02d%02dZ", y, mo, d, h, mi, s);
        der_write_string(dw, DER_GENERALIZED_TIME, text, 15);
    }
}

see_status der_writer_finish(der_writer *dw, size_t *len)
{
    if (dw->error == SEE_OK && dw->depth != 0)
        dw->error = SEE_ERR_ARGUMENT;
    *len = dw->w.len;
    return dw->error;
}
