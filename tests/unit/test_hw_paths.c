/*
 * test_hw_paths.c: every hardware path (crypto/NAME_x86.c on x86-64,
 * crypto/NAME_arm.c on arm64, named NAME_hw by crypto/hw_paths.h and
 * chosen at run time by core/cpu.h) against the portable code beside it,
 * one test for both architectures (make test-cross runs the arm64 one
 * under qemu-aarch64 with the crypto extensions on): the published
 * vectors through both paths, and the two paths on random inputs of every
 * length 0..1024. Each path is forced with cpu_force_portable. Where this
 * CPU lacks an instruction set, the test says so on its output and checks
 * the portable path alone (against the vectors): it never passes a
 * comparison it could not make.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "core/cpu.h"
#include "crypto/aes_ct.h"
#include "crypto/chacha20.h"
#include "crypto/gcm.h"
#include "crypto/hw_paths.h"
#include "crypto/poly1305.h"
#include "crypto/sha256.h"
#include "tests/unit/harness.h"

/* The two paths, in the order the tests run them. */
static const int forcings[2] = {1, 0};   /* portable, then the hardware */

/* 1 if the CPU has f; else a line saying that only the portable half runs. */
static int hardware_here(cpu_feature f, const char *what)
{
    cpu_force_portable(0);
    if (cpu_has(f))
        return 1;
    printf("\n  %s: %s\n", what,
           cpu_supports(f) ? "hardware path forced off (SEETLS_NO_ASM=1): "
                             "checking the portable path only"
                           : "not offered here (this CPU lacks it, or no hardware "
                             "path is built for this architecture): checking the "
                             "portable path only");
    return 0;
}

/* ------------------------------------------------------------- cpu --- */

/* Each feature with the name of its path on this architecture. */
static const struct {
    cpu_feature f;
    const char *name;
} features[4] = {
#if defined(__aarch64__)
    {CPU_AES, "armv8-aes"}, {CPU_CLMUL, "pmull"}, {CPU_SHA256, "armv8-sha256"},
    {CPU_SIMD, "neon"},
#else
    {CPU_AES, "aes-ni"}, {CPU_CLMUL, "pclmulqdq"}, {CPU_SHA256, "sha-ni"},
    {CPU_SIMD, "avx2"},
#endif
};

static void test_path_names(void)
{
    const char *no_asm = getenv("SEETLS_NO_ASM");
    int env_forced = no_asm != NULL && strcmp(no_asm, "1") == 0;
    for (int i = 0; i < 4; i++) {
        cpu_feature f = features[i].f;
        cpu_force_portable(1);
        CU_ASSERT_FALSE(cpu_has(f));
        CU_ASSERT_STRING_EQUAL(cpu_path_name(f), "portable");
        cpu_force_portable(0);
        CU_ASSERT_EQUAL(cpu_has(f), !env_forced && cpu_supports(f));
        CU_ASSERT_STRING_EQUAL(cpu_path_name(f),
                               cpu_has(f) ? features[i].name : "portable");
        /* A CPU that offers it, where no path is built for it, would be
         * a build that forgot its hardware files. */
        CU_ASSERT(HW_PATHS || !cpu_supports(f));
        printf("\n  %s: %s", features[i].name,
               cpu_has(f) ? "hardware path taken"
                          : cpu_supports(f) ? "offered, forced off" : "not offered");
    }
    printf("\n");
}

/* --------------------------------------------------------- SHA-256 --- */

static void test_sha256_fips180_both_paths(void)
{
    int paths = hardware_here(CPU_SHA256, "SHA-256 instructions") ? 2 : 1;
    for (int p = 0; p < paths; p++) {
        cpu_force_portable(forcings[p]);
        vec_file *v = vec_open("sha256_fips180.txt");
        if (v == NULL)
            break;
        while (vec_next(v)) {
            const char *msg = vec_get(v, "msg");
            long repeat = strtol(vec_get(v, "msg_repeat"), NULL, 10);
            sha256_ctx ctx;
            uint8_t md[SHA256_DIGEST_SIZE];
            sha256_init(&ctx);
            for (long i = 0; i < repeat; i++)
                sha256_update(&ctx, msg, strlen(msg));
            sha256_final(&ctx, md);
            ASSERT_HEX_EQ(md, sizeof md, vec_get(v, "md"));
        }
        vec_close(v);
    }
    cpu_force_portable(0);
}

/* Every length 0..1024 of random bytes, whole and split at a random
 * point, hashed by both paths (and by libsodium, whatever the CPU). */
