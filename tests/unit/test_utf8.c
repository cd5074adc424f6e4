/*
 * test_utf8.c: codec/utf8 against Unicode 15.0 table 3-7: each row's
 * edges taken and one step past them refused (overlongs, surrogates,
 * above U+10FFFF, bytes that start nothing, characters cut short), the
 * code point at every boundary of a length, every code point encoded by
 * the book, every string of up to three bytes counted, and the decoder
 * fed in pieces split at every byte, and byte by byte.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codec/utf8.h"
#include "tests/unit/harness.h"

static int valid_hex(const char *hex)
{
    size_t n;
    uint8_t *b = hex_alloc(hex, &n);
    int ok = utf8_valid(b, n);
    free(b);
    return ok;
}

/* Unicode table 3-7's edges: each range's ends good, one step past bad. */
static void test_table_3_7_edges(void)
{
    static const char *good[] = {
        "", "00", "7f", "c280", "dfbf", "e0a080", "e0bfbf", "e18080", "ecbfbf",
        "ed8080", "ed9fbf", "ee8080", "efbfbf", "f0908080", "f0bfbfbf",
        "f1808080", "f3bfbfbf", "f4808080", "f48fbfbf",
        "48656c6c6f2c20e282ac21",   /* "Hello, €!" */
    };
    static const char *bad[] = {
        /* a continuation byte where a character begins */
        "80", "bf", "4180",
        /* overlong: C0 and C1 start nothing, E0 80..9F, F0 80..8F */
        "c080", "c0af", "c180", "c1bf", "e08080", "e09fbf", "f0808080", "f08fbfbf",
        /* encoded surrogates U+D800..U+DFFF: ED A0..BF */
        "eda080", "edbfbf", "edafbfedbfbf",
        /* above U+10FFFF: F4 90.., and F5..FF start nothing */
        "f4908080", "f4bfbfbf", "f5808080", "f7bfbfbf", "f8", "fe", "ff",
        /* a continuation byte out of its range */
        "c27f", "c2c0", "e0a07f", "e0a0c0", "f09080c0", "e1c080",
        /* cut short */
        "c2", "e0a0", "e282", "f0", "f09080", "f48fbf", "41e282",
    };
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        CU_ASSERT_TRUE(valid_hex(good[i]));
        if (!valid_hex(good[i]))
            fprintf(stderr, "\n  refused good %s\n", good[i]);
    }
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        CU_ASSERT_FALSE(valid_hex(bad[i]));
        if (valid_hex(bad[i]))
            fprintf(stderr, "\n  took bad %s\n", bad[i]);
    }
}

/* The code point by the book (RFC 3629 3's table), into b; its length. */
static size_t encode(uint32_t cp, uint8_t b[UTF8_MAX_CHAR])
{
    if (cp < 0x80) {
        b[0] = (uint8_t)cp;
        return 1;
    }
    if (cp < 0x800) {
        b[0] = (uint8_t)(0xc0 | cp >> 6);
        b[1] = (uint8_t)(0x80 | (cp & 0x3f));
        return 2;
    }
    if (cp < 0x10000) {
        b[0] = (uint8_t)(0xe0 | cp >> 12);
        b[1] = (uint8_t)(0x80 | ((cp >> 6) & 0x3f));
        b[2] = (uint8_t)(0x80 | (cp & 0x3f));
        return 3;
    }
    b[0] = (uint8_t)(0xf0 | cp >> 18);
    b[1] = (uint8_t)(0x80 | ((cp >> 12) & 0x3f));
    b[2] = (uint8_t)(0x80 | ((cp >> 6) & 0x3f));
    b[3] = (uint8_t)(0x80 | (cp & 0x3f));
    return 4;
}

/* The first and last code point of each length decode to themselves, in
 * the bytes the standard gives, and with nothing past them read. */
static void test_length_boundaries(void)
{
    static const struct {
        uint32_t cp;
        const char *hex;
    } edges[] = {
        {0x0, "00"},          {0x7f, "7f"},         {0x80, "c280"},
        {0x7ff, "dfbf"},      {0x800, "e0a080"},    {0xd7ff, "ed9fbf"},
        {0xe000, "ee8080"},   {0xfffd, "efbfbd"},   {0xffff, "efbfbf"},
        {0x10000, "f0908080"}, {0x10ffff, "f48fbfbf"},
    };
    for (size_t i = 0; i < sizeof edges / sizeof edges[0]; i++) {
        size_t n;
        uint8_t *b = hex_alloc(edges[i].hex, &n);   /* exactly n bytes */
        uint8_t mine[UTF8_MAX_CHAR];
        CU_ASSERT_EQUAL(encode(edges[i].cp, mine), n);
        CU_ASSERT_EQUAL(memcmp(mine, b, n), 0);
        uint32_t cp = 0xffffffff;
        CU_ASSERT_EQUAL(utf8_next(b, n, &cp), n);
        CU_ASSERT_EQUAL(cp, edges[i].cp);
        free(b);
    }
}

