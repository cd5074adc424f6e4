/* test_der.c: the strict DER reader and the writer (X.690), OIDs, times. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codec/der.h"
#include "codec/oid.h"
#include "tests/unit/harness.h"

typedef void write_fn(der_writer *dw);

/* Run an encoder into a buffer and compare with the expected hex. */
static void check_written(write_fn *fn, const char *expected_hex)
{
    uint8_t buf[1024];
    der_writer dw;
    size_t len;
    der_writer_init(&dw, buf, sizeof buf);
    fn(&dw);
    CU_ASSERT_EQUAL_FATAL(der_writer_finish(&dw, &len), SEE_OK);
    ASSERT_HEX_EQ(buf, len, expected_hex);
}

static void w_int0(der_writer *dw) { der_write_small_uint(dw, 0); }
static void w_int127(der_writer *dw) { der_write_small_uint(dw, 127); }
static void w_int128(der_writer *dw) { der_write_small_uint(dw, 128); }
static void w_int256(der_writer *dw) { der_write_small_uint(dw, 256); }
static void w_int65537(der_writer *dw) { der_write_small_uint(dw, 65537); }
static void w_int2_40(der_writer *dw) { der_write_small_uint(dw, UINT64_C(1) << 40); }
static void w_int_max64(der_writer *dw) { der_write_small_uint(dw, UINT64_MAX); }
static void w_int2_64(der_writer *dw)
{
    mpz_t x;
    mpz_init_set_ui(x, 1);
    mpz_mul_2exp(x, x, 64);
    der_write_integer(dw, x);
    mpz_clear(x);
}
static void w_true(der_writer *dw) { der_write_boolean(dw, 1); }
static void w_false(der_writer *dw) { der_write_boolean(dw, 0); }
static void w_null(der_writer *dw) { der_write_null(dw); }
static void w_oid(der_writer *dw) { der_write_oid(dw, oid_get(OID_RSA_ENCRYPTION)); }
static void w_rsa_alg(der_writer *dw) { oid_write_algorithm(dw, OID_RSA_ENCRYPTION); }
static void w_sha256_rsa_alg(der_writer *dw) { oid_write_algorithm(dw, OID_SHA256_WITH_RSA); }
static void w_octets(der_writer *dw) { der_write_octet_string(dw, (const uint8_t *)"abc", 3); }
static void w_bits(der_writer *dw)
{
    const uint8_t b = 0x0a;
    der_write_bit_string(dw, &b, 1, 1);
}
static void w_utc(der_writer *dw) { der_write_time(dw, 1893456000); }      /* 2030-01-01 */
static void w_gen(der_writer *dw) { der_write_time(dw, 2524608000LL); }    /* 2050-01-01 */
static void w_nested(der_writer *dw)
{
    uint8_t big[200];
    memset(big, 0x5a, sizeof big);
    der_begin(dw, DER_SEQUENCE);
    der_begin(dw, DER_SEQUENCE);
    der_end(dw);
    der_write_octet_string(dw, big, 2);
    der_end(dw);
}

static void test_writer_encodings(void)
{
    check_written(w_int0, "020100");
    check_written(w_int127, "02017f");
    check_written(w_int128, "02020080");
    check_written(w_int256, "02020100");
    check_written(w_int65537, "0203010001");
    /* above 2^32: 64 bits on every platform (32-bit ARM too) */
    check_written(w_int2_40, "0206010000000000");
    check_written(w_int_max64, "020900ffffffffffffffff");
    check_written(w_int2_64, "0209010000000000000000");
    check_written(w_true, "0101ff");
    check_written(w_false, "010100");
    check_written(w_null, "0500");
    check_written(w_oid, "06092a864886f70d010101");
    /* AlgorithmIdentifiers with NULL parameters, as openssl writes them */
    check_written(w_rsa_alg, "300d06092a864886f70d0101010500");
    check_written(w_sha256_rsa_alg, "300d06092a864886f70d01010b0500");
    check_written(w_octets, "0403616263");
    check_written(w_bits, "0302010a");
    check_written(w_utc, "170d3330303130313030303030305a");
    check_written(w_gen, "180f32303530303130313030303030305a");
    check_written(w_nested, "3006300004025a5a");
}

