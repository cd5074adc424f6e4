/*
 * test_bytes.c: the bounded reader and writer. Every get is tried on every
 * truncation of a buffer (allocated at exactly that size, so a read past it
 * is caught by the sanitizers), length-prefixed vectors of width 1-3, and
 * the writer's overflow and length-prefix rules.
 */
#include <stdlib.h>
#include <string.h>

#include "core/bytes.h"
#include "tests/unit/harness.h"

static const uint8_t sample[16] = {
    0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08,
    0x89, 0x9a, 0xab, 0xbc, 0xcd, 0xde, 0xef, 0xf0,
};

/* One kind of get: how many bytes it needs and how to call it. The value
 * read is returned as 64 bits, so it can be checked against the bytes. */
typedef struct {
    const char *name;
    size_t need;
    see_status (*get)(reader *r, size_t need, uint64_t *value);
} getter;

static see_status get_u8(reader *r, size_t n, uint64_t *v)
{ (void)n; uint8_t x = 0; see_status s = reader_u8(r, &x); *v = x; return s; }
static see_status get_u16(reader *r, size_t n, uint64_t *v)
{ (void)n; uint16_t x = 0; see_status s = reader_u16(r, &x); *v = x; return s; }
static see_status get_u24(reader *r, size_t n, uint64_t *v)
{ (void)n; uint32_t x = 0; see_status s = reader_u24(r, &x); *v = x; return s; }
static see_status get_u32(reader *r, size_t n, uint64_t *v)
{ (void)n; uint32_t x = 0; see_status s = reader_u32(r, &x); *v = x; return s; }
static see_status get_u64(reader *r, size_t n, uint64_t *v)
{ (void)n; return reader_u64(r, v); }

/* For the byte-string gets the "value" is the first up-to-8 bytes read
 * as a big-endian number, which the test compares the same way. */
static uint64_t be_prefix(const uint8_t *p, size_t n)
{
    uint64_t x = 0;
    for (size_t i = 0; i < n && i < 8; i++)
        x = x << 8 | p[i];
    return x;
}

static see_status get_bytes(reader *r, size_t n, uint64_t *v)
{
    const uint8_t *p = NULL;
    see_status s = reader_bytes(r, n, &p);
    *v = s == SEE_OK ? be_prefix(p, n) : 0;
    return s;
}

static see_status get_copy(reader *r, size_t n, uint64_t *v)
{
    uint8_t buf[16];
    see_status s = reader_copy(r, buf, n);
    *v = s == SEE_OK ? be_prefix(buf, n) : 0;
    return s;
}

static see_status get_sub(reader *r, size_t n, uint64_t *v)
{
    reader sub;
    see_status s = reader_sub(r, n, &sub);
    if (s != SEE_OK) {
        *v = 0;
        return s;
    }
    /* the sub-reader covers exactly the n bytes */
    CU_ASSERT_EQUAL(reader_remaining(&sub), n);
    const uint8_t *p = NULL;
    CU_ASSERT_EQUAL(reader_bytes(&sub, n, &p), SEE_OK);
    CU_ASSERT_EQUAL(reader_expect_end(&sub), SEE_OK);
    *v = be_prefix(p, n);
    return s;
}

static const getter getters[] = {
    {"u8", 1, get_u8},       {"u16", 2, get_u16},     {"u24", 3, get_u24},
    {"u32", 4, get_u32},     {"u64", 8, get_u64},
    {"bytes 0", 0, get_bytes}, {"bytes 5", 5, get_bytes}, {"bytes 16", 16, get_bytes},
    {"copy 1", 1, get_copy}, {"copy 9", 9, get_copy},  {"copy 16", 16, get_copy},
    {"sub 0", 0, get_sub},   {"sub 3", 3, get_sub},    {"sub 16", 16, get_sub},
};
#define GETTER_COUNT (sizeof getters / sizeof getters[0])

/* Every get, at every start offset, on every truncation 0..16 of the
 * sample: succeeds with the right value and advances exactly when enough
 * bytes remain; otherwise SEE_ERR_TRUNCATED and the position is kept. */
