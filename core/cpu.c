/*
 * cpu.c: the CPU's feature bits for cryptography (core/cpu.h).
 *
 * x86-64: CPUID leaf 1 gives AES-NI (ECX bit 25), PCLMULQDQ (ECX bit 1)
 * and SSSE3/SSE4.1 (ECX bits 9 and 19), which the hardware files also use;
 * leaf 7 subleaf 0 gives the SHA extensions (EBX bit 29) (Intel SDM
 * volume 2A, CPUID). ARM: the arm64 paths are not written yet, so no
 * feature is reported there (the Pi's builds take the portable code);
 * when they are, getauxval(AT_HWCAP) with HWCAP_AES, HWCAP_PMULL and
 * HWCAP_SHA2 is where their bits are.
 */
#include "core/cpu.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#if defined(__x86_64__)
#include <cpuid.h>
#endif

/* -1 until read; then the cpu_feature bits. Atomic because any thread may
 * ask first: two threads reading at once compute the same answer. */
static atomic_int detected = -1;
static atomic_int no_asm = -1;       /* SEETLS_NO_ASM=1, read once */
static atomic_int forced = 0;        /* cpu_force_portable, for tests */

#if defined(__x86_64__)
static int read_feature_bits(void)
{
    unsigned int eax, ebx, ecx, edx;
    int bits = 0;
    if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx))
        return 0;
    /* Every hardware file also uses SSSE3 (PSHUFB) and SSE4.1. */
    int sse = (ecx & bit_SSSE3) && (ecx & bit_SSE4_1);
    if (sse && (ecx & bit_AES))
        bits |= CPU_AESNI;
    if (sse && (ecx & bit_PCLMUL))
        bits |= CPU_PCLMUL;
    if (sse && __get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx) &&
        (ebx & (1u << 29)))
        bits |= CPU_SHANI;
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
    switch (f) {
    case CPU_AESNI:  return "aes-ni";
    case CPU_PCLMUL: return "pclmulqdq";
    case CPU_SHANI:  return "sha-ni";
    }
    return "portable";
}

void cpu_force_portable(int on)
{
    atomic_store(&forced, on != 0);
}
