/*
 * ct_hw.c: the constant-time check's cases for the hardware paths
 * (crypto/aes_x86.c, crypto/ghash_x86.c, crypto/chacha20_x86.c,
 * crypto/poly1305_x86.c): the AES-128 and GCM cases of ct_gcm.c and
 * ct_aes_ct.c again, on a key set where the CPU offers AES-NI and
 * PCLMULQDQ; ChaCha20 on a message long enough for its AVX2 path; and
 * ct_chacha20_poly1305.c's long Poly1305 case with AVX2. main() forces the
 * portable code before every case (cpu_force_portable), so those files'
 * cases check the bitsliced AES, gcm.c's GHASH, chacha20.c's one block at
 * a time and the scalar Poly1305; these lift the forcing first.
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

/* ChaCha20 on the vector path: a message of one whole group of eight
 * blocks and 188 bytes more (a last group through a buffer), RFC 8439
 * 2.4.2's plaintext at its start and zeros after; the key, the nonce and
 * the message secret. The first 32 bytes are the RFC's, the rest
 * chacha20.c's own answer, computed first with public inputs. */
static int ct_chacha20_simd(void)
{
    uint8_t key[32], nonce[12], msg[700] = {0}, out[700], portable[700];
    from_hex(key, "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    from_hex(nonce, "000000000000004a00000000");
    memcpy(msg, CT_AEAD_PLAINTEXT, CT_AEAD_LEN);
    if (chacha20_xor(key, 1, nonce, msg, portable, sizeof msg) != SEE_OK ||
        !on_hardware(CPU_SIMD))
        return 0;
    secret(key, sizeof key);
    secret(nonce, sizeof nonce);
    secret(msg, sizeof msg);
    if (chacha20_xor(key, 1, nonce, msg, out, sizeof msg) != SEE_OK)
        return 0;
    public(out, sizeof out);
    return check(out, 32, "6e2e359a2568f98041ba0728dd0d6981e97e7aec1d4360c20a27afccfd9fae0b") &&
           memcmp(out, portable, sizeof out) == 0;
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
    if (strncmp(name, "chacha20_simd", 13) == 0)
        return cpu_supports(CPU_SIMD);
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
    {"chacha20_simd", ct_chacha20_simd, CT_PASS},    \
    {"poly1305_simd", ct_poly1305_simd, CT_PASS},