static void test_every_get_every_truncation(void)
{
    int wrong = 0;
    for (size_t len = 0; len <= sizeof sample; len++) {
        uint8_t *buf = malloc(len ? len : 1);
        CU_ASSERT_FATAL(buf != NULL);
        memcpy(buf, sample, len);
        for (size_t start = 0; start <= len; start++) {
            for (size_t g = 0; g < GETTER_COUNT; g++) {
                reader r;
                reader_init(&r, buf, len);
                const uint8_t *skip;
                CU_ASSERT_EQUAL_FATAL(reader_bytes(&r, start, &skip), SEE_OK);
                uint64_t value = 0;
                see_status st = getters[g].get(&r, getters[g].need, &value);
                size_t need = getters[g].need;
                if (len - start >= need) {
                    wrong += st != SEE_OK;
                    wrong += r.pos != start + need;
                    wrong += value != be_prefix(sample + start, need);
                } else {
                    wrong += st != SEE_ERR_TRUNCATED;
                    wrong += r.pos != start;
                }
                if (wrong) {
                    fprintf(stderr, "\n%s at %zu of %zu bytes: %s\n",
                            getters[g].name, start, len, see_strerror(st));
                    free(buf);
                    CU_FAIL_FATAL("reader get");
                }
            }
        }
        free(buf);
    }
    CU_ASSERT_EQUAL(wrong, 0);
}

static void test_values_big_endian(void)
{
    reader r;
    reader_init(&r, sample, sizeof sample);
    uint8_t a; uint16_t b; uint32_t c, d; uint64_t e;
    CU_ASSERT_EQUAL(reader_u8(&r, &a), SEE_OK);
    CU_ASSERT_EQUAL(reader_u16(&r, &b), SEE_OK);
    CU_ASSERT_EQUAL(reader_u24(&r, &c), SEE_OK);
    CU_ASSERT_EQUAL(reader_u32(&r, &d), SEE_OK);
    CU_ASSERT_EQUAL(a, 0x01);
    CU_ASSERT_EQUAL(b, 0x0203);
    CU_ASSERT_EQUAL(c, 0x040506);
    CU_ASSERT_EQUAL(d, 0x0708899au);
    CU_ASSERT_EQUAL(reader_remaining(&r), 6);
    CU_ASSERT_EQUAL(reader_u64(&r, &e), SEE_ERR_TRUNCATED);
    CU_ASSERT_FALSE(reader_at_end(&r));
    CU_ASSERT_EQUAL(reader_expect_end(&r), SEE_ERR_TRAILING);
    const uint8_t *p;
    CU_ASSERT_EQUAL(reader_bytes(&r, 6, &p), SEE_OK);
    CU_ASSERT_TRUE(reader_at_end(&r));
    CU_ASSERT_EQUAL(reader_expect_end(&r), SEE_OK);

    reader_init(&r, sample + 8, 8);
    CU_ASSERT_EQUAL(reader_u64(&r, &e), SEE_OK);
    CU_ASSERT_EQUAL(e, 0x899aabbccddeeff0ull);
}

/* A width-byte length, then that many bytes. */
static void test_vectors(void)
{
    for (int width = 1; width <= 3; width++) {
        /* prefix says 3, body "abc", then one byte that is not ours */
        uint8_t buf[8] = {0};
        buf[width - 1] = 3;
        memcpy(buf + width, "abcZ", 4);
        size_t total = (size_t)width + 4;

        reader r, v;
        reader_init(&r, buf, total);
        CU_ASSERT_EQUAL(reader_vector(&r, width, &v), SEE_OK);
        CU_ASSERT_EQUAL(reader_remaining(&v), 3);
        CU_ASSERT_EQUAL(memcmp(v.data + v.pos, "abc", 3), 0);
        CU_ASSERT_EQUAL(reader_remaining(&r), 1);

        /* every truncation of prefix + body fails and keeps the position */
        for (size_t len = 0; len < (size_t)width + 3; len++) {
            uint8_t *exact = malloc(len ? len : 1);
            memcpy(exact, buf, len);
            reader_init(&r, exact, len);
            CU_ASSERT_EQUAL(reader_vector(&r, width, &v), SEE_ERR_TRUNCATED);
            CU_ASSERT_EQUAL(r.pos, 0);
            free(exact);
        }

        /* an empty vector */
        uint8_t zero[3] = {0};
        reader_init(&r, zero, (size_t)width);
        CU_ASSERT_EQUAL(reader_vector(&r, width, &v), SEE_OK);
        CU_ASSERT_EQUAL(reader_remaining(&v), 0);
        CU_ASSERT_TRUE(reader_at_end(&r));
    }
    /* the largest length each width can say, with too few bytes after */
    static const uint8_t big[3] = {0xff, 0xff, 0xff};
    for (int width = 1; width <= 3; width++) {
        reader r, v;
        reader_init(&r, big, sizeof big);
        CU_ASSERT_EQUAL(reader_vector(&r, width, &v), SEE_ERR_TRUNCATED);
    }
    /* widths outside 1..3 are a programming error */
    reader r, v;
    reader_init(&r, sample, sizeof sample);
    CU_ASSERT_EQUAL(reader_vector(&r, 0, &v), SEE_ERR_ARGUMENT);
    CU_ASSERT_EQUAL(reader_vector(&r, 4, &v), SEE_ERR_ARGUMENT);
    CU_ASSERT_EQUAL(r.pos, 0);
}

