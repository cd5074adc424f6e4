/*
 * aes.h: AES-128 (FIPS 197) and the CBC and CTR modes of NIST SP 800-38A.
 *
 * aes128_set_key expands a 16-byte key into the 11 round keys (FIPS 197
 * 5.2). Block functions work on one 16-byte block. The modes take whole
 * blocks (CBC) or any length (CTR); padding lives in padding.h.
 *
 * This is a table-based implementation: its running time and memory
 * accesses depend on the key and data through the S-box lookups, so it is
 * open to cache-timing attacks (see the note at the top of aes.c).
 *
 * CLASSROOM REFERENCE, NOT CONSTANT-TIME: readable, with step-by-step
 * traces of FIPS 197 Appendix C for class, and leaky through the cache.
 * Never used by the record layer or any protocol: they use aes_ct.h, the
 * same cipher bitsliced in constant time, with the same CBC and CTR
 * functions and contracts (aes128_ct_cbc_encrypt, ...), and gcm.h.
 */
#ifndef SEETLS_AES_H
#define SEETLS_AES_H

#include <stddef.h>
#include <stdint.h>

#include "core/error.h"

#define AES_BLOCK_SIZE  16
#define AES128_KEY_SIZE 16
#define AES128_ROUNDS   10

typedef struct {
    /* The expanded key schedule: round key r is rk[4r .. 4r+3]. */
    uint32_t rk[4 * (AES128_ROUNDS + 1)];
} aes128_key;

void aes128_set_key(aes128_key *key, const uint8_t raw[AES128_KEY_SIZE]);
void aes128_encrypt_block(const aes128_key *key, const uint8_t in[16],
                          uint8_t out[16]);
void aes128_decrypt_block(const aes128_key *key, const uint8_t in[16],
                          uint8_t out[16]);
/* Cipher step by step, for class: the same result as
 * aes128_encrypt_block, computed one named step at a time (FIPS 197 Figure
 * 5), calling on_step (if not NULL) after each with the round number 0..10,
 * the name FIPS 197 Appendix C gives the line ("input", "start", "s_box",
 * "s_row", "m_col", "k_sch", "output") and 16 bytes: the State, or for
 * "k_sch" the round key about to be added. The bytes are valid only during
 * the call. */
typedef void aes_step_fn(void *ctx, int round, const char *step,
                         const uint8_t bytes[16]);
void aes128_encrypt_block_steps(const aes128_key *key, const uint8_t in[16],
                                uint8_t out[16], aes_step_fn *on_step, void *ctx);

/* InvCipher step by step (FIPS 197 Figure 12), like
 * aes128_encrypt_block_steps, with the names of Appendix C's inverse
 * tables: "iinput", "istart", "is_row", "is_box", "ik_sch" (the round key),
 * "ik_add", "ioutput". */
void aes128_decrypt_block_steps(const aes128_key *key, const uint8_t in[16],
                                uint8_t out[16], aes_step_fn *on_step, void *ctx);

/* Zero the expanded key (call when the key is no longer needed). */
void aes128_wipe(aes128_key *key);

/* The S-box of FIPS 197 5.1.1 (Figure 7) and its inverse (Figure 14), for
 * tests and class demos. */
uint8_t aes_sbox(uint8_t x);
uint8_t aes_inv_sbox(uint8_t x);

/* CBC (SP 800-38A 6.2). len must be a multiple of 16, else
 * SEE_ERR_BLOCK_LENGTH. in and out may be the same buffer. */
see_status aes128_cbc_encrypt(const aes128_key *key, const uint8_t iv[16],
                              const uint8_t *in, uint8_t *out, size_t len);
see_status aes128_cbc_decrypt(const aes128_key *key, const uint8_t iv[16],
                              const uint8_t *in, uint8_t *out, size_t len);

/* CTR (SP 800-38A 6.5): the counter block starts at iv and is incremented
 * as one 128-bit big-endian number, as openssl's aes-128-ctr does. Any
 * length; encryption and decryption are the same operation. in and out may
 * be the same buffer. */
void aes128_ctr_xor(const aes128_key *key, const uint8_t iv[16],
                    const uint8_t *in, uint8_t *out, size_t len);

#endif
