/*
 * ct_hw.c: the constant-time check's cases for the hardware paths
 * (crypto/aes_x86.c, crypto/ghash_x86.c, crypto/poly1305_x86.c): the
 * AES-128 and GCM cases of ct_gcm.c and ct_aes_ct.c again, on a key set
 * where the CPU offers AES-NI and PCLMULQDQ, and ct_chacha20_poly1305.c's
 * long Poly1305 case with AVX2. main() forces the portable code before
 * every case (cpu_force_portable), so those files' cases check the
 * bitsliced AES, gcm.c's GHASH and the scalar Poly1305; these lift the
 * forcing first.
 *
 * The instructions themselves take the same time whatever their operands
 * (they are why the hardware paths exist); what valgrind checks here is
 * our code around them: no branch and no memory index on the key, the
 * State or H. The cases are listed only where the CPU has the instructions
 * (hw_case_listed); if valgrind then hides them, the case fails rather
 * than check the portable path under the hardware's name. SHA-256's SHA
 * extensions have no case: valgrind does not emulate them (it reports a
 * CPU without them), so under valgrind SHA-256 always takes sha256.c.
 *
 * Not a program of its own: tests/ct/ct_check.c includes it after
 * ct_gcm.c and ct_aes_ct.c and puts CT_HW_CASES in its cases table.
 */
#include "core/cpu.h"
#include "crypto/hw_paths.h"

/* Lift the forcing; 1 if the CPU (as valgrind presents it) has f. */
static int on_hardware(cpu_feature f)
{
    cpu_force_portable(0);
    if (cpu_has(f))
        return 1;
    fprintf(stderr, "ct_check: %s is not offered here: the case cannot run\n",
            cpu_path_name(f));
    return 0;
}

static int ct_aes_ni_block(void)
{
    return on_hardware(CPU_AES) && ct_aes_ct() && ct_aes_ct_decrypt_block();
}

static int ct_aes_ni_cbc(void)
{
    return on_hardware(CPU_AES) && ct_aes_ct_cbc_encrypt() &&
           ct_aes_ct_cbc_decrypt() && ct_aes_ct_cbc_decrypt_odd();
}

static int ct_aes_ni_ctr(void)
{
    return on_hardware(CPU_AES) && ct_aes_ct_ctr();
}

static int ct_gcm_hw_seal(void)
{
    return on_hardware(CPU_AES) && on_hardware(CPU_CLMUL) && ct_gcm_seal();
}

static int ct_gcm_hw_open(void)
{
    return on_hardware(CPU_AES) && on_hardware(CPU_CLMUL) && ct_gcm_open();
}

/* Poly1305's vector path (crypto/poly1305_x86.c): ct_poly1305_long's 750
 * bytes, 44 of whose 46 whole blocks go through the lanes; the key and
 * the message secret. (The AEAD cases' 114 bytes are too short for the
 * lanes.) */
static int ct_poly1305_simd(void)
{
    return on_hardware(CPU_SIMD) && ct_poly1305_long();
}

/* Whether --list names a hardware case: where the CPU has what it needs. */
static int hw_case_listed(const char *name)
{
    if (strncmp(name, "aes_ni_", 7) == 0)
        return cpu_supports(CPU_AES);
    if (strncmp(name, "gcm_hw_", 7) == 0)
        return cpu_supports(CPU_AES) && cpu_supports(CPU_CLMUL);
    if (strcmp(name, "poly1305_simd") == 0)
        return HW_POLY1305 && cpu_supports(CPU_SIMD);
    return 1;
}

#define CT_HW_CASES                                  \
    {"aes_ni_block", ct_aes_ni_block, CT_PASS},      \
    {"aes_ni_cbc", ct_aes_ni_cbc, CT_PASS},          \
    {"aes_ni_ctr", ct_aes_ni_ctr, CT_PASS},          \
    {"gcm_hw_seal", ct_gcm_hw_seal, CT_PASS},        \
    {"gcm_hw_open", ct_gcm_hw_open, CT_PASS},        \
    {"poly1305_simd", ct_poly1305_simd, CT_PASS},