/* A message shaped like a TLS one (type u8, u24 length, u16 version,
 * u8-vector, u16-vector) parsed from every truncation: all fail with
 * SEE_ERR_TRUNCATED; the whole parses; one extra byte is trailing. */
static see_status parse_message(reader *r)
{
    uint8_t type;
    uint32_t length;
    uint16_t version;
    reader body, a, b;
    TRY(reader_u8(r, &type));
    TRY(reader_u24(r, &length));
    TRY(reader_sub(r, length, &body));
    TRY(reader_u16(&body, &version));
    TRY(reader_vector(&body, 1, &a));
    TRY(reader_vector(&body, 2, &b));
    TRY(reader_expect_end(&body));
    return reader_expect_end(r);
}

static void test_message_truncations(void)
{
    static const uint8_t msg[] = {
        0x01, 0x00, 0x00, 0x09,         /* type 1, body of 9 bytes */
        0x03, 0x03,                     /* version */
        0x02, 0xaa, 0xbb,               /* u8 vector of 2 */
        0x00, 0x02, 0xcc, 0xdd,         /* u16 vector of 2 */
    };
    reader r;
    uint8_t *buf = malloc(sizeof msg);
    CU_ASSERT_FATAL(buf != NULL);
    memcpy(buf, msg, sizeof msg);
    reader_init(&r, buf, sizeof msg);
    CU_ASSERT_EQUAL(parse_message(&r), SEE_OK);
    for (size_t len = 0; len < sizeof msg; len++) {
        reader_init(&r, buf, len);
        CU_ASSERT_EQUAL(parse_message(&r), SEE_ERR_TRUNCATED);
    }
    free(buf);

    /* one byte after the message, or inside the body after its fields */
    uint8_t longer[sizeof msg + 1];
    memcpy(longer, msg, sizeof msg);
    longer[sizeof msg] = 0;
    reader_init(&r, longer, sizeof longer);
    CU_ASSERT_EQUAL(parse_message(&r), SEE_ERR_TRAILING);
    longer[3] = 0x0a;
    reader_init(&r, longer, sizeof longer);
    CU_ASSERT_EQUAL(parse_message(&r), SEE_ERR_TRAILING);
}

/* Writes that do not fit fail with SEE_ERR_BUFFER_SMALL and leave the
 * writer as it was; those that fit exactly succeed. */
