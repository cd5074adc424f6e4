/*
 * sha256_arm.h: SHA-256's compression function with the ARMv8 SHA-256
 * instructions (crypto/sha256_arm.c), the arm64 twin of sha256_x86.h. The
 * portable one, which it must equal bit for bit, is sha256_compress in
 * crypto/sha256.c; crypto/hw_paths.h names the path this build has.
 */
#ifndef SEETLS_SHA256_ARM_H
#define SEETLS_SHA256_ARM_H

#include <stddef.h>
#include <stdint.h>

/* FIPS 180-4 6.2.2 over n consecutive 64-byte blocks into state (H0..H7).
 * Only where cpu_has(CPU_SHA256); built on arm64 only. */
void sha256_arm_compress(uint32_t state[8], const uint8_t *blocks, size_t n);

#endif
