/*
 * chacha20.h: the ChaCha20 stream cipher, RFC 8439 2.1-2.4.
 *
 * The state is 16 32-bit words, drawn as a 4x4 matrix:
 *
 *     cccccccc  cccccccc  cccccccc  cccccccc     c = the constant "expand 32-byte k"
 *     kkkkkkkk  kkkkkkkk  kkkkkkkk  kkkkkkkk     k = the 256-bit key
 *     kkkkkkkk  kkkkkkkk  kkkkkkkk  kkkkkkkk
 *     bbbbbbbb  nnnnnnnn  nnnnnnnn  nnnnnnnn     b = block counter, n = 96-bit nonce
 *
 * The block function mixes it with 20 rounds of quarter rounds (additions,
 * XORs and fixed rotations only: no table and no branch on the key, so it
 * takes the same time for every key) and adds the input back; the 64 bytes
 * are one block of keystream. Encryption XORs the keystream of blocks
 * counter, counter + 1, ... into the message; decryption is the same call.
 *
 * A (key, nonce) pair must never encrypt two messages: the XOR of the two
 * ciphertexts would be the XOR of the two plaintexts (RFC 8439 4).
 */
#ifndef SEETLS_CHACHA20_H
#define SEETLS_CHACHA20_H

#include <stddef.h>
#include <stdint.h>

#include "core/error.h"

#define CHACHA20_KEY_SIZE   32
#define CHACHA20_NONCE_SIZE 12
#define CHACHA20_BLOCK_SIZE 64

/* QUARTERROUND(a, b, c, d) of RFC 8439 2.2 on the words of state at those
 * indices (each 0..15); the other words are left alone. */
void chacha20_quarter_round(uint32_t state[16], size_t a, size_t b, size_t c,
                            size_t d);

/* The block function (RFC 8439 2.3): 64 bytes of keystream for block
 * number counter under key and nonce. */
void chacha20_block(const uint8_t key[CHACHA20_KEY_SIZE], uint32_t counter,
                    const uint8_t nonce[CHACHA20_NONCE_SIZE],
                    uint8_t out[CHACHA20_BLOCK_SIZE]);

/* Encrypt or decrypt (RFC 8439 2.4): out = in XOR the keystream of blocks
 * counter, counter + 1, ...; out may be in (in place), len may be 0.
 * SEE_ERR_ARGUMENT, with nothing written, when the message would need a
 * block number past 2^32 - 1 (the 32-bit counter would wrap and reuse
 * keystream). The keystream is wiped before returning. */
see_status chacha20_xor(const uint8_t key[CHACHA20_KEY_SIZE], uint32_t counter,
                        const uint8_t nonce[CHACHA20_NONCE_SIZE],
                        const uint8_t *in, uint8_t *out, size_t len);

#endif