static void test_writer_overflow(void)
{
    for (size_t cap = 0; cap <= 12; cap++) {
        uint8_t *buf = malloc(cap ? cap : 1);
        writer w;
        struct { size_t n; see_status st; } results[7];
        writer_init(&w, buf, cap);
        size_t used = 0;
        results[0].n = 1; results[0].st = writer_u8(&w, 0x11);
        results[1].n = 2; results[1].st = writer_u16(&w, 0x2233);
        results[2].n = 3; results[2].st = writer_u24(&w, 0x445566);
        results[3].n = 4; results[3].st = writer_u32(&w, 0x778899aa);
        results[4].n = 8; results[4].st = writer_u64(&w, 0x0102030405060708ull);
        results[5].n = 2; results[5].st = writer_bytes(&w, "xy", 2);
        uint8_t *slot = NULL;
        results[6].n = 1; results[6].st = writer_reserve(&w, 1, &slot);
        for (int i = 0; i < 7; i++) {
            if (used + results[i].n <= cap) {
                CU_ASSERT_EQUAL(results[i].st, SEE_OK);
                used += results[i].n;
            } else {
                CU_ASSERT_EQUAL(results[i].st, SEE_ERR_BUFFER_SMALL);
            }
        }
        CU_ASSERT_EQUAL(w.len, used);
        CU_ASSERT(w.len <= cap);
        free(buf);
    }

    uint8_t out[20];
    writer w;
    writer_init(&w, out, sizeof out);
    CU_ASSERT_EQUAL(writer_u8(&w, 0x11), SEE_OK);
    CU_ASSERT_EQUAL(writer_u16(&w, 0x2233), SEE_OK);
    CU_ASSERT_EQUAL(writer_u24(&w, 0x445566), SEE_OK);
    CU_ASSERT_EQUAL(writer_u32(&w, 0x778899aa), SEE_OK);
    CU_ASSERT_EQUAL(writer_u64(&w, 0x0102030405060708ull), SEE_OK);
    CU_ASSERT_EQUAL(writer_bytes(&w, "xy", 2), SEE_OK);
    CU_ASSERT_EQUAL(w.len, 20);
    ASSERT_HEX_EQ(out, 20, "112233445566778899aa01020304050607087879");
    CU_ASSERT_EQUAL(writer_bytes(&w, "", 0), SEE_OK);
    CU_ASSERT_EQUAL(writer_u8(&w, 0), SEE_ERR_BUFFER_SMALL);
}

/* Nested length prefixes filled in on close; a body too long for its
 * width is refused. */