static void test_writer_long_lengths(void)
{
    static uint8_t buf[70000], body[66000];
    size_t sizes[] = {127, 128, 200, 255, 256, 300, 65535, 65536};
    const char *headers[] = {"307f", "308180", "3081c8", "3081ff", "30820100",
                             "3082012c", "3082ffff", "3083010000"};
    memset(body, 0x11, sizeof body);
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        der_writer dw;
        size_t len;
        der_writer_init(&dw, buf, sizeof buf);
        der_begin(&dw, DER_SEQUENCE);
        der_write_raw(&dw, body, sizes[i]);
        der_end(&dw);
        CU_ASSERT_EQUAL(der_writer_finish(&dw, &len), SEE_OK);
        size_t h = strlen(headers[i]) / 2;
        CU_ASSERT_EQUAL(len, h + sizes[i]);
        ASSERT_HEX_EQ(buf, h, headers[i]);
        CU_ASSERT_EQUAL(buf[h], 0x11);
        CU_ASSERT_EQUAL(buf[len - 1], 0x11);
    }
}

static void test_writer_errors(void)
{
    uint8_t buf[8];
    der_writer dw;
    size_t len;
    der_writer_init(&dw, buf, sizeof buf);
    der_write_octet_string(&dw, (const uint8_t *)"0123456789", 10);
    CU_ASSERT_EQUAL(der_writer_finish(&dw, &len), SEE_ERR_BUFFER_SMALL);

    der_writer_init(&dw, buf, sizeof buf);
    der_end(&dw);
    CU_ASSERT_EQUAL(der_writer_finish(&dw, &len), SEE_ERR_ARGUMENT);

    der_writer_init(&dw, buf, sizeof buf);
    der_begin(&dw, DER_SEQUENCE);
    CU_ASSERT_EQUAL(der_writer_finish(&dw, &len), SEE_ERR_ARGUMENT);

    mpz_t neg;
    mpz_init_set_si(neg, -5);
    der_writer_init(&dw, buf, sizeof buf);
    der_write_integer(&dw, neg);
    CU_ASSERT_EQUAL(der_writer_finish(&dw, &len), SEE_ERR_ARGUMENT);
    mpz_clear(neg);
}

/* A small document: SEQUENCE { INTEGER 5, OCTET STRING "hi", [0] { BOOLEAN
 * TRUE }, UTCTime 2030-01-01 }. */
static const char document_hex[] =
    "301b" "020105" "04026869" "a0030101ff" "170d3330303130313030303030305a";

static see_status parse_document(const uint8_t *data, size_t len, der_context *ctx)
{
    der_reader top, seq, inner;
    uint64_t v;
    const uint8_t *p;
    size_t n;
    int flag, present;
    int64_t t;
    der_reader_init(&top, ctx, data, len);
    TRY(der_read_tlv(&top, DER_SEQUENCE, &seq, NULL, NULL));
    TRY(der_expect_end(&top));
    TRY(der_read_small_uint(&seq, &v));
    ENSURE(v == 5, SEE_ERR_ARGUMENT);
    TRY(der_read_octet_string(&seq, &p, &n));
    ENSURE(n == 2 && memcmp(p, "hi", 2) == 0, SEE_ERR_ARGUMENT);
    TRY(der_read_optional(&seq, DER_CONTEXT(0), &inner, &present));
    ENSURE(present, SEE_ERR_ARGUMENT);
    TRY(der_read_boolean(&inner, &flag));
    TRY(der_expect_end(&inner));
    ENSURE(flag == 1, SEE_ERR_ARGUMENT);
    TRY(der_read_optional(&seq, DER_CONTEXT(1), &inner, &present));
    ENSURE(!present, SEE_ERR_ARGUMENT);
    TRY(der_read_time(&seq, &t));
    ENSURE(t == 1893456000, SEE_ERR_ARGUMENT);
    return der_expect_end(&seq);
}