static void test_sha256_every_length(void)
{
    int hw = hardware_here(CPU_SHA256, "SHA-256 instructions");
    uint8_t m[1024];
    int mismatches = 0;
    for (size_t len = 0; len <= sizeof m; len++) {
        randombytes_buf(m, len);
        size_t cut = len == 0 ? 0 : randombytes_uniform((uint32_t)len + 1);
        uint8_t md[2][SHA256_DIGEST_SIZE], theirs[SHA256_DIGEST_SIZE];
        for (int p = 0; p < (hw ? 2 : 1); p++) {
            cpu_force_portable(forcings[p]);
            sha256_ctx ctx;
            sha256_init(&ctx);
            sha256_update(&ctx, m, cut);
            sha256_update(&ctx, m + cut, len - cut);
            sha256_final(&ctx, md[p]);
        }
        crypto_hash_sha256(theirs, m, len);
        if (memcmp(md[0], theirs, sizeof theirs) != 0)
            mismatches++;
        if (hw && memcmp(md[1], theirs, sizeof theirs) != 0)
            mismatches++;
    }
    cpu_force_portable(0);
    CU_ASSERT_EQUAL(mismatches, 0);
}

/* A context begun on one path and finished on the other: the two keep
 * the state in the same form (H0..H7), so a switch mid-message is
 * harmless. */
static void test_sha256_switch_midway(void)
{
    if (!hardware_here(CPU_SHA256, "SHA-256 instructions"))
        return;
    uint8_t m[1000], md[SHA256_DIGEST_SIZE], theirs[SHA256_DIGEST_SIZE];
    randombytes_buf(m, sizeof m);
    sha256_ctx ctx;
    sha256_init(&ctx);
    cpu_force_portable(1);
    sha256_update(&ctx, m, 300);
    cpu_force_portable(0);
    sha256_update(&ctx, m + 300, 400);
    cpu_force_portable(1);
    sha256_update(&ctx, m + 700, 300);
    sha256_final(&ctx, md);
    cpu_force_portable(0);
    crypto_hash_sha256(theirs, m, sizeof m);
    CU_ASSERT_EQUAL(memcmp(md, theirs, sizeof md), 0);
}


/* ------------------------------------------------------------- AES --- */

/* A key set on path p (0 portable, 1 AES instructions); says which it got. */
static void set_key_on_path(aes128_ct_key *key, const uint8_t raw[16], int p)
{
    cpu_force_portable(forcings[p]);
    aes128_ct_set_key(key, raw);
    cpu_force_portable(0);
    CU_ASSERT_EQUAL(key->hw, p);
}

/* FIPS 197 C.1 and B both ways, one block and two, on both paths. */
static void test_aes_fips197_both_paths(void)
{
    int paths = hardware_here(CPU_AES, "AES instructions") ? 2 : 1;
    for (int p = 0; p < paths; p++) {
        vec_file *v = vec_open("aes_fips197.txt");
        if (v == NULL)
            return;
        while (vec_next(v)) {
            size_t klen, plen, clen;
            uint8_t *raw = vec_hex(v, "key", &klen);
            uint8_t *pt = vec_hex(v, "plaintext", &plen);
            uint8_t *ct = vec_hex(v, "ciphertext", &clen);
            aes128_ct_key key;
            uint8_t out[16], two[32];
            set_key_on_path(&key, raw, p);
            aes128_ct_encrypt_block(&key, pt, out);
            ASSERT_HEX_EQ(out, 16, vec_get(v, "ciphertext"));
            aes128_ct_decrypt_block(&key, ct, out);
            ASSERT_HEX_EQ(out, 16, vec_get(v, "plaintext"));
            memcpy(two, pt, 16);
            memcpy(two + 16, pt, 16);
            aes128_ct_encrypt2(&key, two, two);
            ASSERT_HEX_EQ(two + 16, 16, vec_get(v, "ciphertext"));
            aes128_ct_decrypt2(&key, two, two);
            ASSERT_HEX_EQ(two, 16, vec_get(v, "plaintext"));
            aes128_ct_wipe(&key);
            free(raw);
            free(pt);
            free(ct);
        }
        CU_ASSERT_EQUAL(v->count, 2);
        vec_close(v);
    }
}

/* SP 800-38A F.2.1/F.2.2 (CBC) and F.5.1/F.5.2 (CTR), both ways, on both
 * paths. */
static void test_aes_modes_both_paths(void)
{
    int paths = hardware_here(CPU_AES, "AES instructions") ? 2 : 1;
    for (int p = 0; p < paths; p++) {
        vec_file *v = vec_open("aes_modes_sp800_38a.txt");
        if (v == NULL)
            return;
        while (vec_next(v)) {
            size_t klen, ivlen, plen, clen;
            uint8_t *raw = vec_hex(v, "key", &klen);
            uint8_t *iv = vec_hex(v, "iv", &ivlen);
            uint8_t *pt = vec_hex(v, "plaintext", &plen);
            uint8_t *ct = vec_hex(v, "ciphertext", &clen);
            int cbc = strcmp(vec_get(v, "mode"), "cbc") == 0;
            aes128_ct_key key;
            uint8_t out[64];
            CU_ASSERT_EQUAL_FATAL(plen, sizeof out);
            set_key_on_path(&key, raw, p);
            if (cbc) {
                CU_ASSERT_EQUAL(aes128_ct_cbc_encrypt(&key, iv, pt, out, plen), SEE_OK);
                ASSERT_HEX_EQ(out, plen, vec_get(v, "ciphertext"));
                CU_ASSERT_EQUAL(aes128_ct_cbc_decrypt(&key, iv, ct, out, clen), SEE_OK);
                ASSERT_HEX_EQ(out, clen, vec_get(v, "plaintext"));
            } else {
                aes128_ct_ctr_xor(&key, iv, pt, out, plen);
                ASSERT_HEX_EQ(out, plen, vec_get(v, "ciphertext"));
                aes128_ct_ctr_xor(&key, iv, ct, out, clen);
                ASSERT_HEX_EQ(out, clen, vec_get(v, "plaintext"));
            }
            aes128_ct_wipe(&key);
            free(raw);
            free(iv);
            free(pt);
            free(ct);
        }
        CU_ASSERT_EQUAL(v->count, 2);
        vec_close(v);
    }
}

