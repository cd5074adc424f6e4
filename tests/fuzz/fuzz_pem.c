/* fuzz_pem.c: any text through the PEM walker; every block found must
 * decode within its bounds, and a decoded body must re-encode and decode
 * to the same bytes. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "codec/pem.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static uint8_t body[8192], again[8192];
    static char text[16384];
    pem_iter it;
    pem_block block;
    pem_iter_init(&it, data, size);
    while (pem_next(&it, &block) == SEE_OK) {
        if (block.label < data || block.body < data ||
            block.body + block.body_len > data + size)
            __builtin_trap();
        size_t len, text_len, again_len;
        if (pem_decode_body(&block, body, sizeof body, &len) != SEE_OK)
            continue;
        char label[PEM_MAX_LABEL + 1];
        memcpy(label, block.label, block.label_len);
        label[block.label_len] = 0;
        if (pem_encode(label, body, len, text, sizeof text, &text_len) != SEE_OK)
            __builtin_trap(); /* a label we accepted must be one we write */
        if (pem_find((const uint8_t *)text, text_len, label, again,
                     sizeof again, &again_len) != SEE_OK ||
            again_len != len || memcmp(again, body, len) != 0)
            __builtin_trap();
    }
    size_t len;
    pem_find(data, size, "PRIVATE KEY", body, sizeof body, &len);
    return 0;
}
