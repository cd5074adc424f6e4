/*
 * poly1305_x86.h: Poly1305's blocks four at a time in the x86-64 AVX2
 * registers (crypto/poly1305_x86.c), beside the scalar code of
 * crypto/poly1305_26.c and poly1305_44.c, which it must equal bit for bit.
 * poly1305.c takes it for runs of at least POLY1305_VECTOR_MIN_BLOCKS
 * blocks (crypto/poly1305.h) where cpu_has(CPU_SIMD) (core/cpu.h); the function exists on x86-64 builds
 * only (crypto/hw_paths.h names it poly1305_hw_blocks).
 */
#ifndef SEETLS_POLY1305_X86_H
#define SEETLS_POLY1305_X86_H

#include <stddef.h>
#include <stdint.h>

/* For each of the n full 16-byte blocks at m (n a multiple of 4, at least
 * 4): acc = (acc + block + 2^128) * r mod p, as poly1305_limbs_blocks with
 * full = 1. acc is in five 26-bit limbs, each below 2^27 on the way in;
 * on the way out each is below 2^26 but limb 1, below 2^26 + 2^10 (a
 * number congruent to the answer mod p, not necessarily below p).
 * r_powers holds r, r^2, r^3, r^4 mod p in five 26-bit limbs each, each
 * limb below 2^27 (r^k's at 5(k - 1)). */
void poly1305_x86_blocks(uint32_t acc[5], const uint32_t r_powers[20],
                         const uint8_t *m, size_t n);

#endif
