/*
 * fuzz_record_aead.c: AEAD records (RFC 5246 6.2.3.3) sealed, changed and
 * opened.
 *
 * Random bytes almost never carry a good tag, so this target makes good
 * records and changes them: the first byte picks the AEAD (AES-128-GCM or
 * ChaCha20-Poly1305), the next two a sequence number's low bits and a
 * position to change, the rest is the content. The record is sealed,
 * opened (it must give the content back), then one byte of it is changed
 * and opened again: that must fail with bad_record_mac and give nothing
 * back, whatever the content and wherever the change.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "handshake/record.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static uint8_t rec[TLS_RECORD_HEADER_SIZE + TLS_MAX_CIPHERTEXT];
static uint8_t out[TLS_MAX_CIPHERTEXT];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const uint8_t key[32] = { 0xc0, 0xff, 0xee }, iv[12] = { 1, 2, 3, 4 };
    if (size < 3)
        return 0;
    const record_protection *p = data[0] & 1 ? &record_chacha20_poly1305
                                             : &record_aes128_gcm;
    uint64_t seq = (uint64_t)data[1] << 56 | data[1];
    size_t at = data[2];
    const uint8_t *content = data + 3;
    size_t len = size - 3;
    if (len > TLS_MAX_PLAINTEXT)
        len = TLS_MAX_PLAINTEXT;

    record_cipher w, r;
    if (record_cipher_start(&w, p, NULL, key, iv, 0) != SEE_OK ||
        record_cipher_start(&r, p, NULL, key, iv, 0) != SEE_OK)
        abort();
    w.seq = r.seq = seq;
    size_t n, got;
    if (record_protect(&w, NULL, TLS_CONTENT_APPLICATION_DATA, TLS_VERSION_1_2,
                       content, len, rec, sizeof rec, &n) != SEE_OK)
        abort();
    const uint8_t *fragment = rec + TLS_RECORD_HEADER_SIZE;
    size_t frag_len = n - TLS_RECORD_HEADER_SIZE;
    if (record_unprotect(&r, rec[0], TLS_VERSION_1_2, fragment, frag_len, out,
                         sizeof out, &got) != SEE_OK ||
        got != len || memcmp(out, content, len) != 0)
        abort();

    r.seq = seq;
    rec[TLS_RECORD_HEADER_SIZE + at % frag_len] ^= (uint8_t)(1 + (data[1] >> 1));
    memset(out, 0x5a, sizeof out);
    if (record_unprotect(&r, rec[0], TLS_VERSION_1_2, fragment, frag_len, out,
                         sizeof out, &got) != SEE_ERR_TLS_BAD_RECORD_MAC)
        abort();
    for (size_t i = 0; i < len; i++)
        if (out[i] != 0 && out[i] != 0x5a)
            abort(); /* a byte of unauthenticated plaintext came out */
    return 0;
}
