/*
 * fuzz_utf8.c: codec/utf8's three ways in, and codec/json's string writer,
 * on any bytes (the first choosing where to split the rest):
 *  - utf8_valid agrees with utf8_next stepping through the text to its
 *    end, and with the decoder fed in two pieces split anywhere;
 *  - each character utf8_next finds (stepping over a byte that begins
 *    none, as the JSON writer does) is as long as its code point needs
 *    (so no overlong form), never a surrogate, never above U+10FFFF, and
 *    the decoder fed it byte by byte yields the same code point at its
 *    last byte;
 *  - the JSON string of the text is within JSON_STRING_MAX, valid UTF-8
 *    with no raw control character, quoted at both ends.
 * No read past the input (the bytes are copied to a block of their size).
 */
#include <stdlib.h>

#include "codec/json.h"
#include "codec/utf8.h"
#include "tests/fuzz/input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static size_t length_needed(uint32_t cp)
{
    return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

/* One character found by utf8_next: its form checked, and the decoder's
 * steps over the same bytes. */
static void check_character(const uint8_t *p, size_t len, uint32_t cp)
{
    if (len != length_needed(cp) || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
        abort();
    utf8_decoder d;
    utf8_decoder_init(&d);
    for (size_t i = 0; i < len; i++) {
        uint32_t got = 0xffffffff;
        utf8_step step = utf8_decode(&d, p[i], &got);
        if (step != (i + 1 == len ? UTF8_CHARACTER : UTF8_INCOMPLETE))
            abort();
        if (i + 1 == len && got != cp)
            abort();
    }
}

/* Step through the n bytes with utf8_next as the JSON writer does (a
 * byte that begins no character skipped), checking each character found:
 * 1 if none was skipped. */
static int steps_to_end(const uint8_t *p, size_t n)
{
    int whole = 1;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t len = utf8_next(p + i, n - i, &cp);
        if (len == 0) {
            whole = 0;
            i++;
            continue;
        }
        check_character(p + i, len, cp);
        i += len;
    }
    return whole;
}

static void check_json(const uint8_t *p, size_t n)
{
    size_t cap = JSON_STRING_MAX(n);
    uint8_t *out = malloc(cap);
    if (out == NULL)
        return;
    writer w;
    writer_init(&w, out, cap);
    if (json_write_string(&w, p, n) != SEE_OK || w.len < 2 || out[0] != '"' ||
        out[w.len - 1] != '"' || !utf8_valid(out, w.len))
        abort();
    for (size_t i = 0; i < w.len; i++)
        if (out[i] < 0x20 || out[i] == 0x7f)
            abort();
    free(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    uint8_t *text = input_copy(data + 1, size - 1);
    if (text == NULL)
        return 0;
    size_t n = size - 1;
    size_t split = n > 0 ? data[0] % (n + 1) : 0;

    int valid = utf8_valid(text, n);
    if (steps_to_end(text, n) != valid)
        abort();
    utf8_decoder d;
    utf8_decoder_init(&d);
    int pieces = utf8_feed(&d, text, split) && utf8_feed(&d, text + split, n - split) &&
                 utf8_complete(&d);
    if (pieces != valid)
        abort();
    check_json(text, n);
    free(text);
    return 0;
}