/* Every length 0..1024 with a random key and IV: CTR, CBC both ways
 * (lengths not a multiple of 16 refused by both), one and two blocks, in
 * place and not: the hardware path gives the portable path's bytes. */
static void test_aes_every_length(void)
{
    if (!hardware_here(CPU_AES, "AES instructions"))
        return;
    static uint8_t m[1024], out[2][1024], back[1024];
    int mismatches = 0;
    for (size_t len = 0; len <= sizeof m; len++) {
        uint8_t raw[16], iv[16];
        randombytes_buf(raw, sizeof raw);
        randombytes_buf(iv, sizeof iv);
        randombytes_buf(m, len);
        aes128_ct_key key[2];
        see_status cbc_st[2];
        for (int p = 0; p < 2; p++)
            set_key_on_path(&key[p], raw, p);

        for (int p = 0; p < 2; p++)
            aes128_ct_ctr_xor(&key[p], iv, m, out[p], len);
        mismatches += memcmp(out[0], out[1], len) != 0;

        for (int p = 0; p < 2; p++)
            cbc_st[p] = aes128_ct_cbc_encrypt(&key[p], iv, m, out[p], len);
        mismatches += cbc_st[0] != cbc_st[1];
        if (len % 16 == 0) {
            mismatches += cbc_st[0] != SEE_OK || memcmp(out[0], out[1], len) != 0;
            /* decryption on the hardware path, in place, of the portable
             * path's ciphertext */
            memcpy(back, out[0], len);
            mismatches += aes128_ct_cbc_decrypt(&key[1], iv, back, back, len) != SEE_OK;
            mismatches += memcmp(back, m, len) != 0;
        } else {
            mismatches += cbc_st[0] != SEE_ERR_BLOCK_LENGTH;
            mismatches += aes128_ct_cbc_decrypt(&key[1], iv, m, back, len) !=
                          SEE_ERR_BLOCK_LENGTH;
        }

        if (len >= 32) {
            for (int p = 0; p < 2; p++)
                aes128_ct_encrypt2(&key[p], m, out[p]);
            mismatches += memcmp(out[0], out[1], 32) != 0;
            for (int p = 0; p < 2; p++)
                aes128_ct_decrypt_block(&key[p], m, out[p]);
            mismatches += memcmp(out[0], out[1], 16) != 0;
        }
        aes128_ct_wipe(&key[0]);
        aes128_ct_wipe(&key[1]);
    }
    CU_ASSERT_EQUAL(mismatches, 0);
}

/* CTR's 128-bit counter carrying out of its low 64 bits, and wrapping from
 * all ones to zero, on both paths. */
static void test_aes_ctr_carries(void)
{
    if (!hardware_here(CPU_AES, "AES instructions"))
        return;
    static const uint8_t ivs[3][16] = {
        {0, 0, 0, 0, 0, 0, 0, 7, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfd},
        {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
         0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe},
        {1, 2, 3, 4, 5, 6, 7, 8, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff},
    };
    uint8_t raw[16], m[200], out[2][200];
    randombytes_buf(raw, sizeof raw);
    randombytes_buf(m, sizeof m);
    aes128_ct_key key[2];
    for (int p = 0; p < 2; p++)
        set_key_on_path(&key[p], raw, p);
    for (int i = 0; i < 3; i++) {
        for (int p = 0; p < 2; p++)
            aes128_ct_ctr_xor(&key[p], ivs[i], m, out[p], sizeof m);
        CU_ASSERT_EQUAL(memcmp(out[0], out[1], sizeof m), 0);
    }
}

/* ------------------------------------------------------------- GCM --- */

/* GCM's key on one of three paths: 0 all portable, 1 all hardware (AES
 * and carry-less multiply), 2 AES instructions with the portable GHASH. */
static int gcm_paths_here(void)
{
    int aes = hardware_here(CPU_AES, "AES instructions");
    int pclmul = hardware_here(CPU_CLMUL, "carry-less multiply");
    return aes && pclmul ? 3 : 1;
}

static void gcm_set_key_on_path(aes128_gcm_key *key, const uint8_t *raw, int p)
{
    cpu_force_portable(p == 0);
    CU_ASSERT_EQUAL(aes128_gcm_set_key(key, raw, 16), SEE_OK);
    cpu_force_portable(0);
    if (p == 2)
        key->ghash_hw = 0;
    CU_ASSERT_EQUAL(key->aes.hw, p != 0);
    CU_ASSERT_EQUAL(key->ghash_hw, p == 1);
}