static void test_open_close_length(void)
{
    uint8_t out[64];
    writer w;
    size_t outer, inner;
    writer_init(&w, out, sizeof out);
    CU_ASSERT_EQUAL(writer_u8(&w, 0x16), SEE_OK);
    CU_ASSERT_EQUAL(writer_open_length(&w, 3, &outer), SEE_OK);
    CU_ASSERT_EQUAL(writer_u16(&w, 0x0303), SEE_OK);
    CU_ASSERT_EQUAL(writer_open_length(&w, 1, &inner), SEE_OK);
    CU_ASSERT_EQUAL(writer_bytes(&w, "abc", 3), SEE_OK);
    CU_ASSERT_EQUAL(writer_close_length(&w, 1, inner), SEE_OK);
    CU_ASSERT_EQUAL(writer_open_length(&w, 2, &inner), SEE_OK);
    CU_ASSERT_EQUAL(writer_close_length(&w, 2, inner), SEE_OK);
    CU_ASSERT_EQUAL(writer_close_length(&w, 3, outer), SEE_OK);
    ASSERT_HEX_EQ(out, w.len, "16000008" "0303" "03616263" "0000");

    /* and the reader takes it apart again */
    reader r, body, v;
    uint8_t type;
    uint16_t version;
    reader_init(&r, out, w.len);
    CU_ASSERT_EQUAL(reader_u8(&r, &type), SEE_OK);
    CU_ASSERT_EQUAL(reader_vector(&r, 3, &body), SEE_OK);
    CU_ASSERT_EQUAL(reader_u16(&body, &version), SEE_OK);
    CU_ASSERT_EQUAL(reader_vector(&body, 1, &v), SEE_OK);
    CU_ASSERT_EQUAL(reader_remaining(&v), 3);
    CU_ASSERT_EQUAL(reader_vector(&body, 2, &v), SEE_OK);
    CU_ASSERT_EQUAL(reader_remaining(&v), 0);
    CU_ASSERT_EQUAL(reader_expect_end(&body), SEE_OK);
    CU_ASSERT_EQUAL(reader_expect_end(&r), SEE_OK);

    /* 255 bytes fit a 1-byte length, 256 do not */
    static uint8_t big[70000];
    static uint8_t filler[65536];
    writer_init(&w, big, sizeof big);
    CU_ASSERT_EQUAL(writer_open_length(&w, 1, &inner), SEE_OK);
    CU_ASSERT_EQUAL(writer_bytes(&w, filler, 255), SEE_OK);
    CU_ASSERT_EQUAL(writer_close_length(&w, 1, inner), SEE_OK);
    CU_ASSERT_EQUAL(big[0], 255);
    writer_init(&w, big, sizeof big);
    CU_ASSERT_EQUAL(writer_open_length(&w, 1, &inner), SEE_OK);
    CU_ASSERT_EQUAL(writer_bytes(&w, filler, 256), SEE_OK);
    CU_ASSERT_EQUAL(writer_close_length(&w, 1, inner), SEE_ERR_ARGUMENT);
    /* 65535 fit two bytes, 65536 do not; three bytes take 65536 */
    writer_init(&w, big, sizeof big);
    CU_ASSERT_EQUAL(writer_open_length(&w, 2, &inner), SEE_OK);
    CU_ASSERT_EQUAL(writer_bytes(&w, filler, 65535), SEE_OK);
    CU_ASSERT_EQUAL(writer_close_length(&w, 2, inner), SEE_OK);
    CU_ASSERT_EQUAL(big[0], 0xff);
    CU_ASSERT_EQUAL(big[1], 0xff);
    CU_ASSERT_EQUAL(writer_u8(&w, 0), SEE_OK);
    CU_ASSERT_EQUAL(writer_close_length(&w, 2, inner), SEE_ERR_ARGUMENT);
    writer_init(&w, big, sizeof big);
    CU_ASSERT_EQUAL(writer_open_length(&w, 3, &inner), SEE_OK);
    CU_ASSERT_EQUAL(writer_bytes(&w, filler, 65536), SEE_OK);
    CU_ASSERT_EQUAL(writer_close_length(&w, 3, inner), SEE_OK);
    ASSERT_HEX_EQ(big, 3, "010000");

    /* the prefix itself must fit; widths outside 1..3 are refused */
    uint8_t tiny[2];
    writer_init(&w, tiny, sizeof tiny);
    CU_ASSERT_EQUAL(writer_open_length(&w, 3, &inner), SEE_ERR_BUFFER_SMALL);
    CU_ASSERT_EQUAL(w.len, 0);
    CU_ASSERT_EQUAL(writer_open_length(&w, 0, &inner), SEE_ERR_ARGUMENT);
    CU_ASSERT_EQUAL(writer_open_length(&w, 4, &inner), SEE_ERR_ARGUMENT);
}

/* writer_vector writes what open, bytes, close write; too long a body or
 * too small a buffer is refused. */
static void test_writer_vector(void)
{
    uint8_t out[9];
    writer w;
    writer_init(&w, out, sizeof out);
    CU_ASSERT_EQUAL(writer_vector(&w, 1, "ab", 2), SEE_OK);
    CU_ASSERT_EQUAL(writer_vector(&w, 2, "", 0), SEE_OK);
    CU_ASSERT_EQUAL(writer_vector(&w, 3, "c", 1), SEE_OK);
    ASSERT_HEX_EQ(out, w.len, "026162" "0000" "00000163");
    CU_ASSERT_EQUAL(writer_vector(&w, 1, "", 0), SEE_ERR_BUFFER_SMALL);

    static uint8_t big[300];
    static const uint8_t filler[256];
    writer_init(&w, big, sizeof big);
    CU_ASSERT_EQUAL(writer_vector(&w, 1, filler, 256), SEE_ERR_ARGUMENT);
    CU_ASSERT_EQUAL(writer_vector(&w, 4, filler, 1), SEE_ERR_ARGUMENT);
}

static CU_TestInfo tests[] = {
    {"every get on every truncation", test_every_get_every_truncation},
    {"values are big-endian", test_values_big_endian},
    {"vectors of width 1-3", test_vectors},
    {"a message from every truncation", test_message_truncations},
    {"writer overflow refused", test_writer_overflow},
    {"open/close length prefixes", test_open_close_length},
    {"writer_vector: length and bytes in one call", test_writer_vector},
    CU_TEST_INFO_NULL,
};

int main(void)
{
    return run_suite("bytes", tests);
}
