/*
 * cpu.h: which instructions the CPU offers for cryptography, read once,
 * so that each primitive can choose between its portable C (the readable
 * code of crypto/) and a hardware path beside it (crypto/NAME_x86.c on
 * x86-64, crypto/NAME_arm.c on arm64: crypto/hw_paths.h).
 *
 * The answer is the CPU's own feature bits (CPUID on x86-64; on arm64,
 * getauxval(AT_HWCAP)), read on the first question and kept. Setting
 * SEETLS_NO_ASM=1 in the environment before the program starts forces the
 * portable code everywhere (every cpu_has() answers 0), so that a class
 * can compare both paths, and so that the portable code keeps being run.
 */
#ifndef SEETLS_CPU_H
#define SEETLS_CPU_H

/* What an instruction set is for, whichever architecture offers it. */
typedef enum {
    CPU_AES    = 1 << 0,   /* AES rounds: x86-64 AES-NI (AESENC, AESDEC,
                              AESKEYGENASSIST); arm64 AESE, AESD, AESMC,
                              AESIMC (HWCAP_AES) */
    CPU_CLMUL  = 1 << 1,   /* 64 x 64 carry-less multiply (GHASH): x86-64
                              PCLMULQDQ; arm64 PMULL (HWCAP_PMULL) */
    CPU_SHA256 = 1 << 2,   /* SHA-256 rounds: x86-64 SHA extensions
                              (SHA256RNDS2, MSG1, MSG2); arm64 SHA256H,
                              SHA256H2, SHA256SU0, SHA256SU1 (HWCAP_SHA2) */
    CPU_SIMD   = 1 << 3,   /* several 32-bit lanes in one register, for the
                              ciphers built from additions, rotations and
                              XORs (ChaCha20, Poly1305): x86-64 AVX2 (eight
                              lanes) with the OS saving its registers;
                              arm64 Advanced SIMD, NEON (four lanes,
                              HWCAP_ASIMD) */
} cpu_feature;

/* 1 if the CPU has the feature and the portable code is not forced (by
 * SEETLS_NO_ASM=1 or cpu_force_portable), else 0. Safe from any thread. */
int cpu_has(cpu_feature f);

/* The name of the path a primitive takes for feature f when cpu_has(f):
 * "aes-ni", "pclmulqdq", "sha-ni", "avx2" on x86-64; "armv8-aes", "pmull",
 * "armv8-sha256", "neon" on arm64; else "portable". For the bench's rows and for
 * `seetls` to say what it measures. */
const char *cpu_path_name(cpu_feature f);

/* Force the portable code (on = 1) or give the CPU's own answer back
 * (on = 0, unless SEETLS_NO_ASM=1 forces it anyway): for the tests, and
 * `seetls speed --portable`. Keys set while forced keep the portable path
 * (crypto/aes_ct.h), and keys set before keep theirs: force it first. */
void cpu_force_portable(int on);

/* The CPU's feature bits as it reports them, ignoring every forcing: to
 * tell "this CPU lacks it" from "the portable code is forced". */
int cpu_supports(cpu_feature f);

#endif
