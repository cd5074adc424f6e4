/*
 * sha256_x86.h: SHA-256's compression function with the x86-64 SHA
 * extensions (crypto/sha256_x86.c). The portable one, which it must equal
 * bit for bit, is sha256_compress in crypto/sha256.c; sha256.c chooses
 * between them once per call (core/cpu.h, CPU_SHA256).
 */
#ifndef SEETLS_SHA256_X86_H
#define SEETLS_SHA256_X86_H

#include <stddef.h>
#include <stdint.h>

/* FIPS 180-4 6.2.2 over n consecutive 64-byte blocks into state (H0..H7).
 * Only where cpu_has(CPU_SHA256); built on x86-64 only. */
void sha256_x86_compress(uint32_t state[8], const uint8_t *blocks, size_t n);

#endif
