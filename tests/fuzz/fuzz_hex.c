/*
 * fuzz_hex.c: see_hex_decode on arbitrary text. It must never read or
 * write out of bounds, must fail with exactly the documented reasons, and
 * what it accepts must re-encode to the same digits (in lower case).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "codec/hex.h"

static char lower(char c)
{
    return c >= 'A' && c <= 'F' ? (char)(c - 'A' + 'a') : c;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* see_hex_decode takes a C string: the input up to its first NUL */
    char *text = malloc(size + 1);
    if (text == NULL)
        abort();
    memcpy(text, data, size);
    text[size] = '\0';
    size_t len = strlen(text);

    size_t cap = size > 0 ? data[0] % (len / 2 + 2) : 0;
    uint8_t *out = malloc(cap ? cap : 1);
    if (out == NULL)
        abort();
    size_t n = 0;
    see_status st = see_hex_decode(text, out, cap, &n);
    switch (st) {
    case SEE_OK: {
        if (n != len / 2 || n > cap)
            abort();
        char *again = malloc(2 * n + 1);
        if (again == NULL)
            abort();
        see_hex_encode(out, n, again);
        for (size_t i = 0; i < len; i++)
            if (again[i] != lower(text[i]))
                abort();
        free(again);
        break;
    }
    case SEE_ERR_HEX_ODD:
        if (len % 2 == 0)
            abort();
        break;
    case SEE_ERR_BUFFER_SMALL:
        if (len / 2 <= cap)
            abort();
        break;
    case SEE_ERR_HEX_DIGIT:
        break;
    default:
        abort();
    }
    free(out);
    free(text);
    return 0;
}