static void test_reader_document(void)
{
    size_t len;
    uint8_t *doc = hex_alloc(document_hex, &len);
    der_context ctx;
    CU_ASSERT_EQUAL(parse_document(doc, len, &ctx), SEE_OK);

    /* every truncation fails, with an error recorded, and never reads past */
    for (size_t n = 0; n < len; n++) {
        uint8_t *copy = malloc(n ? n : 1);
        memcpy(copy, doc, n);
        CU_ASSERT_NOT_EQUAL(parse_document(copy, n, &ctx), SEE_OK);
        free(copy);
    }
    /* one byte too many */
    uint8_t longer[64];
    memcpy(longer, doc, len);
    longer[len] = 0;
    CU_ASSERT_EQUAL(parse_document(longer, len + 1, &ctx), SEE_ERR_TRAILING);
    CU_ASSERT_EQUAL(ctx.error_offset, len);
    free(doc);
}

/* Parse one element of hex and return the status and error offset. */
static see_status read_one(const char *hex, uint8_t tag, size_t *offset)
{
    size_t len;
    uint8_t *data = hex_alloc(hex, &len);
    der_context ctx;
    der_reader d, c;
    der_reader_init(&d, &ctx, data, len);
    see_status st = der_read_tlv(&d, tag, &c, NULL, NULL);
    *offset = ctx.error_offset;
    free(data);
    return st;
}

static void test_reader_rejects_bad_lengths(void)
{
    size_t off;
    CU_ASSERT_EQUAL(read_one("3080020100" "0000", DER_SEQUENCE, &off), SEE_ERR_DER_INDEFINITE);
    CU_ASSERT_EQUAL(read_one("048105aabbccddee", DER_OCTET_STRING, &off), SEE_ERR_DER_NONMINIMAL);
    CU_ASSERT_EQUAL(read_one("04820005aabbccddee", DER_OCTET_STRING, &off), SEE_ERR_DER_NONMINIMAL);
    CU_ASSERT_EQUAL(read_one("0405aabb", DER_OCTET_STRING, &off), SEE_ERR_DER_LENGTH);
    CU_ASSERT_EQUAL(read_one("0485ffffffffff00", DER_OCTET_STRING, &off), SEE_ERR_DER_LENGTH);
    CU_ASSERT_EQUAL(read_one("0484ffffffff00", DER_OCTET_STRING, &off), SEE_ERR_DER_LENGTH);
    CU_ASSERT_EQUAL(read_one("0481", DER_OCTET_STRING, &off), SEE_ERR_TRUNCATED);
    CU_ASSERT_EQUAL(read_one("1f0100", 0x1f, &off), SEE_ERR_DER_HIGH_TAG);
    CU_ASSERT_EQUAL(read_one("0400", DER_SEQUENCE, &off), SEE_ERR_DER_TAG);
    CU_ASSERT_EQUAL(read_one("", DER_SEQUENCE, &off), SEE_ERR_TRUNCATED);

    /* The offset names the element that is wrong, inside its parents. */
    size_t len;
    uint8_t *data = hex_alloc("3009" "020101" "3004" "0405aa", &len);
    der_context ctx;
    der_reader d, s1, s2, c;
    uint64_t v;
    der_reader_init(&d, &ctx, data, len);
    CU_ASSERT_EQUAL(der_read_tlv(&d, DER_SEQUENCE, &s1, NULL, NULL), SEE_ERR_DER_LENGTH);
    CU_ASSERT_EQUAL(ctx.error_offset, 0u);
    free(data);
    data = hex_alloc("300b" "020101" "3006" "0405aabbccdd", &len);
    der_reader_init(&d, &ctx, data, len);
    CU_ASSERT_EQUAL_FATAL(der_read_tlv(&d, DER_SEQUENCE, &s1, NULL, NULL), SEE_OK);
    CU_ASSERT_EQUAL(der_read_small_uint(&s1, &v), SEE_OK);
    CU_ASSERT_EQUAL_FATAL(der_read_tlv(&s1, DER_SEQUENCE, &s2, NULL, NULL), SEE_OK);
    CU_ASSERT_EQUAL(der_read_tlv(&s2, DER_OCTET_STRING, &c, NULL, NULL), SEE_ERR_DER_LENGTH);
    CU_ASSERT_EQUAL(ctx.error_offset, 7u);
    free(data);
}

