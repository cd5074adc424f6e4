/*
 * chacha20_poly1305.c: the AEAD of RFC 8439 2.8, built from chacha20.c and
 * poly1305.c.
 *
 * Why the tag covers the ciphertext and is checked first ("encrypt then
 * MAC"): a receiver that decrypts before it authenticates reacts to forged
 * ciphertexts, and those reactions (padding errors, timing) are what the
 * CBC padding oracles exploit. Here a forged record is rejected by a
 * comparison of two tags before one byte of it is decrypted, and there is
 * no padding to check.
 */
#include "crypto/chacha20_poly1305.h"

#include <string.h>

#include "core/util.h"
#include "crypto/chacha20.h"
#include "crypto/poly1305.h"

void chacha20_poly1305_key_gen(const uint8_t key[CHACHA20_POLY1305_KEY_SIZE],
                               const uint8_t nonce[CHACHA20_POLY1305_NONCE_SIZE],
                               uint8_t one_time_key[32])
{
    /* RFC 8439 2.6: block 0 of the cipher's own keystream; its first 32
     * bytes become r || s, the other 32 are discarded. This is why
     * encryption starts at block 1. */
    uint8_t block[CHACHA20_BLOCK_SIZE];
    chacha20_block(key, 0, nonce, block);
    memcpy(one_time_key, block, 32);
    see_wipe(block, sizeof block);
}

/* pad16 of RFC 8439 2.8.1: zeros up to the next multiple of 16 bytes. */
static void poly1305_pad16(poly1305_ctx *mac, size_t len)
{
    static const uint8_t zeros[16] = {0};
    if (len % 16 != 0)
        poly1305_update(mac, zeros, 16 - len % 16);
}

/* The tag of RFC 8439 2.8 over aad and ciphertext. */
static void chacha20_poly1305_tag(const uint8_t key[CHACHA20_POLY1305_KEY_SIZE],
                                  const uint8_t nonce[CHACHA20_POLY1305_NONCE_SIZE],
                                  const uint8_t *aad, size_t aad_len,
                                  const uint8_t *ciphertext, size_t ciphertext_len,
                                  uint8_t tag[CHACHA20_POLY1305_TAG_SIZE])
{
    uint8_t one_time_key[32];
    chacha20_poly1305_key_gen(key, nonce, one_time_key);

    poly1305_ctx mac;
    poly1305_init(&mac, one_time_key);
    see_wipe(one_time_key, sizeof one_time_key);
    poly1305_update(&mac, aad, aad_len);
    poly1305_pad16(&mac, aad_len);
    poly1305_update(&mac, ciphertext, ciphertext_len);
    poly1305_pad16(&mac, ciphertext_len);
    uint8_t lengths[16];
    see_store64_le(lengths, (uint64_t)aad_len);
    see_store64_le(lengths + 8, (uint64_t)ciphertext_len);
    poly1305_update(&mac, lengths, sizeof lengths);
    poly1305_final(&mac, tag); /* wipes mac */
}

/* 1 if a message of len bytes fits P_MAX (taken as uint64_t: on a 32-bit
 * machine every size_t does). */
static int chacha20_poly1305_fits(uint64_t len)
{
    return len <= CHACHA20_POLY1305_MAX_PLAINTEXT;
}

see_status chacha20_poly1305_seal(const uint8_t key[CHACHA20_POLY1305_KEY_SIZE],
                                  const uint8_t nonce[CHACHA20_POLY1305_NONCE_SIZE],
                                  const uint8_t *aad, size_t aad_len,
                                  const uint8_t *plaintext, size_t plaintext_len,
                                  uint8_t *out, size_t out_size, size_t *out_len)
{
    ENSURE(chacha20_poly1305_fits(plaintext_len), SEE_ERR_AEAD_LENGTH);
    ENSURE(out_size >= CHACHA20_POLY1305_TAG_SIZE &&
               out_size - CHACHA20_POLY1305_TAG_SIZE >= plaintext_len,
           SEE_ERR_BUFFER_SMALL);

    TRY(chacha20_xor(key, 1, nonce, plaintext, out, plaintext_len));
    chacha20_poly1305_tag(key, nonce, aad, aad_len, out, plaintext_len,
                          out + plaintext_len);
    *out_len = plaintext_len + CHACHA20_POLY1305_TAG_SIZE;
    return SEE_OK;
}

see_status chacha20_poly1305_open(const uint8_t key[CHACHA20_POLY1305_KEY_SIZE],
                                  const uint8_t nonce[CHACHA20_POLY1305_NONCE_SIZE],
                                  const uint8_t *aad, size_t aad_len,
                                  const uint8_t *sealed, size_t sealed_len,
                                  uint8_t *plaintext_out, size_t plaintext_size,
                                  size_t *plaintext_len)
{
    ENSURE(sealed_len >= CHACHA20_POLY1305_TAG_SIZE, SEE_ERR_TRUNCATED);
    size_t ciphertext_len = sealed_len - CHACHA20_POLY1305_TAG_SIZE;
    ENSURE(chacha20_poly1305_fits(ciphertext_len), SEE_ERR_AEAD_LENGTH);
    ENSURE(plaintext_size >= ciphertext_len, SEE_ERR_BUFFER_SMALL);

    /* RFC 8439 2.8: the tag is computed over the ciphertext, as received,
     * and compared in constant time (section 4) before decrypting. */
    uint8_t tag[CHACHA20_POLY1305_TAG_SIZE];
    chacha20_poly1305_tag(key, nonce, aad, aad_len, sealed, ciphertext_len,
                          tag);
    int authentic = see_ct_equal(tag, sealed + ciphertext_len, sizeof tag);
    see_wipe(tag, sizeof tag);
    /* Whether the tag matched is public (the receiver acts on it), so
     * branching on it leaks nothing secret. */
    if (!authentic)
        return SEE_ERR_AEAD_TAG;

    TRY(chacha20_xor(key, 1, nonce, sealed, plaintext_out, ciphertext_len));
    *plaintext_len = ciphertext_len;
    return SEE_OK;
}
