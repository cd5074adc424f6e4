/* base64.c: RFC 4648 section 4 base64 (see base64.h). */
#include "codec/base64.h"

#include <string.h>

static const char b64_alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

size_t see_base64_encoded_len(size_t len)
{
    return 4 * ((len + 2) / 3);
}

void see_base64_encode(const uint8_t *in, size_t len, char *out)
{
    size_t o = 0;
    for (size_t i = 0; i < len; i += 3) {
        uint32_t group = (uint32_t)in[i] << 16;
        if (i + 1 < len)
            group |= (uint32_t)in[i + 1] << 8;
        if (i + 2 < len)
            group |= in[i + 2];
        out[o++] = b64_alphabet[(group >> 18) & 63];
        out[o++] = b64_alphabet[(group >> 12) & 63];
        out[o++] = i + 1 < len ? b64_alphabet[(group >> 6) & 63] : '=';
        out[o++] = i + 2 < len ? b64_alphabet[group & 63] : '=';
    }
    out[o] = '\0';
}

static int b64_value(char c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == '+')
        return 62;
    if (c == '/')
        return 63;
    return -1;
}

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

see_status see_base64_decode(const char *in, size_t in_len, uint8_t *out,
                             size_t cap, size_t *out_len)
{
    uint32_t group = 0;
    size_t have = 0, pads = 0, o = 0;

    for (size_t i = 0; i < in_len; i++) {
        char c = in[i];
        if (is_space(c))
            continue;
        if (c == '=') {
            /* '=' only closes the last group, after at least two data
             * characters (so there are at most two '='). have counts the
             * '=' already seen too, and no data character may follow one,
             * so have >= 2 says exactly that. */
            ENSURE(have >= 2, SEE_ERR_BASE64);
            pads++;
            have++;
        } else {
            int v = b64_value(c);
            ENSURE(v >= 0 && pads == 0, SEE_ERR_BASE64);
            group = group << 6 | (uint32_t)v;
            have++;
        }
        if (have == 4) {
            group <<= 6 * pads;
            size_t bytes = 3 - pads;
            ENSURE(o + bytes <= cap, SEE_ERR_BUFFER_SMALL);
            /* The bits that padding leaves over must be zero (RFC 4648
             * section 3.5), so each byte string has one encoding. */
            ENSURE((group & ((1u << (8 * pads)) - 1)) == 0, SEE_ERR_BASE64);
            for (size_t k = 0; k < bytes; k++)
                out[o++] = (uint8_t)(group >> (16 - 8 * k));
            if (pads)
                pads = 4; /* nothing may follow a padded group */
            group = 0;
            have = 0;
        }
    }
    ENSURE(have == 0, SEE_ERR_BASE64);
    *out_len = o;
    return SEE_OK;
}
