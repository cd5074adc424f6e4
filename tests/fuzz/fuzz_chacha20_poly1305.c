/*
 * fuzz_chacha20_poly1305.c: AEAD_CHACHA20_POLY1305 (RFC 8439 2.8) on
 * arbitrary input, under a fixed key and nonce. The first byte gives the
 * AAD's length (at most the rest); after the AAD the rest is a sealed
 * message. Nothing may crash or read outside the input; opening an input
 * that was not sealed under the key must be refused (SEE_ERR_AEAD_TAG, or
 * SEE_ERR_TRUNCATED below 16 bytes) with the output untouched; and the
 * same bytes sealed as a plaintext must open back to themselves.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "crypto/chacha20_poly1305.h"
#include "tests/fuzz/input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const uint8_t key[32] = {
    0x80, 0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87,
    0x88, 0x89, 0x8a, 0x8b, 0x8c, 0x8d, 0x8e, 0x8f,
    0x90, 0x91, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97,
    0x98, 0x99, 0x9a, 0x9b, 0x9c, 0x9d, 0x9e, 0x9f,
};
static const uint8_t nonce[12] = {7, 0, 0, 0, 0x40, 0x41, 0x42, 0x43,
                                  0x44, 0x45, 0x46, 0x47};

/* Opening forged bytes: refused, nothing written. */
static void open_forgery(const uint8_t *aad, size_t aad_len,
                         const uint8_t *sealed, size_t sealed_len)
{
    uint8_t *out = malloc(sealed_len + 1);
    if (out == NULL)
        return;
    memset(out, 0xa5, sealed_len + 1);
    size_t out_len = 12345;
    see_status st = chacha20_poly1305_open(key, nonce, aad, aad_len, sealed,
                                           sealed_len, out, sealed_len, &out_len);
    if (st == SEE_OK)
        abort(); /* a forgery against a 128-bit tag: a bug, not luck */
    if (st != SEE_ERR_AEAD_TAG && !(st == SEE_ERR_TRUNCATED && sealed_len < 16))
        abort();
    for (size_t i = 0; i <= sealed_len; i++)
        if (out[i] != 0xa5)
            abort();
    if (out_len != 12345)
        abort();
    free(out);
}

/* Sealing the bytes, then opening: the same bytes back. */
static void round_trip(const uint8_t *aad, size_t aad_len,
                       const uint8_t *msg, size_t len)
{
    uint8_t *sealed = malloc(len + 16), *back = malloc(len + 1);
    size_t sealed_len = 0, back_len = 0;
    if (sealed == NULL || back == NULL)
        abort();
    if (chacha20_poly1305_seal(key, nonce, aad, aad_len, msg, len, sealed,
                               len + 16, &sealed_len) != SEE_OK ||
        sealed_len != len + 16)
        abort();
    if (chacha20_poly1305_open(key, nonce, aad, aad_len, sealed, sealed_len,
                               back, len, &back_len) != SEE_OK ||
        back_len != len || memcmp(back, msg, len) != 0)
        abort();
    free(sealed);
    free(back);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    size_t aad_len = data[0];
    data++;
    size--;
    if (aad_len > size)
        aad_len = size;

    uint8_t *copy = input_copy(data, size);
    if (copy == NULL)
        return 0;
    const uint8_t *aad = copy, *rest = copy + aad_len;
    size_t rest_len = size - aad_len;
    open_forgery(aad, aad_len, rest, rest_len);
    round_trip(aad, aad_len, rest, rest_len);
    free(copy);
    return 0;
}