/* McGrew-Viega test cases 1-4: H, seal and open on each path. */
static void test_gcm_mcgrew_viega_all_paths(void)
{
    int paths = gcm_paths_here();
    for (int p = 0; p < paths; p++) {
        vec_file *v = vec_open("gcm_mcgrew_viega.txt");
        if (v == NULL)
            return;
        while (vec_next(v)) {
            size_t klen, ivlen, alen, plen, clen, tlen;
            uint8_t *raw = vec_hex(v, "key", &klen);
            uint8_t *iv = vec_hex(v, "iv", &ivlen);
            uint8_t *aad = vec_hex(v, "aad", &alen);
            uint8_t *pt = vec_hex(v, "plaintext", &plen);
            uint8_t *ct = vec_hex(v, "ciphertext", &clen);
            uint8_t *tag = vec_hex(v, "tag", &tlen);
            uint8_t sealed[128], opened[128];
            CU_ASSERT_FATAL(plen + 16 <= sizeof sealed);
            CU_ASSERT_EQUAL_FATAL(klen, 16);
            aes128_gcm_key key;
            gcm_set_key_on_path(&key, raw, p);
            ASSERT_HEX_EQ(key.h, 16, vec_get(v, "h"));
            CU_ASSERT_EQUAL(aes128_gcm_seal(&key, iv, ivlen, aad, alen, pt, plen,
                                            sealed, sizeof sealed), SEE_OK);
            ASSERT_HEX_EQ(sealed, plen, vec_get(v, "ciphertext"));
            ASSERT_HEX_EQ(sealed + plen, 16, vec_get(v, "tag"));
            CU_ASSERT_EQUAL(aes128_gcm_open(&key, iv, ivlen, aad, alen, sealed,
                                            plen + 16, opened, sizeof opened), SEE_OK);
            CU_ASSERT_EQUAL(memcmp(opened, pt, plen), 0);
            aes128_gcm_wipe(&key);
            free(raw);
            free(iv);
            free(aad);
            free(pt);
            free(ct);
            free(tag);
        }
        CU_ASSERT_EQUAL(v->count, 4);
        vec_close(v);
    }
}

/* GHASH alone: the hardware's against gcm.c's on a random H, every
 * ciphertext length 0..1024 (the four-block loop, the single blocks, a
 * partial last block), a random AAD of 0..80 bytes; and H = 0, 1, all
 * ones. */
static void test_ghash_every_length(void)
{
    if (!hardware_here(CPU_CLMUL, "carry-less multiply"))
        return;
#if HW_PATHS   /* else hardware_here said no */
    static uint8_t c[1024];
    uint8_t aad[80], h[16], ours[16], portable[16];
    int mismatches = 0;
    for (size_t len = 0; len <= sizeof c; len++) {
        size_t aad_len = randombytes_uniform(sizeof aad + 1);
        randombytes_buf(h, sizeof h);
        if (len < 3) {   /* H = 0, 1 (bit 0 is byte 0's top bit), all ones */
            memset(h, len == 2 ? 0xff : 0, sizeof h);
            if (len == 1)
                h[0] = 0x80;
        }
        randombytes_buf(aad, aad_len);
        randombytes_buf(c, len);
        ghash_hw_key key;
        ghash_hw_set_key(&key, h);
        ghash_hw_compute(&key, aad, aad_len, c, len, ours);
        gcm_ghash(h, aad, aad_len, c, len, portable);
        mismatches += memcmp(ours, portable, 16) != 0;
    }
    CU_ASSERT_EQUAL(mismatches, 0);
#endif
}

/* Every message length 0..1024 with a random AAD of 0..40 bytes, random
 * key and IV: the three paths seal to the same bytes, each opens
 * another's, and refuses it with a bit flipped. */
static void test_gcm_every_length(void)
{
    int paths = gcm_paths_here();
    if (paths == 1)
        return;
    static uint8_t m[1024], sealed[3][1024 + 16], opened[1024];
    int mismatches = 0;
    for (size_t len = 0; len <= sizeof m; len++) {
        uint8_t raw[16], iv[12], aad[40];
        size_t aad_len = randombytes_uniform(sizeof aad + 1);
        randombytes_buf(raw, sizeof raw);
        randombytes_buf(iv, sizeof iv);
        randombytes_buf(aad, aad_len);
        randombytes_buf(m, len);
        aes128_gcm_key key[3];
        for (int p = 0; p < 3; p++) {
            gcm_set_key_on_path(&key[p], raw, p);
            mismatches += aes128_gcm_seal(&key[p], iv, sizeof iv, aad, aad_len, m, len,
                                          sealed[p], sizeof sealed[p]) != SEE_OK;
        }
        mismatches += memcmp(sealed[0], sealed[1], len + 16) != 0;
        mismatches += memcmp(sealed[0], sealed[2], len + 16) != 0;
        /* each path opens the next one's, and refuses it with a bit flipped */
        for (int p = 0; p < 3; p++) {
            uint8_t *theirs = sealed[(p + 1) % 3];
            mismatches += aes128_gcm_open(&key[p], iv, sizeof iv, aad, aad_len,
                                          theirs, len + 16, opened,
                                          sizeof opened) != SEE_OK;
            mismatches += memcmp(opened, m, len) != 0;
            size_t bit = randombytes_uniform((uint32_t)(len + 16) * 8);
            theirs[bit / 8] ^= (uint8_t)(1u << (bit % 8));
            mismatches += aes128_gcm_open(&key[p], iv, sizeof iv, aad, aad_len,
                                          theirs, len + 16, opened,
                                          sizeof opened) != SEE_ERR_AEAD_TAG;
            theirs[bit / 8] ^= (uint8_t)(1u << (bit % 8));
        }
        for (int p = 0; p < 3; p++)
            aes128_gcm_wipe(&key[p]);
    }
    CU_ASSERT_EQUAL(mismatches, 0);
}

