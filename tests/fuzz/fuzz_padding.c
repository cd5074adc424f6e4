/*
 * fuzz_padding.c: the padding checks on arbitrary input. The first byte
 * picks a MAC length for the record-layer check; the rest is the
 * "decrypted record". Nothing may crash or read outside the input, and
 * the answers must be consistent: an accepted length lies inside the
 * input, and the record check with no MAC agrees with tls_cbc_unpad.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "crypto/padding.h"
#include "tests/fuzz/input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    size_t mac_len = data[0] % 49;   /* 0..48: no MAC up to SHA-384 */
    data++;
    size--;

    uint8_t *rec = input_copy(data, size);
    if (rec == NULL)
        return 0;

    size_t n = 0;
    see_status pkcs7 = pkcs7_unpad(rec, size, &n);
    if (pkcs7 == SEE_OK && (n > size || size - n < 1 || size - n > 16))
        abort();

    size_t tls_n = 0;
    see_status tls = tls_cbc_unpad(rec, size, &tls_n);
    if (tls == SEE_OK && tls_n >= size)
        abort();

    if (size >= 1) {
        size_t content_len = 0;
        uint32_t good0 = tls_cbc_padding_check(rec, size, 0, &content_len);
        if (size % 16 == 0 && (good0 != 0) != (tls == SEE_OK))
            abort();
        if (good0 != 0 && good0 != 0xffffffffu)
            abort();
    }

    if (size >= mac_len + 1) {
        size_t content_len = 0;
        uint8_t mac[48];
        uint32_t good = tls_cbc_padding_check(rec, size, mac_len, &content_len);
        if (good != 0 && good != 0xffffffffu)
            abort();
        if (content_len + mac_len > size - 1)
            abort();
        tls_cbc_copy_mac(rec, size, content_len, mac_len, mac);
        if (memcmp(mac, rec + content_len, mac_len) != 0)
            abort();
    }
    free(rec);
    return 0;
}