/* Every code point U+0000..U+10FFFF encoded by the book is valid and
 * decodes to itself, and every surrogate is refused. */
static void test_every_code_point(void)
{
    long wrong = 0;
    for (uint32_t cp = 0; cp <= 0x10ffff; cp++) {
        uint8_t b[UTF8_MAX_CHAR];
        size_t n = encode(cp, b);
        int surrogate = cp >= 0xd800 && cp <= 0xdfff;
        uint32_t got = 0xffffffff;
        size_t len = utf8_next(b, n, &got);
        if (utf8_valid(b, n) != !surrogate || len != (surrogate ? 0 : n) ||
            (!surrogate && got != cp))
            wrong++;
    }
    CU_ASSERT_EQUAL(wrong, 0);
}

/* Every string of one, two and three bytes, counted: the valid ones are
 * the strings of characters of those lengths. 128 one-byte characters,
 * 1920 of two bytes (U+0080..U+07FF), 61440 of three (U+0800..U+FFFF
 * less 2048 surrogates): 128, 128^2 + 1920 = 18304, and 128^3 +
 * 2 * 128 * 1920 + 61440 = 2650112. */
static void test_every_short_string(void)
{
    long count[4] = {0, 0, 0, 0};
    uint8_t b[3];
    for (uint32_t v = 0; v < 0x1000000; v++) {
        b[0] = (uint8_t)(v >> 16), b[1] = (uint8_t)(v >> 8), b[2] = (uint8_t)v;
        count[3] += utf8_valid(b, 3);
        if (v < 0x10000) {
            b[0] = (uint8_t)(v >> 8), b[1] = (uint8_t)v;
            count[2] += utf8_valid(b, 2);
        }
        if (v < 0x100) {
            b[0] = (uint8_t)v;
            count[1] += utf8_valid(b, 1);
        }
    }
    CU_ASSERT_EQUAL(count[1], 128);
    CU_ASSERT_EQUAL(count[2], 18304);
    CU_ASSERT_EQUAL(count[3], 2650112);
}

/* utf8_next on what is not one whole character: 0, *code_point kept, and
 * no byte past n read (the buffers are exactly n bytes). */
static void test_next_refuses(void)
{
    static const char *not_one[] = {
        "", "80", "c0af", "c2", "e282", "e28241", "eda080", "f09080", "f4908080", "ff",
    };
    for (size_t i = 0; i < sizeof not_one / sizeof not_one[0]; i++) {
        size_t n;
        uint8_t *b = hex_alloc(not_one[i], &n);
        uint32_t cp = 0x1234;
        CU_ASSERT_EQUAL(utf8_next(b, n, &cp), 0);
        CU_ASSERT_EQUAL(cp, 0x1234);
        free(b);
    }
    /* only the first character is taken */
    uint32_t cp;
    CU_ASSERT_EQUAL(utf8_next((const uint8_t *)"\xe2\x82\xac" "A", 4, &cp), 3);
    CU_ASSERT_EQUAL(cp, 0x20ac);
}

/* The decoder says, byte by byte, what it has: incomplete, a character,
 * or a byte that cannot come here, after which it starts afresh. */
static void test_decoder_steps(void)
{
    utf8_decoder d;
    uint32_t cp = 0;
    utf8_decoder_init(&d);
    CU_ASSERT_EQUAL(utf8_decode(&d, 0xf0, &cp), UTF8_INCOMPLETE);
    CU_ASSERT_FALSE(utf8_complete(&d));
    CU_ASSERT_EQUAL(utf8_decode(&d, 0x9f, &cp), UTF8_INCOMPLETE);
    CU_ASSERT_EQUAL(utf8_decode(&d, 0x98, &cp), UTF8_INCOMPLETE);
    CU_ASSERT_EQUAL(utf8_decode(&d, 0x80, &cp), UTF8_CHARACTER);
    CU_ASSERT_EQUAL(cp, 0x1f600);
    CU_ASSERT_TRUE(utf8_complete(&d));
    /* E2 then 'A': refused at the 'A', which then begins afresh */
    CU_ASSERT_EQUAL(utf8_decode(&d, 0xe2, &cp), UTF8_INCOMPLETE);
    CU_ASSERT_EQUAL(utf8_decode(&d, 'A', &cp), UTF8_INVALID);
    CU_ASSERT_TRUE(utf8_complete(&d));
    CU_ASSERT_EQUAL(utf8_decode(&d, 'A', &cp), UTF8_CHARACTER);
    CU_ASSERT_EQUAL(cp, 'A');
    /* ED A0: a surrogate, refused at its second byte */
    CU_ASSERT_EQUAL(utf8_decode(&d, 0xed, &cp), UTF8_INCOMPLETE);
    CU_ASSERT_EQUAL(utf8_decode(&d, 0xa0, &cp), UTF8_INVALID);
    CU_ASSERT_EQUAL(utf8_decode(&d, 0xc1, &cp), UTF8_INVALID);
    CU_ASSERT_EQUAL(utf8_decode(&d, 0xf5, &cp), UTF8_INVALID);
}

