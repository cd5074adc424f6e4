/*
 * hw_paths.h: the one place that names this build's hardware files. Each
 * architecture with hardware paths has a file per primitive beside the
 * portable one (crypto/NAME_x86.c on x86-64, crypto/NAME_arm.c on arm64),
 * all with the same calls; here they get one name, NAME_hw, so that
 * sha256.c, aes_ct.c, gcm.c and chacha20.c dispatch without naming an
 * architecture:
 *
 *   if (cpu_has(CPU_AES)) ... aes128_hw_cbc_encrypt(...)
 *
 * HW_PATHS is 1 where such files are built, 0 elsewhere (32-bit ARM among
 * them: see core/cpu.c); with 0, none of the names below exist and the
 * portable code is all there is. HW_POLY1305 likewise says whether
 * poly1305_hw_blocks exists (an architecture may have some paths and not
 * that one). Which path runs is still chosen at run
 * time, from the CPU's feature bits (core/cpu.h).
 */
#ifndef SEETLS_HW_PATHS_H
#define SEETLS_HW_PATHS_H

#include <stdint.h>

#if defined(__x86_64__)

#include "crypto/aes_x86.h"
#include "crypto/chacha20_x86.h"
#include "crypto/ghash_x86.h"
#include "crypto/poly1305_x86.h"
#include "crypto/sha256_x86.h"

#define HW_PATHS 1
#define HW_POLY1305 1
typedef aes128_x86_key aes128_hw_key;
typedef ghash_x86_key ghash_hw_key;
#define sha256_hw_compress     sha256_x86_compress
#define aes128_hw_set_key      aes128_x86_set_key
#define aes128_hw_encrypt_blocks aes128_x86_encrypt_blocks
#define aes128_hw_decrypt_blocks aes128_x86_decrypt_blocks
#define aes128_hw_cbc_encrypt  aes128_x86_cbc_encrypt
#define aes128_hw_cbc_decrypt  aes128_x86_cbc_decrypt
#define aes128_hw_ctr_xor      aes128_x86_ctr_xor
#define aes128_hw_gctr         aes128_x86_gctr
#define ghash_hw_set_key       ghash_x86_set_key
#define ghash_hw_compute       ghash_x86
#define CHACHA20_HW_BLOCKS     CHACHA20_X86_BLOCKS
#define chacha20_hw_xor        chacha20_x86_xor
#define poly1305_hw_blocks     poly1305_x86_blocks

#elif defined(__aarch64__)

#include "crypto/aes_arm.h"
#include "crypto/chacha20_arm.h"
#include "crypto/ghash_arm.h"
#include "crypto/sha256_arm.h"

#define HW_PATHS 1
/* No vector Poly1305 on arm64 yet: it takes poly1305_44.c's 64-bit limbs. */
#define HW_POLY1305 0
typedef aes128_arm_key aes128_hw_key;
typedef ghash_arm_key ghash_hw_key;
#define sha256_hw_compress     sha256_arm_compress
#define aes128_hw_set_key      aes128_arm_set_key
#define aes128_hw_encrypt_blocks aes128_arm_encrypt_blocks
#define aes128_hw_decrypt_blocks aes128_arm_decrypt_blocks
#define aes128_hw_cbc_encrypt  aes128_arm_cbc_encrypt
#define aes128_hw_cbc_decrypt  aes128_arm_cbc_decrypt
#define aes128_hw_ctr_xor      aes128_arm_ctr_xor
#define aes128_hw_gctr         aes128_arm_gctr
#define ghash_hw_set_key       ghash_arm_set_key
#define ghash_hw_compute       ghash_arm
#define CHACHA20_HW_BLOCKS     CHACHA20_ARM_BLOCKS
#define chacha20_hw_xor        chacha20_arm_xor

#else

#define HW_PATHS 0
#define HW_POLY1305 0
/* Place holders, so that the key structures have the same fields
 * everywhere; nothing reads them. */
typedef struct {
    uint8_t unused;
} aes128_hw_key;
typedef struct {
    uint8_t unused;
} ghash_hw_key;

#endif

#endif