static void test_reader_deep_nesting(void)
{
    /* 40 nested SEQUENCEs: the reader stops at DER_MAX_DEPTH. */
    uint8_t data[80];
    for (int i = 0; i < 40; i++) {
        data[2 * i] = 0x30;
        data[2 * i + 1] = (uint8_t)(78 - 2 * i);
    }
    der_context ctx;
    der_reader levels[41];
    der_reader_init(&levels[0], &ctx, data, sizeof data);
    int depth = 0;
    see_status st = SEE_OK;
    while (st == SEE_OK && depth < 40) {
        st = der_read_tlv(&levels[depth], DER_SEQUENCE, &levels[depth + 1], NULL, NULL);
        if (st == SEE_OK)
            depth++;
    }
    CU_ASSERT_EQUAL(st, SEE_ERR_DER_DEPTH);
    CU_ASSERT_EQUAL(depth, DER_MAX_DEPTH);
    CU_ASSERT_EQUAL(ctx.error_offset, 2u * DER_MAX_DEPTH);
}

static see_status read_integer_hex(const char *hex, mpz_t x)
{
    size_t len;
    uint8_t *data = hex_alloc(hex, &len);
    der_context ctx;
    der_reader d;
    der_reader_init(&d, &ctx, data, len);
    see_status st = der_read_integer(&d, x);
    free(data);
    return st;
}

static void test_integers(void)
{
    mpz_t x;
    mpz_init(x);
    CU_ASSERT_EQUAL(read_integer_hex("020100", x), SEE_OK);
    CU_ASSERT_EQUAL(mpz_cmp_si(x, 0), 0);
    CU_ASSERT_EQUAL(read_integer_hex("0201ff", x), SEE_OK);
    CU_ASSERT_EQUAL(mpz_cmp_si(x, -1), 0);
    CU_ASSERT_EQUAL(read_integer_hex("0202ff7f", x), SEE_OK);
    CU_ASSERT_EQUAL(mpz_cmp_si(x, -129), 0);
    CU_ASSERT_EQUAL(read_integer_hex("02020080", x), SEE_OK);
    CU_ASSERT_EQUAL(mpz_cmp_si(x, 128), 0);
    CU_ASSERT_EQUAL(read_integer_hex("0200", x), SEE_ERR_DER_INTEGER);
    CU_ASSERT_EQUAL(read_integer_hex("02020001", x), SEE_ERR_DER_NONMINIMAL);
    CU_ASSERT_EQUAL(read_integer_hex("0202ff80", x), SEE_ERR_DER_NONMINIMAL);
    mpz_clear(x);

    uint64_t v;
    size_t len;
    uint8_t *data = hex_alloc("0201ff" "02050100000000" "020900ffffffffffffffff"
                              "0209010000000000000000", &len);
    der_context ctx;
    der_reader d;
    der_reader_init(&d, &ctx, data, len);
    CU_ASSERT_EQUAL(der_read_small_uint(&d, &v), SEE_ERR_DER_INTEGER); /* negative */
    der_reader_init(&d, &ctx, data + 3, len - 3);
    /* 2^32 and 2^64 - 1: 64 bits on every platform (32-bit ARM too) */
    CU_ASSERT_EQUAL(der_read_small_uint(&d, &v), SEE_OK);
    CU_ASSERT_EQUAL(v, UINT64_C(1) << 32);
    CU_ASSERT_EQUAL(der_read_small_uint(&d, &v), SEE_OK);
    CU_ASSERT_EQUAL(v, UINT64_MAX);
    CU_ASSERT_EQUAL(der_read_small_uint(&d, &v), SEE_ERR_DER_INTEGER); /* 2^64 */
    free(data);
}

