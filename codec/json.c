/* json.c: text as a JSON string (see json.h). */
#include "codec/json.h"

#include <string.h>

#include "codec/utf8.h"

/* U+FFFD REPLACEMENT CHARACTER in UTF-8, for a byte that is not text. */
static const uint8_t replacement[3] = {0xef, 0xbf, 0xbd};

/* \u00XX for a control character (RFC 8259 7: "\u" and four hex digits). */
static see_status write_control(writer *w, uint8_t c)
{
    static const char hex[] = "0123456789abcdef";
    uint8_t esc[6] = {'\\', 'u', '0', '0', (uint8_t)hex[c >> 4], (uint8_t)hex[c & 0x0f]};
    return writer_bytes(w, esc, sizeof esc);
}

/* The character at the start of s (n bytes there) as it is, or U+FFFD
 * for its first byte when no well-formed character begins there (the
 * next one is looked for at the byte after). *used: the bytes taken. */
static see_status write_character(writer *w, const uint8_t *s, size_t n, size_t *used)
{
    uint32_t code_point;
    size_t len = utf8_next(s, n, &code_point);
    if (len == 0) {
        *used = 1;
        return writer_bytes(w, replacement, sizeof replacement);
    }
    *used = len;
    return writer_bytes(w, s, len);
}

see_status json_write_string(writer *w, const uint8_t *s, size_t n)
{
    TRY(writer_u8(w, '"'));
    for (size_t i = 0; i < n;) {
        size_t used = 1;
        if (s[i] == '"' || s[i] == '\\') {
            TRY(writer_u8(w, '\\'));
            TRY(writer_u8(w, s[i]));
        } else if (s[i] < 0x20 || s[i] == 0x7f) {
            TRY(write_control(w, s[i]));
        } else {
            TRY(write_character(w, s + i, n - i, &used));
        }
        i += used;
    }
    return writer_u8(w, '"');
}

see_status json_write_text(writer *w, const char *text)
{
    return json_write_string(w, (const uint8_t *)text, strlen(text));
}
