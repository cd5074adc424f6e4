/* utf8.c: UTF-8 decoded by Unicode's table 3-7 (see utf8.h). */
#include "codec/utf8.h"

/* Unicode 15.0 table 3-7, "Well-Formed UTF-8 Byte Sequences", row by
 * row: the first byte's range, how many continuation bytes follow it, and
 * the range of the first of them (any later one is 80..BF). The narrow
 * second ranges are what refuse overlong forms (E0 then 80..9F, F0 then
 * 80..8F), surrogates (ED then A0..BF) and code points above U+10FFFF (F4
 * then 90..BF). Bytes in no row start nothing: a continuation byte
 * 80..BF, C0 and C1 (which could only begin overlong forms), F5..FF. */
static const struct {
    uint8_t first_lo, first_hi;
    uint8_t more;
    uint8_t second_lo, second_hi;
} table_3_7[] = {
    {0x00, 0x7f, 0, 0x80, 0xbf},   /* U+0000..U+007F */
    {0xc2, 0xdf, 1, 0x80, 0xbf},   /* U+0080..U+07FF */
    {0xe0, 0xe0, 2, 0xa0, 0xbf},   /* U+0800..U+0FFF */
    {0xe1, 0xec, 2, 0x80, 0xbf},   /* U+1000..U+CFFF */
    {0xed, 0xed, 2, 0x80, 0x9f},   /* U+D000..U+D7FF */
    {0xee, 0xef, 2, 0x80, 0xbf},   /* U+E000..U+FFFF */
    {0xf0, 0xf0, 3, 0x90, 0xbf},   /* U+10000..U+3FFFF */
    {0xf1, 0xf3, 3, 0x80, 0xbf},   /* U+40000..U+FFFFF */
    {0xf4, 0xf4, 3, 0x80, 0x8f},   /* U+100000..U+10FFFF */
};

void utf8_decoder_init(utf8_decoder *d)
{
    d->code_point = 0;
    d->need = 0;
    d->lo = 0x80;
    d->hi = 0xbf;
}

/* The first byte of a character: its row's expectations, and the value
 * bits it carries (RFC 3629 3: 7, 5, 4 or 3 of them, by its length). */
static utf8_step start_character(utf8_decoder *d, uint8_t byte, uint32_t *code_point)
{
    static const uint8_t value_bits[4] = {0x7f, 0x1f, 0x0f, 0x07};
    for (size_t i = 0; i < sizeof table_3_7 / sizeof table_3_7[0]; i++) {
        if (byte < table_3_7[i].first_lo || byte > table_3_7[i].first_hi)
            continue;
        d->code_point = byte & value_bits[table_3_7[i].more];
        d->need = table_3_7[i].more;
        d->lo = table_3_7[i].second_lo;
        d->hi = table_3_7[i].second_hi;
        if (d->need > 0)
            return UTF8_INCOMPLETE;
        *code_point = d->code_point;
        return UTF8_CHARACTER;
    }
    utf8_decoder_init(d);
    return UTF8_INVALID;
}

/* A continuation byte: in the range expected, it adds six bits. */
static utf8_step continue_character(utf8_decoder *d, uint8_t byte, uint32_t *code_point)
{
    if (byte < d->lo || byte > d->hi) {
        utf8_decoder_init(d);
        return UTF8_INVALID;
    }
    d->code_point = (d->code_point << 6) | (byte & 0x3f);
    d->need--;
    d->lo = 0x80;   /* only the first continuation byte is narrowed */
    d->hi = 0xbf;
    if (d->need > 0)
        return UTF8_INCOMPLETE;
    *code_point = d->code_point;
    return UTF8_CHARACTER;
}

utf8_step utf8_decode(utf8_decoder *d, uint8_t byte, uint32_t *code_point)
{
    if (d->need == 0)
        return start_character(d, byte, code_point);
    return continue_character(d, byte, code_point);
}

int utf8_feed(utf8_decoder *d, const uint8_t *p, size_t n)
{
    uint32_t code_point;
    for (size_t i = 0; i < n; i++)
        if (utf8_decode(d, p[i], &code_point) == UTF8_INVALID)
            return 0;
    return 1;
}

int utf8_complete(const utf8_decoder *d)
{
    return d->need == 0;
}

int utf8_valid(const uint8_t *p, size_t n)
{
    utf8_decoder d;
    utf8_decoder_init(&d);
    return utf8_feed(&d, p, n) && utf8_complete(&d);
}

size_t utf8_next(const uint8_t *p, size_t n, uint32_t *code_point)
{
    utf8_decoder d;
    utf8_decoder_init(&d);
    for (size_t i = 0; i < n && i < UTF8_MAX_CHAR; i++) {
        utf8_step step = utf8_decode(&d, p[i], code_point);
        if (step == UTF8_CHARACTER)
            return i + 1;
        if (step == UTF8_INVALID)
            return 0;
    }
    return 0;
}