static see_status read_prim(const char *hex, int kind)
{
    size_t len, n;
    uint8_t *data = hex_alloc(hex, &len);
    der_context ctx;
    der_reader d;
    const uint8_t *p;
    unsigned unused;
    int b;
    int64_t t;
    uint8_t tag;
    see_status st;
    der_reader_init(&d, &ctx, data, len);
    switch (kind) {
    case 'b': st = der_read_boolean(&d, &b); break;
    case 'n': st = der_read_null(&d); break;
    case 's': st = der_read_bit_string(&d, &p, &n, &unused); break;
    case 'o': st = der_read_oid(&d, &p, &n); break;
    case 't': st = der_read_time(&d, &t); break;
    default:  st = der_read_string(&d, &tag, &p, &n); break;
    }
    free(data);
    return st;
}

static void test_primitives_strict(void)
{
    CU_ASSERT_EQUAL(read_prim("0101ff", 'b'), SEE_OK);
    CU_ASSERT_EQUAL(read_prim("010101", 'b'), SEE_ERR_DER_BOOLEAN);
    CU_ASSERT_EQUAL(read_prim("01020000", 'b'), SEE_ERR_DER_BOOLEAN);
    CU_ASSERT_EQUAL(read_prim("0500", 'n'), SEE_OK);
    CU_ASSERT_EQUAL(read_prim("050100", 'n'), SEE_ERR_TRAILING);
    CU_ASSERT_EQUAL(read_prim("030100", 's'), SEE_OK);
    CU_ASSERT_EQUAL(read_prim("0300", 's'), SEE_ERR_DER_BITSTRING);
    CU_ASSERT_EQUAL(read_prim("030101", 's'), SEE_ERR_DER_BITSTRING);
    CU_ASSERT_EQUAL(read_prim("03020101", 's'), SEE_ERR_DER_BITSTRING);
    CU_ASSERT_EQUAL(read_prim("03020880", 's'), SEE_ERR_DER_BITSTRING);
    CU_ASSERT_EQUAL(read_prim("0603550403", 'o'), SEE_OK);
    CU_ASSERT_EQUAL(read_prim("06028001", 'o'), SEE_ERR_DER_OID);
    CU_ASSERT_EQUAL(read_prim("06025581", 'o'), SEE_ERR_DER_OID);
    CU_ASSERT_EQUAL(read_prim("0600", 'o'), SEE_ERR_DER_OID);
    CU_ASSERT_EQUAL(read_prim("0c03616263", 'u'), SEE_OK);
    CU_ASSERT_EQUAL(read_prim("0c02c328", 'u'), SEE_ERR_DER_STRING);     /* bad UTF-8 */
    CU_ASSERT_EQUAL(read_prim("0c02c0af", 'u'), SEE_ERR_DER_STRING);     /* overlong */
    CU_ASSERT_EQUAL(read_prim("130361402a", 'u'), SEE_ERR_DER_STRING);   /* '@' */
    CU_ASSERT_EQUAL(read_prim("160161", 'u'), SEE_OK);
    CU_ASSERT_EQUAL(read_prim("1601e9", 'u'), SEE_ERR_DER_STRING);       /* IA5 > 0x7f */
    CU_ASSERT_EQUAL(read_prim("0403616263", 'u'), SEE_ERR_DER_TAG);
}

/* A one-character string of type tag holding c: 1 if read. */
static int string_char_accepted(uint8_t tag, uint8_t c)
{
    uint8_t der[3] = {tag, 1, c};
    der_context ctx;
    der_reader d;
    const uint8_t *text;
    size_t len;
    uint8_t got;
    der_reader_init(&d, &ctx, der, sizeof der);
    see_status st = der_read_string(&d, &got, &text, &len);
    CU_ASSERT(st == SEE_OK || st == SEE_ERR_DER_STRING);
    CU_ASSERT(st != SEE_ERR_DER_STRING || ctx.error_offset == 0);
    return st == SEE_OK;
}

