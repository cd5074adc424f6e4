/*
 * aead.c: the two AEADs behind one interface (aead.h). Each algorithm is
 * a row of three small adapters over its own file (gcm.c,
 * chacha20_poly1305.c); what they share (the lengths, the tag's place, a
 * failed open leaving zeros) is checked here once.
 */
#include "crypto/aead.h"

#include <stdint.h>
#include <string.h>

#include "core/util.h"

/* ------------------------------------------------------ AES-128-GCM --- */

static see_status gcm_set_key(aead_key *key, const uint8_t *raw)
{
    return aes128_gcm_set_key(&key->k.gcm, raw, 16);
}

static see_status gcm_seal(const aead_key *key, const uint8_t *nonce,
                           const uint8_t *aad, size_t aad_len,
                           const uint8_t *plaintext, size_t len,
                           uint8_t *out, size_t cap)
{
    return aes128_gcm_seal(&key->k.gcm, nonce, GCM_IV_SIZE, aad, aad_len,
                           plaintext, len, out, cap);
}

static see_status gcm_open(const aead_key *key, const uint8_t *nonce,
                           const uint8_t *aad, size_t aad_len,
                           const uint8_t *sealed, size_t sealed_len,
                           uint8_t *out, size_t cap)
{
    return aes128_gcm_open(&key->k.gcm, nonce, GCM_IV_SIZE, aad, aad_len,
                           sealed, sealed_len, out, cap);
}

const aead_algorithm aead_aes128_gcm = {
    "AES-128-GCM", 16, gcm_set_key, gcm_seal, gcm_open,
};

/* ------------------------------------------------ ChaCha20-Poly1305 --- */

static see_status chacha_set_key(aead_key *key, const uint8_t *raw)
{
    memcpy(key->k.chacha20, raw, CHACHA20_POLY1305_KEY_SIZE);
    return SEE_OK;
}

static see_status chacha_seal(const aead_key *key, const uint8_t *nonce,
                              const uint8_t *aad, size_t aad_len,
                              const uint8_t *plaintext, size_t len,
                              uint8_t *out, size_t cap)
{
    size_t written;
    return chacha20_poly1305_seal(key->k.chacha20, nonce, aad, aad_len,
                                  plaintext, len, out, cap, &written);
}

static see_status chacha_open(const aead_key *key, const uint8_t *nonce,
                              const uint8_t *aad, size_t aad_len,
                              const uint8_t *sealed, size_t sealed_len,
                              uint8_t *out, size_t cap)
{
    size_t written;
    return chacha20_poly1305_open(key->k.chacha20, nonce, aad, aad_len,
                                  sealed, sealed_len, out, cap, &written);
}

const aead_algorithm aead_chacha20_poly1305 = {
    "ChaCha20-Poly1305", CHACHA20_POLY1305_KEY_SIZE,
    chacha_set_key, chacha_seal, chacha_open,
};

/* ------------------------------------------------------ the interface --- */

see_status aead_set_key(aead_key *key, const aead_algorithm *alg,
                        const uint8_t *raw, size_t raw_len)
{
    aead_wipe(key);
    ENSURE(raw_len == alg->key_size, SEE_ERR_KEY_LENGTH);
    key->alg = alg;
    return alg->set_key(key, raw);
}

see_status aead_seal(const aead_key *key, const uint8_t nonce[AEAD_NONCE_SIZE],
                     const uint8_t *aad, size_t aad_len,
                     const uint8_t *plaintext, size_t len,
                     uint8_t *out, size_t cap, size_t *out_len)
{
    ENSURE(len <= SIZE_MAX - AEAD_TAG_SIZE, SEE_ERR_AEAD_LENGTH);
    ENSURE(cap >= len + AEAD_TAG_SIZE, SEE_ERR_BUFFER_SMALL);
    TRY(key->alg->seal(key, nonce, aad, aad_len, plaintext, len, out, cap));
    *out_len = len + AEAD_TAG_SIZE;
    return SEE_OK;
}

see_status aead_open(const aead_key *key, const uint8_t nonce[AEAD_NONCE_SIZE],
                     const uint8_t *aad, size_t aad_len,
                     const uint8_t *sealed, size_t sealed_len,
                     uint8_t *out, size_t cap, size_t *out_len)
{
    ENSURE(sealed_len >= AEAD_TAG_SIZE, SEE_ERR_TRUNCATED);
    size_t len = sealed_len - AEAD_TAG_SIZE;
    ENSURE(cap >= len, SEE_ERR_BUFFER_SMALL);
    see_status st = key->alg->open(key, nonce, aad, aad_len, sealed,
                                   sealed_len, out, cap);
    if (st == SEE_ERR_AEAD_TAG)
        see_wipe(out, len); /* no unauthenticated byte is ever released */
    if (st != SEE_OK)
        return st;
    *out_len = len;
    return SEE_OK;
}

void aead_wipe(aead_key *key)
{
    see_wipe(key, sizeof *key);
}
