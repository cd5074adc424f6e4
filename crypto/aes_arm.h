/*
 * aes_arm.h: AES-128 with the ARMv8 AES instructions (crypto/aes_arm.c),
 * the arm64 twin of aes_x86.h with the same calls, beside the portable
 * constant-time AES of crypto/aes_ct.c, which it must equal bit for bit.
 * aes_ct.c and gcm.c take this path for a key set where cpu_has(CPU_AES)
 * (core/cpu.h, crypto/hw_paths.h); the functions exist on arm64 builds
 * only.
 *
 * AESE, AESMC, AESD and AESIMC run a round in two instructions with no
 * table and no data-dependent timing: constant-time by design, as aes_ct
 * is by construction. AES-256 stays portable.
 */
#ifndef SEETLS_AES_ARM_H
#define SEETLS_AES_ARM_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    uint8_t enc[11][16];   /* round keys 0..10 (FIPS 197 5.2) */
    uint8_t dec[11][16];   /* the equivalent inverse cipher's (FIPS 197
                              5.3.5): keys 10..0, InvMixColumns on 9..1 */
} aes128_arm_key;

void aes128_arm_set_key(aes128_arm_key *key, const uint8_t raw[16]);

/* The calls of aes_x86.h, with the same contracts: n independent blocks
 * each way; CBC over a multiple of 16 bytes; CTR with a 128-bit counter;
 * GCM's GCTR with a 32-bit one. in and out may be the same buffer. */
void aes128_arm_encrypt_blocks(const aes128_arm_key *key, const uint8_t *in,
                               uint8_t *out, size_t n);
void aes128_arm_decrypt_blocks(const aes128_arm_key *key, const uint8_t *in,
                               uint8_t *out, size_t n);
void aes128_arm_cbc_encrypt(const aes128_arm_key *key, const uint8_t iv[16],
                            const uint8_t *in, uint8_t *out, size_t len);
void aes128_arm_cbc_decrypt(const aes128_arm_key *key, const uint8_t iv[16],
                            const uint8_t *in, uint8_t *out, size_t len);
void aes128_arm_ctr_xor(const aes128_arm_key *key, const uint8_t iv[16],
                        const uint8_t *in, uint8_t *out, size_t len);
void aes128_arm_gctr(const aes128_arm_key *key, const uint8_t iv[12],
                     uint32_t counter, const uint8_t *in, uint8_t *out,
                     size_t len);

#endif