/* Every byte against each alphabet of X.680 41: PrintableString (Table
 * 10: letters, digits, space and '()+,-./:=?), NumericString (digits and
 * space), VisibleString (0x20..0x7e), IA5String (0x00..0x7f). A NUL is in
 * none but IA5's: "a\0b" in a PrintableString is refused. */
static void test_string_alphabets(void)
{
    const char *printable = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                            "0123456789 '()+,-./:=?";
    static const uint8_t tags[] = {DER_PRINTABLE_STRING, DER_NUMERIC_STRING,
                                   DER_VISIBLE_STRING, DER_IA5_STRING};
    for (size_t t = 0; t < sizeof tags; t++) {
        int wrong = 0;
        for (int c = 0; c < 256; c++) {
            int allowed = tags[t] == DER_PRINTABLE_STRING
                              ? c != 0 && strchr(printable, c) != NULL
                          : tags[t] == DER_NUMERIC_STRING
                              ? (c >= '0' && c <= '9') || c == ' '
                          : tags[t] == DER_VISIBLE_STRING ? c >= 0x20 && c <= 0x7e
                                                          : c < 0x80;
            if (string_char_accepted(tags[t], (uint8_t)c) != allowed) {
                if (wrong++ == 0)
                    fprintf(stderr, "\n  tag %02x: byte %02x %s\n", tags[t], c,
                            allowed ? "refused" : "accepted");
            }
        }
        CU_ASSERT_EQUAL(wrong, 0);
    }
    CU_ASSERT_EQUAL(read_prim("1303610062", 'u'), SEE_ERR_DER_STRING);
    CU_ASSERT_EQUAL(read_prim("1303612062", 'u'), SEE_OK);
    CU_ASSERT_EQUAL(read_prim("1300", 'u'), SEE_OK);
}

static int64_t time_of(const char *hex, see_status *st)
{
    size_t len;
    uint8_t *data = hex_alloc(hex, &len);
    der_context ctx;
    der_reader d;
    int64_t t = -1;
    der_reader_init(&d, &ctx, data, len);
    *st = der_read_time(&d, &t);
    free(data);
    return t;
}

static void test_times(void)
{
    see_status st;
    /* "491231235959Z" is 2049, "500101000000Z" is 1950 (RFC 5280). */
    CU_ASSERT_EQUAL(time_of("170d3439313233313233353935395a", &st), 2524607999LL);
    CU_ASSERT_EQUAL(st, SEE_OK);
    CU_ASSERT_EQUAL(time_of("170d3530303130313030303030305a", &st), -631152000LL);
    CU_ASSERT_EQUAL(st, SEE_OK);
    /* GeneralizedTime 2000-02-29T12:00:00Z (a leap day) */
    CU_ASSERT_EQUAL(time_of("180f32303030303232393132303030305a", &st), 951825600LL);
    CU_ASSERT_EQUAL(st, SEE_OK);
    /* 2100-02-29 does not exist; month 13; hour 24; no Z; fractions */
    time_of("180f32313030303232393132303030305a", &st);
    CU_ASSERT_EQUAL(st, SEE_ERR_DER_TIME);
    time_of("170d3330313330313030303030305a", &st);
    CU_ASSERT_EQUAL(st, SEE_ERR_DER_TIME);
    time_of("170d3330303130313234303030305a", &st);
    CU_ASSERT_EQUAL(st, SEE_ERR_DER_TIME);
    time_of("170d33303031303130303030303030", &st); /* no Z */
    CU_ASSERT_EQUAL(st, SEE_ERR_DER_TIME);
    time_of("181132303530303130313030303030302e305a", &st);
    CU_ASSERT_EQUAL(st, SEE_ERR_DER_TIME);
    time_of("170b333030313031303030305a", &st); /* no seconds */
    CU_ASSERT_EQUAL(st, SEE_ERR_DER_TIME);

    /* civil <-> epoch round trip over 1600..2400, one day in 7 */
    for (int64_t day = -134774; day < 157500; day += 7) {
        int y, mo, d, h, mi, s;
        der_civil_from_epoch(day * 86400 + 3723, &y, &mo, &d, &h, &mi, &s);
        CU_ASSERT_EQUAL(der_epoch_from_civil(y, mo, d, h, mi, s), day * 86400 + 3723);
        CU_ASSERT(h == 1 && mi == 2 && s == 3);
    }
    int y, mo, d, h, mi, s;
    der_civil_from_epoch(-1, &y, &mo, &d, &h, &mi, &s);
    CU_ASSERT(y == 1969 && mo == 12 && d == 31 && h == 23 && mi == 59 && s == 59);
    der_civil_from_epoch(4102444800LL, &y, &mo, &d, &h, &mi, &s);
    CU_ASSERT(y == 2100 && mo == 1 && d == 1);
}