/* -------------------------------------------------------- ChaCha20 --- */

/* The bytes a published vector gives, found at every block of a group:
 * its message at block k of a 2048-byte one that starts at block
 * counter - k (k = 0..counter, at most 15: every lane of the first two
 * groups of eight, or four of four), the rest zeros. Mismatches. */
static int chacha20_vector_on_lanes(const uint8_t *key, uint32_t counter,
                                    const uint8_t *nonce, const uint8_t *pt,
                                    const char *expected_hex, size_t len)
{
    static uint8_t m[2048], out[2048];
    int mismatches = 0;
    CU_ASSERT_FATAL(64 * 15 + len <= sizeof m);
    for (uint32_t k = 0; k <= counter && k < 16; k++) {
        memset(m, 0, sizeof m);
        memcpy(m + 64 * k, pt, len);
        if (chacha20_xor(key, counter - k, nonce, m, out, sizeof m) != SEE_OK)
            return mismatches + 1;
        char *hex = malloc(2 * len + 1);
        CU_ASSERT_FATAL(hex != NULL);
        for (size_t i = 0; i < len; i++)
            snprintf(hex + 2 * i, 3, "%02x", out[64 * k + i]);
        mismatches += strcmp(hex, expected_hex) != 0;
        free(hex);
    }
    return mismatches;
}

/* RFC 8439 2.3.2 and A.1 (one block of keystream each), 2.4.2 and A.2
 * #1-#3 (encryptions of 64 to 375 bytes), on each path; each on every
 * lane its counter allows (A.2 #3, block 42: all of them). */
static void test_chacha20_rfc8439_both_paths(void)
{
    int paths = hardware_here(CPU_SIMD, "SIMD (AVX2, NEON)") ? 2 : 1;
    for (int p = 0; p < paths; p++) {
        cpu_force_portable(forcings[p]);
        vec_file *v = vec_open("chacha20_rfc8439.txt");
        if (v == NULL)
            break;
        int checked = 0, mismatches = 0;
        while (vec_next(v)) {
            const char *op = vec_get(v, "op");
            if (strcmp(op, "quarter_round") == 0)
                continue;
            size_t key_len, nonce_len, len;
            uint8_t *key = vec_hex(v, "key", &key_len);
            uint8_t *nonce = vec_hex(v, "nonce", &nonce_len);
            uint32_t counter = (uint32_t)strtoul(vec_get(v, "counter"), NULL, 10);
            CU_ASSERT_FATAL(key_len == 32 && nonce_len == 12);
            if (strcmp(op, "block") == 0) {
                static const uint8_t zeros[64];
                mismatches += chacha20_vector_on_lanes(key, counter, nonce, zeros,
                                                       vec_get(v, "keystream"), 64);
            } else {
                uint8_t *pt = vec_hex(v, "plaintext", &len);
                mismatches += chacha20_vector_on_lanes(key, counter, nonce, pt,
                                                       vec_get(v, "ciphertext"), len);
                free(pt);
            }
            checked++;
            free(key);
            free(nonce);
        }
        CU_ASSERT_EQUAL(checked, 10);
        CU_ASSERT_EQUAL(mismatches, 0);
        vec_close(v);
    }
    cpu_force_portable(0);
}

/* Every length 0..1024 (whole groups, a tail of every size, and nothing
 * but a tail) under a random key, nonce and first block: the two paths
 * and libsodium's crypto_stream_chacha20_ietf_xor_ic give the same bytes,
 * and the vector path decrypts the portable path's ciphertext in place. */
