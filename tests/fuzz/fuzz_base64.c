/*
 * fuzz_base64.c: see_base64_decode on arbitrary text. It must never read or
 * write out of bounds, and whatever it accepts must be the one canonical
 * encoding of what it returned: re-encoding the bytes gives back the input
 * without its whitespace (padding is required and the bits under it must
 * be zero, so no two texts decode to the same bytes).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "codec/base64.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    size_t cap = size * 3 / 4 + 3;
    uint8_t *out = malloc(cap);
    char *stripped = malloc(size + 1);
    if (out == NULL || stripped == NULL)
        abort();

    /* Also with an output buffer too small by a varying amount. */
    size_t small = size > 0 ? data[0] % (cap + 1) : 0;
    size_t n = 0;
    see_status st_small = see_base64_decode(text, size, out, small, &n);

    n = 0;
    see_status st = see_base64_decode(text, size, out, cap, &n);
    if (st == SEE_OK) {
        if (n > cap)
            abort();
        if (st_small != SEE_OK && st_small != SEE_ERR_BUFFER_SMALL)
            abort(); /* the same text cannot be valid and invalid */
        size_t k = 0;
        for (size_t i = 0; i < size; i++)
            if (text[i] != ' ' && text[i] != '\t' && text[i] != '\r' &&
                text[i] != '\n')
                stripped[k++] = text[i];
        char *again = malloc(see_base64_encoded_len(n) + 1);
        if (again == NULL)
            abort();
        see_base64_encode(out, n, again);
        if (strlen(again) != k || memcmp(again, stripped, k) != 0)
            abort();
        free(again);
    } else if (st != SEE_ERR_BASE64) {
        abort(); /* the buffer was large enough: only BASE64 is possible */
    }
    free(stripped);
    free(out);
    return 0;
}
