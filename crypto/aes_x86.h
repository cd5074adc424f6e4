/*
 * aes_x86.h: AES-128 with the x86-64 AES-NI instructions
 * (crypto/aes_x86.c), beside the portable constant-time AES of
 * crypto/aes_ct.c, which it must equal bit for bit. aes_ct.c and gcm.c
 * take this path for a key set where cpu_has(CPU_AES) (core/cpu.h); the
 * functions exist on x86-64 builds only.
 *
 * AES-NI runs a whole round in one instruction (AESENC: ShiftRows,
 * SubBytes, MixColumns, AddRoundKey), with no table and no data-dependent
 * timing, so it is constant-time by design, as aes_ct is by construction.
 * AES-256 (PBES2 in PKCS#12 files, a few blocks per file) stays portable.
 */
#ifndef SEETLS_AES_X86_H
#define SEETLS_AES_X86_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    uint8_t enc[11][16];   /* round keys 0..10 (FIPS 197 5.2) */
    uint8_t dec[11][16];   /* the equivalent inverse cipher's (FIPS 197
                              5.3.5): keys 10..0, InvMixColumns on 9..1 */
} aes128_x86_key;

void aes128_x86_set_key(aes128_x86_key *key, const uint8_t raw[16]);

/* n independent blocks each way (ECB: for the one- and two-block calls of
 * aes_ct.h). in and out may be the same buffer. */
void aes128_x86_encrypt_blocks(const aes128_x86_key *key, const uint8_t *in,
                               uint8_t *out, size_t n);
void aes128_x86_decrypt_blocks(const aes128_x86_key *key, const uint8_t *in,
                               uint8_t *out, size_t n);

/* CBC (SP 800-38A 6.2) over len bytes, a multiple of 16 (the caller
 * checks). in and out may be the same buffer; iv is not changed. */
void aes128_x86_cbc_encrypt(const aes128_x86_key *key, const uint8_t iv[16],
                            const uint8_t *in, uint8_t *out, size_t len);
void aes128_x86_cbc_decrypt(const aes128_x86_key *key, const uint8_t iv[16],
                            const uint8_t *in, uint8_t *out, size_t len);

/* CTR (SP 800-38A 6.5) with the whole 16-byte block as one big-endian
 * counter, as aes128_ct_ctr_xor. Any length. */
void aes128_x86_ctr_xor(const aes128_x86_key *key, const uint8_t iv[16],
                        const uint8_t *in, uint8_t *out, size_t len);

/* GCM's GCTR (SP 800-38D 6.5) for a 96-bit IV: key stream block i is
 * AES_K(iv || [counter + i]_32), the counter wrapping mod 2^32 (inc32).
 * Any length. */
void aes128_x86_gctr(const aes128_x86_key *key, const uint8_t iv[12],
                     uint32_t counter, const uint8_t *in, uint8_t *out,
                     size_t len);

#endif