static void test_chacha20_every_length(void)
{
    int hw = hardware_here(CPU_SIMD, "SIMD (AVX2, NEON)");
    static uint8_t m[1024], out[2][1024], theirs[1024];
    int mismatches = 0;
    for (size_t len = 0; len <= sizeof m; len++) {
        uint8_t key[32], nonce[12];
        randombytes_buf(key, sizeof key);
        randombytes_buf(nonce, sizeof nonce);
        randombytes_buf(m, len);
        /* any first block that leaves room for 16 */
        uint32_t counter = randombytes_uniform(UINT32_MAX - 15);
        for (int p = 0; p < (hw ? 2 : 1); p++) {
            cpu_force_portable(forcings[p]);
            mismatches += chacha20_xor(key, counter, nonce, m, out[p], len) != SEE_OK;
        }
        crypto_stream_chacha20_ietf_xor_ic(theirs, m, len, nonce, counter, key);
        mismatches += memcmp(out[0], theirs, len) != 0;
        if (hw) {
            mismatches += memcmp(out[1], theirs, len) != 0;
            mismatches += chacha20_xor(key, counter, nonce, out[0], out[0], len) != SEE_OK;
            mismatches += memcmp(out[0], m, len) != 0;
        }
    }
    cpu_force_portable(0);
    CU_ASSERT_EQUAL(mismatches, 0);
}

/* The last blocks before the 32-bit counter runs out (RFC 8439 2.4): a
 * message that ends exactly at block 2^32 - 1 runs on both paths, with
 * libsodium's bytes; one byte past its last block is refused by both,
 * nothing written. */
static void test_chacha20_counter_end(void)
{
    int hw = hardware_here(CPU_SIMD, "SIMD (AVX2, NEON)");
    static uint8_t m[1025], out[2][1025], theirs[1025];
    uint8_t key[32], nonce[12];
    randombytes_buf(key, sizeof key);
    randombytes_buf(nonce, sizeof nonce);
    randombytes_buf(m, sizeof m);
    int mismatches = 0;
    /* 16, 8 and 1 blocks to the end; 9 blocks and a few bytes; 3 blocks
     * and 11 (a rest whose group would pass 2^32 - 1: the one-block code
     * takes it) */
    static const size_t lens[6] = {1024, 512, 64, 520, 192, 700};
    for (int i = 0; i < 6; i++) {
        size_t len = lens[i], blocks = (len + 63) / 64;
        uint32_t counter = (uint32_t)(UINT32_MAX - blocks + 1);
        crypto_stream_chacha20_ietf_xor_ic(theirs, m, len, nonce, counter, key);
        for (int p = 0; p < (hw ? 2 : 1); p++) {
            cpu_force_portable(forcings[p]);
            mismatches += chacha20_xor(key, counter, nonce, m, out[p], len) != SEE_OK;
            mismatches += memcmp(out[p], theirs, len) != 0;
            /* a byte of block 2^32: refused, out untouched */
            memset(out[p], 0xa5, sizeof out[p]);
            mismatches += chacha20_xor(key, counter, nonce, m, out[p],
                                       64 * blocks + 1) != SEE_ERR_ARGUMENT;
            for (size_t j = 0; j < sizeof out[p]; j++)
                mismatches += out[p][j] != 0xa5;
        }
    }
    cpu_force_portable(0);
    CU_ASSERT_EQUAL(mismatches, 0);
}

/* -------------------------------------------------------- Poly1305 --- */

/* The vector path (HW_POLY1305: AVX2 on x86-64) takes runs of
 * POLY1305_VECTOR_MIN_BLOCKS whole blocks (576 bytes) or more; the scalar
 * path is poly1305_44.c here (poly1305_26.c where the compiler has no
 * 128-bit integers; test_chacha20_26 runs that one on this machine too).
 * Path 0 is the scalar code, path 1 the vector one. */
#define VECTOR_MIN_BYTES (POLY1305_VECTOR_MIN_BLOCKS * POLY1305_BLOCK_SIZE)
static int poly1305_paths_here(void)
{
    if (!HW_POLY1305) {
        printf("\n  vector Poly1305: none built for this architecture: checking "
               "the scalar path only\n");
        return 1;
    }
    return hardware_here(CPU_SIMD, "SIMD lanes (vector Poly1305)") ? 2 : 1;
}

static void poly1305_on_path(int p, const uint8_t key[32], const uint8_t *m,
                             size_t len, uint8_t tag[16])
{
    cpu_force_portable(forcings[p]);
    poly1305(key, m, len, tag);
    cpu_force_portable(0);
}

/* RFC 8439 2.5.2 and A.3 #1-#11 with each path forced (all shorter than
 * the lanes take: both run the scalar code); then each vector's key with
 * its message repeated to 576 up to 1300 bytes, every path against
 * libsodium: the RFC's edge cases (#5-#11: sums at and around p, s
 * overflowing 2^128) through the lanes. */
