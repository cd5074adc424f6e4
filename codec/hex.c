/* hex.c: bytes as hexadecimal text and back (see hex.h). */
#include "codec/hex.h"

#include <string.h>

void see_hex_encode(const uint8_t *in, size_t len, char *out)
{
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < len; i++) {
        out[2 * i] = digits[in[i] >> 4];
        out[2 * i + 1] = digits[in[i] & 15];
    }
    out[2 * len] = '\0';
}

static int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

see_status see_hex_decode(const char *hex, uint8_t *out, size_t cap,
                          size_t *out_len)
{
    size_t n = strlen(hex);
    ENSURE(n % 2 == 0, SEE_ERR_HEX_ODD);
    ENSURE(n / 2 <= cap, SEE_ERR_BUFFER_SMALL);
    for (size_t i = 0; i < n / 2; i++) {
        int hi = hex_value(hex[2 * i]);
        int lo = hex_value(hex[2 * i + 1]);
        ENSURE(hi >= 0 && lo >= 0, SEE_ERR_HEX_DIGIT);
        out[i] = (uint8_t)(hi << 4 | lo);
    }
    *out_len = n / 2;
    return SEE_OK;
}
