/*
 * chacha20_arm.h: ChaCha20's keystream four blocks at once with the arm64
 * Advanced SIMD (NEON) instructions (crypto/chacha20_arm.c), the arm64
 * twin of chacha20_x86.h with the same call, beside the portable one-block
 * code of crypto/chacha20.c, which it must equal bit for bit. chacha20_xor
 * takes this path for a message where cpu_has(CPU_SIMD) (core/cpu.h,
 * crypto/hw_paths.h), and its own code for a short rest; the function
 * exists on arm64 builds only.
 *
 * The rounds are the same additions, XORs and fixed rotations, one 32-bit
 * lane per block: no table and no branch on the key, so constant-time as
 * the portable code.
 */
#ifndef SEETLS_CHACHA20_ARM_H
#define SEETLS_CHACHA20_ARM_H

#include <stddef.h>
#include <stdint.h>

/* Blocks computed together: four 32-bit lanes in a 128-bit register. */
#define CHACHA20_ARM_BLOCKS 4

/* chacha20_x86_xor's contract with groups of CHACHA20_ARM_BLOCKS blocks:
 * out = in XOR the keystream of blocks state[12], state[12] + 1, ... over
 * the whole groups (256 bytes) in len bytes; returns the bytes done
 * (len - len % 256), the rest being the caller's. state (RFC 8439 2.3's
 * words) is not changed; the caller has checked that no block of those
 * groups passes 2^32 - 1 (chacha20_xor). in and out may be the same
 * buffer. */
size_t chacha20_arm_xor(const uint32_t state[16], const uint8_t *in,
                        uint8_t *out, size_t len);

#endif