static void test_poly1305_rfc8439_all_paths(void)
{
    int paths = poly1305_paths_here();
    vec_file *v = vec_open("poly1305_rfc8439.txt");
    if (v == NULL)
        return;
    static uint8_t longer[1300];
    int mismatches = 0;
    while (vec_next(v)) {
        size_t key_len, msg_len;
        uint8_t *key = vec_hex(v, "key", &key_len);
        uint8_t *msg = vec_hex(v, "msg", &msg_len);
        CU_ASSERT_FATAL(key_len == 32 && msg_len > 0);
        uint8_t tag[16], theirs[16];
        for (int p = 0; p < paths; p++) {
            poly1305_on_path(p, key, msg, msg_len, tag);
            ASSERT_HEX_EQ(tag, sizeof tag, vec_get(v, "tag"));
        }
        for (size_t len = VECTOR_MIN_BYTES; len <= sizeof longer; len += 37) {
            for (size_t i = 0; i < len; i++)
                longer[i] = msg[i % msg_len];
            crypto_onetimeauth_poly1305(theirs, longer, len, key);
            for (int p = 0; p < paths; p++) {
                poly1305_on_path(p, key, longer, len, tag);
                mismatches += memcmp(tag, theirs, 16) != 0;
            }
        }
        free(key);
        free(msg);
    }
    CU_ASSERT_EQUAL(v->count, 12);
    CU_ASSERT_EQUAL(mismatches, 0);
    vec_close(v);
}

/* Every length 0..1600 with a random key (from 576 on through the lanes,
 * with every count of blocks left to the scalar code): each path against
 * libsodium's crypto_onetimeauth_poly1305; every third length with r and
 * s all ones (r's limbs at their clamped maximum) and an all-0xff message
 * (the largest blocks, the longest carries). */
static void test_poly1305_every_length(void)
{
    int paths = poly1305_paths_here();
    static uint8_t m[1600];
    int mismatches = 0;
    for (size_t len = 0; len <= sizeof m; len++) {
        uint8_t key[32], tag[16], theirs[16];
        if (len % 3 == 0) {
            memset(key, 0xff, sizeof key);
            memset(m, 0xff, len);
        } else {
            randombytes_buf(key, sizeof key);
            randombytes_buf(m, len);
        }
        crypto_onetimeauth_poly1305(theirs, m, len, key);
        for (int p = 0; p < paths; p++) {
            poly1305_on_path(p, key, m, len, tag);
            mismatches += memcmp(tag, theirs, 16) != 0;
        }
    }
    CU_ASSERT_EQUAL(mismatches, 0);
}

/* The streaming API on the vector path: a 2000-byte message split in two
 * updates at every offset, and in three at every offset with a random
 * second cut, against the one-shot scalar tag; then the message across
 * both paths, switched every update of 576..700 bytes (the accumulator
 * passes between the two layouts). */
static void test_poly1305_vector_splits(void)
{
    if (poly1305_paths_here() < 2)
        return;
    static uint8_t m[2000];
    uint8_t key[32], whole[16], parts[16];
    randombytes_buf(key, sizeof key);
    randombytes_buf(m, sizeof m);
    poly1305_on_path(0, key, m, sizeof m, whole);
    int mismatches = 0;
    for (size_t cut = 0; cut <= sizeof m; cut++) {
        size_t second = cut + randombytes_uniform((uint32_t)(sizeof m - cut + 1));
        poly1305_ctx ctx;
        poly1305_init(&ctx, key);
        poly1305_update(&ctx, m, cut);
        poly1305_update(&ctx, m + cut, sizeof m - cut);
        poly1305_final(&ctx, parts);
        mismatches += memcmp(whole, parts, 16) != 0;
        poly1305_init(&ctx, key);
        poly1305_update(&ctx, m, cut);
        poly1305_update(&ctx, m + cut, second - cut);
        poly1305_update(&ctx, m + second, sizeof m - second);
        poly1305_final(&ctx, parts);
        mismatches += memcmp(whole, parts, 16) != 0;
    }
    poly1305_ctx ctx;
    poly1305_init(&ctx, key);
    for (size_t at = 0, p = 0; at < sizeof m; p++) {
        size_t n = VECTOR_MIN_BYTES + randombytes_uniform(125);
        if (n > sizeof m - at)
            n = sizeof m - at;
        cpu_force_portable(forcings[p % 2]);
        poly1305_update(&ctx, m + at, n);
        at += n;
    }
    poly1305_final(&ctx, parts);
    cpu_force_portable(0);
    mismatches += memcmp(whole, parts, 16) != 0;
    CU_ASSERT_EQUAL(mismatches, 0);
}

#if HW_POLY1305
/* r and its powers, as poly1305.c makes them for the vector path. */
static void poly1305_r_powers(const uint8_t raw[16], poly1305_limb r[POLY1305_LIMBS],
                              uint32_t powers[20])
{
    uint8_t clamped[16];
    memcpy(clamped, raw, 16);
    for (int i = 3; i < 16; i += 4)
        clamped[i] &= 15;
    for (int i = 4; i < 16; i += 4)
        clamped[i] &= 252;
    poly1305_limbs_from_bytes(r, clamped);
    poly1305_limb pow[POLY1305_LIMBS];
    memcpy(pow, r, sizeof pow);
    poly1305_limbs_to_26(powers, pow);
    for (int k = 1; k < 4; k++) {
        poly1305_limbs_mul(pow, pow, r);
        poly1305_limbs_to_26(powers + 5 * k, pow);
    }
}
#endif