/* Characters of each length, at each boundary: "A", U+0080, U+07FF,
 * U+0800, U+FFFF, U+10000, U+10FFFF, "z". */
static const uint8_t mixed[] = {
    0x41, 0xc2, 0x80, 0xdf, 0xbf, 0xe0, 0xa0, 0x80, 0xef, 0xbf, 0xbf,
    0xf0, 0x90, 0x80, 0x80, 0xf4, 0x8f, 0xbf, 0xbf, 0x7a,
};
static const uint32_t mixed_code_points[] = {
    0x41, 0x80, 0x7ff, 0x800, 0xffff, 0x10000, 0x10ffff, 0x7a,
};
#define MIXED_COUNT (sizeof mixed_code_points / sizeof mixed_code_points[0])

/* Feed p[0..n) to d; the characters it yields appended to got (from
 * *count on). -1 at a byte refused, else 0. */
static int decode_piece(utf8_decoder *d, const uint8_t *p, size_t n, uint32_t *got,
                        size_t *count)
{
    for (size_t i = 0; i < n; i++) {
        uint32_t cp;
        utf8_step step = utf8_decode(d, p[i], &cp);
        if (step == UTF8_INVALID)
            return -1;
        if (step == UTF8_CHARACTER && *count < MIXED_COUNT)
            got[(*count)++] = cp;
    }
    return 0;
}

/* The text split in two at every byte: the same characters, whole at the
 * end, and incomplete at a split inside a character. */
static void test_split_at_every_byte(void)
{
    for (size_t split = 0; split <= sizeof mixed; split++) {
        utf8_decoder d;
        uint32_t got[MIXED_COUNT];
        size_t count = 0;
        utf8_decoder_init(&d);
        CU_ASSERT_EQUAL(decode_piece(&d, mixed, split, got, &count), 0);
        /* a split lands between characters exactly where the characters
         * decoded so far end */
        size_t ends = 0;
        for (size_t i = 0; i < count; i++) {
            uint8_t b[UTF8_MAX_CHAR];
            ends += encode(got[i], b);
        }
        CU_ASSERT_EQUAL(utf8_complete(&d), ends == split);
        CU_ASSERT_EQUAL(decode_piece(&d, mixed + split, sizeof mixed - split, got, &count), 0);
        CU_ASSERT_TRUE(utf8_complete(&d));
        CU_ASSERT_EQUAL_FATAL(count, MIXED_COUNT);
        CU_ASSERT_EQUAL(memcmp(got, mixed_code_points, sizeof got), 0);
        /* utf8_feed, the yes or no, the same in two pieces */
        utf8_decoder_init(&d);
        CU_ASSERT_TRUE(utf8_feed(&d, mixed, split));
        CU_ASSERT_TRUE(utf8_feed(&d, mixed + split, sizeof mixed - split));
        CU_ASSERT_TRUE(utf8_complete(&d));
    }
}

/* One byte at a time, and a text with a bad byte refused at that byte
 * however it is split. */
static void test_byte_at_a_time_and_bad_splits(void)
{
    utf8_decoder d;
    uint32_t got[MIXED_COUNT];
    size_t count = 0;
    utf8_decoder_init(&d);
    for (size_t i = 0; i < sizeof mixed; i++)
        CU_ASSERT_EQUAL(decode_piece(&d, mixed + i, 1, got, &count), 0);
    CU_ASSERT_EQUAL_FATAL(count, MIXED_COUNT);
    CU_ASSERT_EQUAL(memcmp(got, mixed_code_points, sizeof got), 0);

    /* U+0800's last byte (index 7) made C0: refused at byte 7 */
    uint8_t bad[sizeof mixed];
    memcpy(bad, mixed, sizeof bad);
    bad[7] = 0xc0;
    CU_ASSERT_FALSE(utf8_valid(bad, sizeof bad));
    for (size_t split = 0; split <= sizeof bad; split++) {
        utf8_decoder_init(&d);
        int first = utf8_feed(&d, bad, split);
        int second = first && utf8_feed(&d, bad + split, sizeof bad - split);
        CU_ASSERT_EQUAL(first, split <= 7);
        CU_ASSERT_FALSE(second);
    }
}

static CU_TestInfo tests[] = {
    {"table 3-7: each row's edges, one step past refused", test_table_3_7_edges},
    {"the first and last code point of each length", test_length_boundaries},
    {"every code point decodes to itself, surrogates refused", test_every_code_point},
    {"every string of 1, 2 and 3 bytes counted", test_every_short_string},
    {"utf8_next: 0 for what is not one whole character", test_next_refuses},
    {"the decoder's steps, and afresh after a bad byte", test_decoder_steps},
    {"split in two at every byte", test_split_at_every_byte},
    {"byte at a time; a bad byte found at any split", test_byte_at_a_time_and_bad_splits},
    CU_TEST_INFO_NULL,
};

int main(void)
{
    return run_suite("utf8", tests);
}
