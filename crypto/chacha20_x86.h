/*
 * chacha20_x86.h: ChaCha20's keystream eight blocks at once with the
 * x86-64 AVX2 instructions (crypto/chacha20_x86.c), beside the portable
 * one-block code of crypto/chacha20.c, which it must equal bit for bit.
 * chacha20_xor takes this path for a message where cpu_has(CPU_SIMD)
 * (core/cpu.h, crypto/hw_paths.h), and its own code for a short rest; the
 * function exists on x86-64 builds only.
 *
 * The rounds are the same additions, XORs and fixed rotations, one 32-bit
 * lane per block: no table and no branch on the key, so constant-time as
 * the portable code.
 */
#ifndef SEETLS_CHACHA20_X86_H
#define SEETLS_CHACHA20_X86_H

#include <stddef.h>
#include <stdint.h>

/* Blocks computed together: eight 32-bit lanes in a 256-bit register. */
#define CHACHA20_X86_BLOCKS 8

/* out = in XOR the keystream of blocks state[12], state[12] + 1, ...
 * (RFC 8439 2.4) over the whole groups of CHACHA20_X86_BLOCKS blocks in len
 * bytes; returns the bytes done (len - len % the group's bytes), the rest
 * being the caller's. state is RFC 8439 2.3's (constants, key, counter,
 * nonce as words), as chacha20.c sets it up; it is not changed. The
 * caller has checked that no block of those groups passes 2^32 - 1
 * (chacha20_xor). in and out may be the same buffer. */
size_t chacha20_x86_xor(const uint32_t state[16], const uint8_t *in,
                        uint8_t *out, size_t len);

#endif