/* The lanes' arithmetic at its edges, against the scalar code's, limb by
 * limb: accumulators at 0, p - 1, p, p + 1, 2^130 - 1 and with every
 * 26-bit limb at 2^27 - 1 (the most poly1305_hw_blocks accepts), r at its
 * clamped maximum and random, blocks all ones, all zeros and random, for
 * 4, 8, 12 and 64 blocks (one step, two, an odd number, many); each result
 * fully reduced (tags with s = 0). */
static void test_poly1305_lane_edges(void)
{
    if (poly1305_paths_here() < 2)
        return;
#if HW_POLY1305   /* else poly1305_paths_here said no */
    static const uint32_t accs[6][5] = {
        {0, 0, 0, 0, 0},
        {0x3fffffa, 0x3ffffff, 0x3ffffff, 0x3ffffff, 0x3ffffff}, /* p - 1 */
        {0x3fffffb, 0x3ffffff, 0x3ffffff, 0x3ffffff, 0x3ffffff}, /* p */
        {0x3fffffc, 0x3ffffff, 0x3ffffff, 0x3ffffff, 0x3ffffff}, /* p + 1 */
        {0x3ffffff, 0x3ffffff, 0x3ffffff, 0x3ffffff, 0x3ffffff}, /* 2^130 - 1 */
        {0x7ffffff, 0x7ffffff, 0x7ffffff, 0x7ffffff, 0x7ffffff}, /* each 2^27 - 1 */
    };
    static const size_t counts[4] = {4, 8, 12, 64};
    static uint8_t m[64 * 16];
    int mismatches = 0;
    for (int key_kind = 0; key_kind < 2; key_kind++) {
        uint8_t raw[16];
        if (key_kind == 0)
            memset(raw, 0xff, sizeof raw);
        else
            randombytes_buf(raw, sizeof raw);
        poly1305_limb r[POLY1305_LIMBS];
        uint32_t powers[20];
        poly1305_r_powers(raw, r, powers);
        for (int a = 0; a < 6; a++) {
            for (int fill = 0; fill < 3; fill++) {
                if (fill < 2)
                    memset(m, fill == 0 ? 0xff : 0, sizeof m);
                else
                    randombytes_buf(m, sizeof m);
                for (int c = 0; c < 4; c++) {
                    uint32_t lanes[5], words[2][4];
                    poly1305_limb acc[POLY1305_LIMBS];
                    poly1305_limbs_from_26(acc, accs[a]);
                    poly1305_limbs_blocks(acc, r, m, counts[c], 1);
                    poly1305_limbs_to_words(words[0], acc);
                    memcpy(lanes, accs[a], sizeof lanes);
                    poly1305_hw_blocks(lanes, powers, m, counts[c]);
                    for (int i = 0; i < 5; i++)
                        mismatches += lanes[i] >= (1u << 26) + (i == 1 ? 1u << 10 : 0);
                    poly1305_limbs_from_26(acc, lanes);
                    poly1305_limbs_to_words(words[1], acc);
                    mismatches += memcmp(words[0], words[1], sizeof words[0]) != 0;
                }
            }
        }
    }
    CU_ASSERT_EQUAL(mismatches, 0);
#endif
}

static CU_TestInfo tests[] = {
    {"path names and the forcing", test_path_names},
    {"SHA-256: FIPS 180-4 examples, both paths", test_sha256_fips180_both_paths},
    {"SHA-256: every length 0..1024, both paths and libsodium", test_sha256_every_length},
    {"SHA-256: a message across both paths", test_sha256_switch_midway},
    {"AES-128: FIPS 197 C.1 and B, both paths", test_aes_fips197_both_paths},
    {"AES-128: SP 800-38A CBC and CTR, both paths", test_aes_modes_both_paths},
    {"AES-128: every length 0..1024, CTR, CBC, blocks, both paths", test_aes_every_length},
    {"AES-128: CTR counter carries and wraps, both paths", test_aes_ctr_carries},
    {"GCM: McGrew-Viega 1-4, each path", test_gcm_mcgrew_viega_all_paths},
    {"GHASH: every length 0..1024, random AAD, hardware vs portable", test_ghash_every_length},
    {"GCM: every length 0..1024, random AAD, each path", test_gcm_every_length},
    {"ChaCha20: RFC 8439 vectors on every lane, both paths", test_chacha20_rfc8439_both_paths},
    {"ChaCha20: every length 0..1024, both paths and libsodium", test_chacha20_every_length},
    {"ChaCha20: the last blocks of the 32-bit counter, both paths", test_chacha20_counter_end},
    {"Poly1305: RFC 8439 2.5.2 and A.3, each path; their keys through the lanes",
     test_poly1305_rfc8439_all_paths},
    {"Poly1305: every length 0..1600, each path vs libsodium", test_poly1305_every_length},
    {"Poly1305: vector path split at every offset, and across paths",
     test_poly1305_vector_splits},
    {"Poly1305: the lanes at their edges vs the scalar limbs", test_poly1305_lane_edges},
    CU_TEST_INFO_NULL,
};

int main(void)
{
    if (sodium_init() < 0)
        return 1;
    return run_suite("hw_paths", tests);
}
