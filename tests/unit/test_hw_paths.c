/*
 * test_hw_paths.c: every hardware path (crypto/NAME_x86.c, chosen at run
 * time by core/cpu.h) against the portable code beside it: the published
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
                           : "this CPU lacks it: checking the portable path only");
    return 0;
}

/* ------------------------------------------------------------- cpu --- */

static void test_path_names(void)
{
    cpu_force_portable(1);
    CU_ASSERT_FALSE(cpu_has(CPU_SHANI));
    CU_ASSERT_STRING_EQUAL(cpu_path_name(CPU_SHANI), "portable");
    CU_ASSERT_STRING_EQUAL(cpu_path_name(CPU_AESNI), "portable");
    cpu_force_portable(0);
    const char *no_asm = getenv("SEETLS_NO_ASM");
    int env_forced = no_asm != NULL && strcmp(no_asm, "1") == 0;
    CU_ASSERT_EQUAL(cpu_has(CPU_SHANI), !env_forced && cpu_supports(CPU_SHANI));
    CU_ASSERT_STRING_EQUAL(cpu_path_name(CPU_SHANI),
                           cpu_has(CPU_SHANI) ? "sha-ni" : "portable");
    CU_ASSERT_STRING_EQUAL(cpu_path_name(CPU_AESNI),
                           cpu_has(CPU_AESNI) ? "aes-ni" : "portable");
    CU_ASSERT_STRING_EQUAL(cpu_path_name(CPU_PCLMUL),
                           cpu_has(CPU_PCLMUL) ? "pclmulqdq" : "portable");
}

/* --------------------------------------------------------- SHA-256 --- */

static void test_sha256_fips180_both_paths(void)
{
    int paths = hardware_here(CPU_SHANI, "sha-ni") ? 2 : 1;
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
    int hw = hardware_here(CPU_SHANI, "sha-ni");
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
    if (!hardware_here(CPU_SHANI, "sha-ni"))
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

static CU_TestInfo tests[] = {
    {"path names and the forcing", test_path_names},
    {"SHA-256: FIPS 180-4 examples, both paths", test_sha256_fips180_both_paths},
    {"SHA-256: every length 0..1024, both paths and libsodium", test_sha256_every_length},
    {"SHA-256: a message across both paths", test_sha256_switch_midway},
    CU_TEST_INFO_NULL,
};

int main(void)
{
    if (sodium_init() < 0)
        return 1;
    return run_suite("hw_paths", tests);
}
