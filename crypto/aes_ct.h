/*
 * aes_ct.h: AES-128 encryption (FIPS 197) in constant time, bitsliced.
 *
 * The same cipher as aes.h, computed without any table and without any
 * branch or memory index that depends on the key or the data: the S-box is
 * a circuit of AND and XOR gates evaluated on all the bytes at once (see
 * the top of aes_ct.c). This is the AES that protocols use (GCM, gcm.h);
 * the table AES of aes.h stays as the classroom reference.
 *
 * Encryption only: the counter modes (CTR, GCM) never run the inverse
 * cipher. Two blocks cost the same as one (the bitsliced words hold two
 * blocks), so aes128_ct_encrypt2 is the fast path.
 */
#ifndef SEETLS_AES_CT_H
#define SEETLS_AES_CT_H

#include <stdint.h>

#include "crypto/aes.h"

typedef struct {
    /* Round key r, bitsliced: sk[8r .. 8r+7] (the same key in both block
     * positions, ready to XOR onto the bitsliced State). */
    uint32_t sk[8 * (AES128_ROUNDS + 1)];
} aes128_ct_key;

/* Expand a 16-byte key (FIPS 197 5.2), in constant time. */
void aes128_ct_set_key(aes128_ct_key *key, const uint8_t raw[AES128_KEY_SIZE]);

/* Encrypt one block; in and out may be the same buffer. */
void aes128_ct_encrypt_block(const aes128_ct_key *key, const uint8_t in[16],
                             uint8_t out[16]);

/* Encrypt two consecutive blocks (32 bytes) for the price of one; in and
 * out may be the same buffer. */
void aes128_ct_encrypt2(const aes128_ct_key *key, const uint8_t in[32],
                        uint8_t out[32]);

/* Zero the key schedule. */
void aes128_ct_wipe(aes128_ct_key *key);

/* The S-box as the circuit computes it, for tests (the table of FIPS 197
 * Figure 7 without the table). */
uint8_t aes_ct_sbox(uint8_t x);

#endif
