/*
 * test_pbkdf2.c: PBKDF2-HMAC-SHA256 (crypto/pbkdf2.h) against RFC 7914
 * section 11's two cases (the second with 80,000 iterations), against its
 * definition (one iteration and one block is one HMAC), a shorter key
 * being the start of a longer one, the refusals, and against the openssl
 * command line (`openssl kdf ... PBKDF2`, an oracle run as a separate
 * program) on random passwords, salts, counts and lengths.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codec/hex.h"
#include "crypto/hmac.h"
#include "crypto/pbkdf2.h"
#include "crypto/random.h"
#include "tests/unit/harness.h"

static void test_rfc7914(void)
{
    vec_file *v = vec_open("pbkdf2_hmac_sha256_rfc7914.txt");
    if (v == NULL)
        return;
    while (vec_next(v)) {
        const char *password = vec_get(v, "password");
        const char *salt = vec_get(v, "salt");
        uint32_t iterations = (uint32_t)strtoul(vec_get(v, "iterations"), NULL, 10);
        uint8_t dk[64];
        CU_ASSERT_EQUAL(pbkdf2_hmac_sha256(password, strlen(password),
                                           (const uint8_t *)salt, strlen(salt),
                                           iterations, dk, sizeof dk), SEE_OK);
        ASSERT_HEX_EQ(dk, sizeof dk, vec_get(v, "dk"));
    }
    CU_ASSERT_EQUAL(v->count, 2);
    vec_close(v);
}

/* RFC 8018 5.2 with c = 1 and one block: DK = HMAC(P, S || 00000001). */
static void test_one_iteration_is_hmac(void)
{
    uint8_t msg[8] = {'s', 'a', 'l', 't', 0, 0, 0, 1}, want[32], dk[32];
    hmac_sha256("key", 3, msg, sizeof msg, want);
    CU_ASSERT_EQUAL(pbkdf2_hmac_sha256("key", 3, msg, 4, 1, dk, sizeof dk), SEE_OK);
    CU_ASSERT_EQUAL(memcmp(dk, want, sizeof dk), 0);
}

/* Every length 0..100 is the start of the 100-byte key (step 4 cuts the
 * last block; the blocks do not depend on dk_len). */
static void test_prefixes(void)
{
    uint8_t full[100], part[100];
    CU_ASSERT_EQUAL(pbkdf2_hmac_sha256("pw", 2, (const uint8_t *)"s", 1, 3,
                                       full, sizeof full), SEE_OK);
    int wrong = 0;
    for (size_t len = 0; len <= sizeof full; len++) {
        memset(part, 0xee, sizeof part);
        CU_ASSERT_EQUAL(pbkdf2_hmac_sha256("pw", 2, (const uint8_t *)"s", 1, 3,
                                           part, len), SEE_OK);
        wrong += memcmp(part, full, len) != 0;
        wrong += len < sizeof part && part[len] != 0xee;
    }
    CU_ASSERT_EQUAL(wrong, 0);
}

static void test_refusals(void)
{
    uint8_t dk[4] = {7, 7, 7, 7};
    CU_ASSERT_EQUAL(pbkdf2_hmac_sha256("pw", 2, NULL, 0, 0, dk, sizeof dk),
                    SEE_ERR_PBKDF2_ITERATIONS);
    CU_ASSERT_EQUAL(dk[0], 7);
#if SIZE_MAX > UINT32_MAX
    size_t too_long = (size_t)UINT32_MAX * 32 + 1;
    CU_ASSERT_EQUAL(pbkdf2_hmac_sha256("pw", 2, NULL, 0, 1, dk, too_long),
                    SEE_ERR_PBKDF2_LENGTH);
    CU_ASSERT_EQUAL(dk[0], 7);
#endif
}

/* openssl kdf's answer for these inputs, into dk (dk_len bytes): 0 on
 * success. It prints the key as hex pairs separated by colons. */
static int openssl_pbkdf2(const uint8_t *pw, size_t pw_len,
                          const uint8_t *salt, size_t salt_len,
                          uint32_t iterations, uint8_t *dk, size_t dk_len)
{
    char pw_hex[2 * 64 + 1], salt_hex[2 * 64 + 1], cmd[600], line[1024];
    see_hex_encode(pw, pw_len, pw_hex);
    see_hex_encode(salt, salt_len, salt_hex);
    snprintf(cmd, sizeof cmd,
             "openssl kdf -keylen %zu -kdfopt digest:SHA256 -kdfopt hexpass:%s "
             "-kdfopt hexsalt:%s -kdfopt iter:%u PBKDF2",
             dk_len, pw_hex, salt_hex, (unsigned)iterations);
    FILE *p = popen(cmd, "r");
    if (p == NULL)
        return -1;
    char *got = fgets(line, sizeof line, p);
    if (pclose(p) != 0 || got == NULL)
        return -1;
    size_t n = 0;
    for (char *c = line; *c != '\0' && *c != '\n' && n < dk_len; c += 3) {
        unsigned byte;
        if (sscanf(c, "%2x", &byte) != 1)
            return -1;
        dk[n++] = (uint8_t)byte;
    }
    return n == dk_len ? 0 : -1;
}

/* 25 random cases: password and salt of 1..64 bytes (openssl's hexpass and
 * hexsalt want at least one), 1..300 iterations, 1..100 bytes of key. */
static void test_equals_openssl(void)
{
    see_rng rng;
    rng_init_seeded(&rng, "test_pbkdf2 openssl", 19);
    int wrong = 0, failed = 0;
    for (int i = 0; i < 25; i++) {
        uint8_t r[4], pw[64], salt[64], ours[100], theirs[100];
        CU_ASSERT_EQUAL(rng_bytes(&rng, r, sizeof r), SEE_OK);
        size_t pw_len = 1 + r[0] % 64, salt_len = 1 + r[1] % 64;
        size_t dk_len = 1 + r[2] % 100;
        uint32_t iterations = 1 + (uint32_t)r[3] + (uint32_t)(r[0] & 0x2c);
        CU_ASSERT_EQUAL(rng_bytes(&rng, pw, pw_len), SEE_OK);
        CU_ASSERT_EQUAL(rng_bytes(&rng, salt, salt_len), SEE_OK);
        CU_ASSERT_EQUAL(pbkdf2_hmac_sha256(pw, pw_len, salt, salt_len,
                                           iterations, ours, dk_len), SEE_OK);
        failed += openssl_pbkdf2(pw, pw_len, salt, salt_len, iterations,
                                 theirs, dk_len) != 0;
        wrong += memcmp(ours, theirs, dk_len) != 0;
    }
    CU_ASSERT_EQUAL(failed, 0);
    CU_ASSERT_EQUAL(wrong, 0);
    rng_wipe(&rng);
}

static CU_TestInfo tests[] = {
    {"RFC 7914 11: both PBKDF2-HMAC-SHA256 cases (c = 1 and c = 80,000)", test_rfc7914},
    {"one iteration and one block is HMAC(P, S || INT(1))", test_one_iteration_is_hmac},
    {"every length 0..100 is the start of the longest key", test_prefixes},
    {"iterations 0 and an over-long key are refused, nothing written", test_refusals},
    {"equals openssl kdf PBKDF2 on 25 random cases", test_equals_openssl},
    CU_TEST_INFO_NULL,
};

int main(void)
{
    return run_suite("pbkdf2", tests);
}
