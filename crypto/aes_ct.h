/*
 * aes_ct.h: AES-128 (FIPS 197) in constant time, bitsliced, and its CBC
 * and CTR modes (NIST SP 800-38A); and AES-256 with its CBC mode, the same
 * cipher with 14 rounds.
 *
 * The same cipher as aes.h, computed without any table and without any
 * branch or memory index that depends on the key or the data: the S-box is
 * a circuit of AND and XOR gates evaluated on all the bytes at once (see
 * the top of aes_ct.c), and the inverse S-box is that circuit between two
 * affine maps. This is the AES that protocols use (the CBC records, GCM,
 * `seetls enc`); the table AES of aes.h stays as the classroom reference.
 *
 * The bitsliced words hold two blocks, so two blocks cost the same as one:
 * aes128_ct_encrypt2 and aes128_ct_decrypt2 are the fast paths. CTR
 * and CBC decryption use them; CBC encryption cannot (each block needs
 * the previous one's ciphertext) and runs at half their speed.
 *
 * AES-256 (aes256_ct_*) has its own key type, the schedule of 15 round keys
 * instead of 11, and the calls PBES2 needs (crypto/pbkdf2.h, pki/pkcs12.h:
 * the key of a PKCS#12 file is encrypted with AES-256-CBC): one block each
 * way, CBC each way. It costs 14/10 of AES-128 per block.
 */
#ifndef SEETLS_AES_CT_H
#define SEETLS_AES_CT_H

#include <stddef.h>
#include <stdint.h>

#include "crypto/aes.h"
#include "crypto/hw_paths.h"

typedef struct {
    /* Round key r, bitsliced: sk[8r .. 8r+7] (the same key in both block
     * positions, ready to XOR onto the bitsliced State). */
    uint32_t sk[8 * (AES128_ROUNDS + 1)];
    /* 1 if the key was set where the CPU has AES instructions (core/cpu.h:
     * AES-NI on x86-64, the ARMv8 AES instructions on arm64): then hw_key
     * holds its schedule (crypto/hw_paths.h), sk is not filled in, and
     * every call below takes the hardware path with the same results. */
    int hw;
    aes128_hw_key hw_key;
} aes128_ct_key;

/* Expand a 16-byte key (FIPS 197 5.2), in constant time; for the AES
 * instructions instead where cpu_has(CPU_AES) at this moment (the key
 * keeps that choice). */
void aes128_ct_set_key(aes128_ct_key *key, const uint8_t raw[AES128_KEY_SIZE]);

/* Encrypt one block; in and out may be the same buffer. */
void aes128_ct_encrypt_block(const aes128_ct_key *key, const uint8_t in[16],
                             uint8_t out[16]);

/* Encrypt two consecutive blocks (32 bytes) for the price of one; in and
 * out may be the same buffer. */
void aes128_ct_encrypt2(const aes128_ct_key *key, const uint8_t in[32],
                        uint8_t out[32]);

/* Decrypt one block (InvCipher, FIPS 197 5.3) with the same key schedule;
 * in and out may be the same buffer. */
void aes128_ct_decrypt_block(const aes128_ct_key *key, const uint8_t in[16],
                             uint8_t out[16]);

/* Decrypt two consecutive blocks (32 bytes) for the price of one; in and
 * out may be the same buffer. */
void aes128_ct_decrypt2(const aes128_ct_key *key, const uint8_t in[32],
                        uint8_t out[32]);

/* CBC (SP 800-38A 6.2), with the contract of aes.h's aes128_cbc_encrypt
 * and aes128_cbc_decrypt: len must be a multiple of 16, else
 * SEE_ERR_BLOCK_LENGTH and nothing written. in and out may be the same
 * buffer; iv is not changed. */
see_status aes128_ct_cbc_encrypt(const aes128_ct_key *key, const uint8_t iv[16],
                                 const uint8_t *in, uint8_t *out, size_t len);
see_status aes128_ct_cbc_decrypt(const aes128_ct_key *key, const uint8_t iv[16],
                                 const uint8_t *in, uint8_t *out, size_t len);

/* CTR (SP 800-38A 6.5), as aes.h's aes128_ctr_xor: the counter block
 * starts at iv and is incremented as one 128-bit big-endian number (as
 * openssl's aes-128-ctr does). Any length; encryption and decryption are
 * the same operation. in and out may be the same buffer. */
void aes128_ct_ctr_xor(const aes128_ct_key *key, const uint8_t iv[16],
                       const uint8_t *in, uint8_t *out, size_t len);

/* Zero the key schedule. */
void aes128_ct_wipe(aes128_ct_key *key);

/* ------------------------------------------------------------ AES-256 --- */

#define AES256_KEY_SIZE 32
#define AES256_ROUNDS   14

typedef struct {
    /* Round key r bitsliced at sk[8r .. 8r+7], as in aes128_ct_key. */
    uint32_t sk[8 * (AES256_ROUNDS + 1)];
} aes256_ct_key;

/* Expand a 32-byte key (FIPS 197 5.2, Nk = 8), in constant time. */
void aes256_ct_set_key(aes256_ct_key *key, const uint8_t raw[AES256_KEY_SIZE]);

/* One block each way, as aes128_ct_encrypt_block and _decrypt_block. */
void aes256_ct_encrypt_block(const aes256_ct_key *key, const uint8_t in[16],
                             uint8_t out[16]);
void aes256_ct_decrypt_block(const aes256_ct_key *key, const uint8_t in[16],
                             uint8_t out[16]);

/* CBC with AES-256, the contract of aes128_ct_cbc_encrypt and _decrypt. */
see_status aes256_ct_cbc_encrypt(const aes256_ct_key *key, const uint8_t iv[16],
                                 const uint8_t *in, uint8_t *out, size_t len);
see_status aes256_ct_cbc_decrypt(const aes256_ct_key *key, const uint8_t iv[16],
                                 const uint8_t *in, uint8_t *out, size_t len);

/* Zero the key schedule. */
void aes256_ct_wipe(aes256_ct_key *key);

/* The S-box and the inverse S-box as the circuits compute them, for tests
 * (the tables of FIPS 197 Figures 7 and 14, without the tables). */
uint8_t aes_ct_sbox(uint8_t x);
uint8_t aes_ct_inv_sbox(uint8_t x);

#endif
