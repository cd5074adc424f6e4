/*
 * test_json.c: codec/json's string writer against RFC 8259 7: the
 * escapes, every byte value alone, what is not UTF-8 as U+FFFD, the
 * bound JSON_STRING_MAX at its worst, every capacity short of the whole
 * refused, and random bytes always giving a string that is valid UTF-8
 * with no raw control character and that reads back to the text's
 * characters.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codec/json.h"
#include "codec/utf8.h"
#include "crypto/random.h"
#include "tests/unit/harness.h"

/* The string written for n bytes at s, NUL-ended in out (cap bytes). */
static see_status json_of(const void *s, size_t n, char *out, size_t cap)
{
    writer w;
    writer_init(&w, (uint8_t *)out, cap - 1);
    see_status st = json_write_string(&w, s, n);
    out[st == SEE_OK ? w.len : 0] = '\0';
    return st;
}

/* A literal's bytes, its NULs included, not its terminating one. */
#define EXPECT_JSON(literal, expected) expect_json(literal, sizeof literal - 1, expected)

static void expect_json(const char *text, size_t n, const char *expected)
{
    char out[256];
    CU_ASSERT_EQUAL(json_of(text, n, out, sizeof out), SEE_OK);
    CU_ASSERT_STRING_EQUAL(out, expected);
    if (strcmp(out, expected) != 0)
        fprintf(stderr, "\n  got %s\n  not %s\n", out, expected);
}

/* RFC 8259 7: quote, backslash and the controls U+0000..U+001F escaped
 * (and DEL), everything else as it is; the text may hold a NUL. */
static void test_escapes(void)
{
    EXPECT_JSON("", "\"\"");
    EXPECT_JSON("plain / text", "\"plain / text\"");
    EXPECT_JSON("say \"hi\"\\", "\"say \\\"hi\\\"\\\\\"");
    EXPECT_JSON("a\nb\tc\rd", "\"a\\u000ab\\u0009c\\u000dd\"");
    EXPECT_JSON("\x00\x01\x1f\x20\x7e\x7f", "\"\\u0000\\u0001\\u001f ~\\u007f\"");
    EXPECT_JSON("\x1b[2J", "\"\\u001b[2J\"");
}

/* Well-formed UTF-8 passes, whatever its length; each byte that does not
 * begin a character becomes U+FFFD, the next looked for after it. */
static void test_utf8_and_replacement(void)
{
    EXPECT_JSON("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80",
                "\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\"");
    EXPECT_JSON("caf\xe9", "\"caf\xef\xbf\xbd\"");                 /* Latin-1 */
    EXPECT_JSON("\xe2\x82", "\"\xef\xbf\xbd\xef\xbf\xbd\"");         /* cut short */
    EXPECT_JSON("\xe2\x82" "A", "\"\xef\xbf\xbd\xef\xbf\xbd" "A\"");
    EXPECT_JSON("\xc0\xaf", "\"\xef\xbf\xbd\xef\xbf\xbd\"");         /* overlong */
    EXPECT_JSON("\xed\xa0\x80", "\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\""); /* surrogate */
    EXPECT_JSON("\xf4\x90\x80\x80",
                "\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\"");   /* > U+10FFFF */
    EXPECT_JSON("\xff\"", "\"\xef\xbf\xbd\\\"\"");
}

/* Each of the 256 byte values alone: its JSON is 3, 4, 5 or 8 bytes as
 * its kind says, and valid UTF-8. */
static void test_every_byte(void)
{
    int wrong = 0;
    for (int b = 0; b < 256; b++) {
        uint8_t c = (uint8_t)b;
        char out[16];
        if (json_of(&c, 1, out, sizeof out) != SEE_OK) {
            wrong++;
            continue;
        }
        size_t want = c == '"' || c == '\\' ? 4 : c < 0x20 || c == 0x7f ? 8
                    : c < 0x80 ? 3 : 5;
        if (strlen(out) != want || !utf8_valid((const uint8_t *)out, strlen(out)))
            wrong++;
    }
    CU_ASSERT_EQUAL(wrong, 0);
}

/* JSON_STRING_MAX is reached (all controls) and is enough; a writer one
 * byte short of the string, at every length, says SEE_ERR_BUFFER_SMALL
 * and writes nothing past its capacity. */
