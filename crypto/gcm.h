/*
 * gcm.h: AES-128-GCM (NIST SP 800-38D), the AEAD of TLS 1.2's GCM suites
 * (RFC 5288), on the constant-time AES of aes_ct.h with a constant-time
 * GHASH.
 *
 * Seal encrypts the plaintext and authenticates it together with the
 * additional data (AAD, authenticated but not encrypted: in TLS the record
 * header and sequence number); it writes ciphertext || 16-byte tag. Open
 * checks the tag first, in constant time, and only then decrypts: a forged
 * or damaged message gives SEE_ERR_AEAD_TAG and no plaintext at all.
 *
 * IVs are 96 bits (12 bytes) only, the length TLS uses (RFC 5288 3) and the
 * one SP 800-38D 5.2.1.1 recommends; any other length is refused with
 * SEE_ERR_IV_LENGTH (the GHASH-derived J0 of 7.1 for other lengths is not
 * implemented). An IV must never be used twice with the same key: see
 * docs/aes.md, "GCM".
 */
#ifndef SEETLS_GCM_H
#define SEETLS_GCM_H

#include <stddef.h>
#include <stdint.h>

#include "core/error.h"
#include "crypto/aes_ct.h"
#include "crypto/hw_paths.h"

#define GCM_IV_SIZE  12
#define GCM_TAG_SIZE 16

/* SP 800-38D 5.2.1.1: at most 2^39 - 256 bits of plaintext, 2^64 - 1 bits
 * of AAD (in bytes, rounded down). */
#define GCM_MAX_TEXT_BYTES ((UINT64_C(1) << 36) - 32)
#define GCM_MAX_AAD_BYTES  ((UINT64_C(1) << 61) - 1)

typedef struct {
    aes128_ct_key aes;
    uint8_t h[16];      /* the hash subkey H = CIPH_K(0^128) (SP 800-38D 7.1) */
    /* 1 if the key was set where the CPU has a carry-less multiplication
     * (core/cpu.h: PCLMULQDQ on x86-64, PMULL on arm64): the tag's GHASH
     * is then the hardware file's (crypto/hw_paths.h), on these powers of
     * H. */
    int ghash_hw;
    ghash_hw_key ghash_key;
} aes128_gcm_key;

/* Expand a 16-byte key and compute H. SEE_ERR_KEY_LENGTH unless
 * raw_len == 16. The key takes the hardware paths the CPU offers at this
 * moment (the AES instructions for AES, a carry-less multiplication for
 * GHASH: core/cpu.h), with the same results. */
see_status aes128_gcm_set_key(aes128_gcm_key *key, const uint8_t *raw,
                              size_t raw_len);

/* 1 when a key set now takes the hardware paths for both AES and GHASH
 * (core/cpu.h), 0 when either is the portable code: the bitsliced AES
 * then makes AES-GCM several times slower than ChaCha20-Poly1305
 * (handshake/suites.c orders the suites by it). */
int aes128_gcm_in_hardware(void);

/* GCM-AE (SP 800-38D 7.1): write len bytes of ciphertext, then the 16-byte
 * tag, to out (len + 16 bytes; out_cap must allow them, else
 * SEE_ERR_BUFFER_SMALL). out may be plaintext itself (in place), but must
 * not otherwise overlap it. SEE_ERR_IV_LENGTH unless iv_len == 12;
 * SEE_ERR_AEAD_LENGTH past the limits above. aad may be NULL when aad_len
 * is 0, plaintext when len is 0. */
see_status aes128_gcm_seal(const aes128_gcm_key *key,
                           const uint8_t *iv, size_t iv_len,
                           const uint8_t *aad, size_t aad_len,
                           const uint8_t *plaintext, size_t len,
                           uint8_t *out, size_t out_cap);

/* GCM-AD (SP 800-38D 7.2): sealed is ciphertext || tag (sealed_len >= 16,
 * else SEE_ERR_TRUNCATED). The tag is recomputed and compared in constant
 * time before anything is decrypted; on a mismatch SEE_ERR_AEAD_TAG, and
 * the sealed_len - 16 bytes at out are zeroed. On success out holds the
 * sealed_len - 16 bytes of plaintext. out may be sealed itself (in
 * place). Other errors as for seal. */
see_status aes128_gcm_open(const aes128_gcm_key *key,
                           const uint8_t *iv, size_t iv_len,
                           const uint8_t *aad, size_t aad_len,
                           const uint8_t *sealed, size_t sealed_len,
                           uint8_t *out, size_t out_cap);

/* Zero the key (AES schedule and H). */
void aes128_gcm_wipe(aes128_gcm_key *key);

/* The pieces, for tests and class: the product X * Y in GF(2^128)
 * (SP 800-38D 6.3), and GHASH_H over the GCM input
 * A || 0^v || C || 0^u || [len(A)]_64 || [len(C)]_64 (6.4, 7.1 step 5). */
void gcm_gf128_mul(const uint8_t x[16], const uint8_t y[16], uint8_t out[16]);
void gcm_ghash(const uint8_t h[16], const uint8_t *aad, size_t aad_len,
               const uint8_t *ciphertext, size_t len, uint8_t out[16]);

#endif
