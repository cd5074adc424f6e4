/* util.c: wiping, constant-time comparison, hex and base64 (see util.h). */
#include "crypto/util.h"

#include <string.h>

/* memset called through a volatile function pointer. A plain memset on
 * memory that is never read again may be removed by the optimiser; here
 * the compiler must load the pointer at run time and cannot know it is
 * memset, so the call always happens. (It is also several times faster
 * than storing one volatile byte at a time, which matters for HMAC on
 * short messages: every call wipes about 300 bytes of hash state.) */
static void *(*const volatile wipe_memset)(void *, int, size_t) = memset;

void see_wipe(void *p, size_t len)
{
    if (len > 0)
        wipe_memset(p, 0, len);
}

int see_ct_equal(const void *a, const void *b, size_t len)
{
    const uint8_t *x = a, *y = b;
    uint8_t diff = 0;
    for (size_t i = 0; i < len; i++)
        diff |= (uint8_t)(x[i] ^ y[i]);
    /* diff is 0 only when every byte matched; map that to 1 without a
     * data-dependent branch. */
    return (int)(1 & (((uint32_t)diff - 1) >> 8));
}

uint32_t see_ct_mask_eq(uint32_t a, uint32_t b)
{
    uint32_t x = a ^ b;
    /* (x | -x) has its top bit set exactly when x != 0. */
    return ((x | (0u - x)) >> 31) - 1u;
}

uint32_t see_ct_mask_lt(uint32_t a, uint32_t b)
{
    /* The borrow out of a - b, computed on 33 bits without branching. */
    uint32_t borrow = (a ^ ((a ^ b) | ((a - b) ^ b))) >> 31;
    return 0u - borrow;
}

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