static void test_bound_and_capacity(void)
{
    static const uint8_t controls[5] = {0x01, 0x02, 0x03, 0x04, 0x7f};
    uint8_t out[64];
    writer w;
    writer_init(&w, out, JSON_STRING_MAX(sizeof controls));
    CU_ASSERT_EQUAL(json_write_string(&w, controls, sizeof controls), SEE_OK);
    CU_ASSERT_EQUAL(w.len, JSON_STRING_MAX(sizeof controls));

    static const char text[] = "a\"\xc3\xa9\x01\xff\xe2\x82\xac";
    size_t n = sizeof text - 1;
    writer_init(&w, out, sizeof out);
    CU_ASSERT_EQUAL_FATAL(json_write_string(&w, (const uint8_t *)text, n), SEE_OK);
    size_t whole = w.len;
    for (size_t cap = 0; cap < whole; cap++) {
        memset(out, 0xaa, sizeof out);
        writer_init(&w, out, cap);
        CU_ASSERT_EQUAL(json_write_string(&w, (const uint8_t *)text, n), SEE_ERR_BUFFER_SMALL);
        CU_ASSERT(w.len <= cap);
        CU_ASSERT_EQUAL(out[cap], 0xaa);
    }
}

/* Four lower-case hex digits' value, or -1. */
static long hex4(const uint8_t *p)
{
    long v = 0;
    for (int i = 0; i < 4; i++) {
        const char *digits = "0123456789abcdef";
        const char *d = p[i] != 0 ? strchr(digits, p[i]) : NULL;
        if (d == NULL)
            return -1;
        v = v * 16 + (d - digits);
    }
    return v;
}

/* Read back a string json_write_string wrote (the escapes it uses only):
 * its characters, as code points; -1 if it is not such a string. */
static long read_back(const uint8_t *s, size_t n, uint32_t *cps, size_t max)
{
    size_t count = 0, i = 1;
    if (n < 2 || s[0] != '"' || s[n - 1] != '"')
        return -1;
    while (i < n - 1 && count < max) {
        uint32_t cp;
        if (s[i] == '\\') {
            if (i + 1 < n - 1 && (s[i + 1] == '"' || s[i + 1] == '\\')) {
                cps[count++] = s[i + 1];
                i += 2;
                continue;
            }
            long v = i + 6 <= n - 1 && s[i + 1] == 'u' ? hex4(s + i + 2) : -1;
            if (v < 0)
                return -1;
            cps[count++] = (uint32_t)v;
            i += 6;
            continue;
        }
        if (s[i] < 0x20 || s[i] == '"')
            return -1;
        size_t len = utf8_next(s + i, n - 1 - i, &cp);
        if (len == 0)
            return -1;
        cps[count++] = cp;
        i += len;
    }
    return (long)count;
}

/* The text's characters, U+FFFD for each byte that begins none. */
static size_t characters_of(const uint8_t *s, size_t n, uint32_t *cps)
{
    size_t count = 0;
    for (size_t i = 0; i < n;) {
        size_t len = utf8_next(s + i, n - i, &cps[count]);
        if (len == 0) {
            cps[count] = 0xfffd;
            len = 1;
        }
        count++;
        i += len;
    }
    return count;
}

/* Random bytes (mostly ASCII and UTF-8's lead and continuation bytes):
 * the string is valid UTF-8, within the bound, and reads back to the
 * text's characters. */
static void test_random_text(void)
{
    static const uint8_t alphabet[] = {
        'a', 'Z', ' ', '"', '\\', 0x00, 0x0a, 0x1f, 0x7f, 0x80, 0x8f, 0x9f, 0xa0,
        0xbf, 0xc0, 0xc2, 0xdf, 0xe0, 0xe2, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff,
    };
    see_rng rng;
    rng_init_system(&rng);
    int wrong = 0;
    for (int round = 0; round < 2000; round++) {
        uint8_t text[24], pick[24], out[JSON_STRING_MAX(24)];
        uint32_t want[24], got[24];
        CU_ASSERT_EQUAL_FATAL(rng_bytes(&rng, pick, sizeof pick), SEE_OK);
        size_t n = pick[0] % sizeof text;
        for (size_t i = 0; i < n; i++)
            text[i] = alphabet[pick[i] % sizeof alphabet];
        writer w;
        writer_init(&w, out, sizeof out);
        if (json_write_string(&w, text, n) != SEE_OK || w.len > JSON_STRING_MAX(n) ||
            !utf8_valid(out, w.len)) {
            wrong++;
            continue;
        }
        size_t count = characters_of(text, n, want);
        long back = read_back(out, w.len, got, 24);
        if (back != (long)count || memcmp(got, want, count * sizeof want[0]) != 0)
            wrong++;
    }
    CU_ASSERT_EQUAL(wrong, 0);
}

static CU_TestInfo tests[] = {
    {"escapes: quote, backslash, controls, DEL, NUL", test_escapes},
    {"UTF-8 kept, the rest U+FFFD byte by byte", test_utf8_and_replacement},
    {"every byte value alone", test_every_byte},
    {"JSON_STRING_MAX reached; every short capacity refused", test_bound_and_capacity},
    {"random bytes: valid UTF-8, read back the same", test_random_text},
    CU_TEST_INFO_NULL,
};

int main(void)
{
    return run_suite("json", tests);
}
