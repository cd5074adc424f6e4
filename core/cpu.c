/*
 * cpu.c: the CPU's feature bits for cryptography (core/cpu.h).
 *
 * x86-64: CPUID leaf 1 gives AES-NI (ECX bit 25), PCLMULQDQ (ECX bit 1)
 * and SSSE3/SSE4.1 (ECX bits 9 and 19), which the hardware files also use;
 * leaf 7 subleaf 0 gives the SHA extensions (EBX bit 29) and AVX2 (EBX
 * bit 5) (Intel SDM volume 2A, CPUID). AVX2's 256-bit registers are only
 * usable when the OS saves them on a task switch: leaf 1 ECX bit 27
 * (OSXSAVE), and XGETBV's XCR0 with bits 1 and 2 (SSE and AVX state) set
 * (Intel SDM volume 1, 14.3).
 *
 * arm64: the kernel passes the CPU's features to each program in its
 * auxiliary vector; getauxval(AT_HWCAP) has HWCAP_AES, HWCAP_PMULL and
 * HWCAP_SHA2 (the ARMv8 Cryptography Extensions: a Raspberry Pi 5's
 * Cortex-A76 has them, a Pi 4's Cortex-A72 as the Pi sells it does not),
 * and HWCAP_ASIMD (NEON, which every Pi with a 64-bit OS has).
 *
 * 32-bit ARM (armhf) reports nothing: the AArch32 state of an ARMv8 CPU
 * has the same instructions (AT_HWCAP2's HWCAP2_AES, HWCAP2_PMULL,
 * HWCAP2_SHA2), so the Pi's 32-bit OS on a Pi 5 could use them, but that
 * would be a third set of files for the one board whose users are better
 * served by the 64-bit OS; left out, and the 32-bit builds take the
 * portable code.
 */
#include "core/cpu.h"

#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#if defined(__x86_64__)
#include <cpuid.h>
#elif defined(__aarch64__)
#include <asm/hwcap.h>
#include <sys/auxv.h>
#endif

/* -1 until read; then the cpu_feature bits. Atomic because any thread may
 * ask first: two threads reading at once compute the same answer. */
static atomic_int detected = -1;
static atomic_int no_asm = -1;       /* SEETLS_NO_ASM=1, read once */
static atomic_int forced = 0;        /* cpu_force_portable, for tests */

#if defined(__x86_64__)
/* XCR0, the register state the OS saves (XGETBV with ECX = 0), read with
 * the instruction's bytes so that this file needs no -mxsave. Only called
 * once CPUID says OSXSAVE. */
static uint32_t xcr0(void)
{
    uint32_t lo, hi;
    __asm__ volatile(".byte 0x0f, 0x01, 0xd0" : "=a"(lo), "=d"(hi) : "c"(0));
    (void)hi;   /* the upper 32 bits name no state used here */
    return lo;
}

static int read_feature_bits(void)
{
    unsigned int eax, ebx, ecx, edx;
    int bits = 0;
    if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx))
        return 0;
    /* Every hardware file also uses SSSE3 (PSHUFB) and SSE4.1. */
    int sse = (ecx & bit_SSSE3) && (ecx & bit_SSE4_1);
    if (sse && (ecx & bit_AES))
        bits |= CPU_AES;
    if (sse && (ecx & bit_PCLMUL))
        bits |= CPU_CLMUL;
    int os_saves_ymm = (ecx & bit_OSXSAVE) && (ecx & bit_AVX) &&
                       (xcr0() & 6) == 6;
    if (__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx)) {
        if (sse && (ebx & (1u << 29)))
            bits |= CPU_SHA256;
        if (os_saves_ymm && (ebx & bit_AVX2))
            bits |= CPU_SIMD;
    }
    return bits;
}
#elif defined(__aarch64__)
static int read_feature_bits(void)
{
    unsigned long hwcap = getauxval(AT_HWCAP);
    int bits = 0;
    if (hwcap & HWCAP_AES)
        bits |= CPU_AES;
    if (hwcap & HWCAP_PMULL)
        bits |= CPU_CLMUL;
    if (hwcap & HWCAP_SHA2)
        bits |= CPU_SHA256;
    if (hwcap & HWCAP_ASIMD)
        bits |= CPU_SIMD;
    return bits;
}
#else
static int read_feature_bits(void)
{
    return 0;   /* see the top of this file */
}
#endif

int cpu_supports(cpu_feature f)
{
    int bits = atomic_load(&detected);
    if (bits < 0) {
        bits = read_feature_bits();
        atomic_store(&detected, bits);
    }
    return (bits & (int)f) != 0;
}

static int portable_forced(void)
{
    int env = atomic_load(&no_asm);
    if (env < 0) {
        const char *v = getenv("SEETLS_NO_ASM");
        env = v != NULL && strcmp(v, "1") == 0;
        atomic_store(&no_asm, env);
    }
    return env || atomic_load(&forced);
}

int cpu_has(cpu_feature f)
{
    return !portable_forced() && cpu_supports(f);
}

const char *cpu_path_name(cpu_feature f)
{
    if (!cpu_has(f))
        return "portable";
#if defined(__aarch64__)
    switch (f) {
    case CPU_AES:    return "armv8-aes";
    case CPU_CLMUL:  return "pmull";
    case CPU_SHA256: return "armv8-sha256";
    case CPU_SIMD:   return "neon";
    }
#else
    switch (f) {
    case CPU_AES:    return "aes-ni";
    case CPU_CLMUL:  return "pclmulqdq";
    case CPU_SHA256: return "sha-ni";
    case CPU_SIMD:   return "avx2";
    }
#endif
    return "portable";
}

void cpu_force_portable(int on)
{
    atomic_store(&forced, on != 0);
}