static void test_oid_table(void)
{
    char text[128];
    for (int i = 0; i < OID_COUNT; i++) {
        const der_oid *o = oid_get((oid_id)i);
        der_oid_to_text(o->der, o->len, text, sizeof text);
        CU_ASSERT_STRING_EQUAL(text, o->dotted);
        CU_ASSERT_PTR_EQUAL(oid_lookup(o->der, o->len), o);
        CU_ASSERT_TRUE(oid_is(o->der, o->len, (oid_id)i));
    }
    const uint8_t unknown[] = {0x2a, 0x03};
    CU_ASSERT_PTR_NULL(oid_lookup(unknown, sizeof unknown));
    der_oid_to_text(unknown, sizeof unknown, text, sizeof text);
    CU_ASSERT_STRING_EQUAL(text, "1.2.3");
    const uint8_t bad[] = {0x2a, 0x83};
    der_oid_to_text(bad, sizeof bad, text, sizeof text);
    CU_ASSERT_STRING_EQUAL(text, "(malformed)");
    /* truncation keeps a terminated string */
    der_oid_to_text(oid_get(OID_RSA_ENCRYPTION)->der, 9, text, 6);
    CU_ASSERT_EQUAL(strlen(text) < 6, 1);
}

static void test_raw_capture(void)
{
    size_t len;
    uint8_t *data = hex_alloc("3007" "3003020107" "0500" "00", &len);
    der_context ctx;
    der_reader d, seq, inner;
    const uint8_t *raw;
    size_t raw_len;
    der_reader_init(&d, &ctx, data, len - 1);
    CU_ASSERT_EQUAL_FATAL(der_read_tlv(&d, DER_SEQUENCE, &seq, NULL, NULL), SEE_OK);
    CU_ASSERT_EQUAL_FATAL(der_read_tlv(&seq, DER_SEQUENCE, &inner, &raw, &raw_len), SEE_OK);
    ASSERT_HEX_EQ(raw, raw_len, "3003020107");
    CU_ASSERT_EQUAL(der_offset(&inner), 4u);
    uint8_t tag;
    CU_ASSERT_EQUAL(der_read_any(&seq, &tag, &inner, &raw, &raw_len), SEE_OK);
    CU_ASSERT_EQUAL(tag, DER_NULL);
    CU_ASSERT_TRUE(der_at_end(&seq));
    free(data);
}

static CU_TestInfo tests[] = {
    {"writer: exact encodings", test_writer_encodings},
    {"writer: long-form lengths", test_writer_long_lengths},
    {"writer: errors are sticky and reported", test_writer_errors},
    {"reader: a document, every truncation", test_reader_document},
    {"reader: bad lengths, with offsets", test_reader_rejects_bad_lengths},
    {"reader: deep nesting stops", test_reader_deep_nesting},
    {"INTEGER: signs and minimality", test_integers},
    {"BOOLEAN, NULL, BIT STRING, OID, strings: strict", test_primitives_strict},
    {"strings: each type's alphabet, NUL refused", test_string_alphabets},
    {"UTCTime, GeneralizedTime, calendar", test_times},
    {"OID table and dotted text", test_oid_table},
    {"raw element capture", test_raw_capture},
    CU_TEST_INFO_NULL,
};

int main(void)
{
    return run_suite("der", tests);
}
