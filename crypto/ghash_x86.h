/*
 * ghash_x86.h: GCM's GHASH (NIST SP 800-38D 6.4) with the x86-64
 * PCLMULQDQ instruction (crypto/ghash_x86.c), beside the portable,
 * constant-time GHASH of crypto/gcm.c (gcm_ghash), which it must equal bit
 * for bit. gcm.c takes it for a key set where cpu_has(CPU_CLMUL)
 * (core/cpu.h); the functions exist on x86-64 builds only.
 */
#ifndef SEETLS_GHASH_X86_H
#define SEETLS_GHASH_X86_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    /* H, H^2, H^3, H^4 in GF(2^128), each with its 16 bytes reversed (the
     * form the multiplication in ghash_x86.c works on). */
    uint8_t h_powers[4][16];
} ghash_x86_key;

/* The powers of the hash subkey h = CIPH_K(0^128). */
void ghash_x86_set_key(ghash_x86_key *key, const uint8_t h[16]);

/* GHASH_H(A || 0^v || C || 0^u || [len(A)]_64 || [len(C)]_64), as
 * gcm_ghash in crypto/gcm.h. */
void ghash_x86(const ghash_x86_key *key, const uint8_t *aad, size_t aad_len,
               const uint8_t *ciphertext, size_t len, uint8_t out[16]);

#endif
