/*
 * test_sha1.c: SHA-1 against the FIPS 180-4 examples, the openssl command
 * line (openssl dgst -sha1, run as a separate program, never linked) on
 * every length around the block and padding boundaries and on random
 * inputs, the streaming API split at every offset and fed byte by byte,
 * and the context wiped by sha1_final.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crypto/random.h"
#include "crypto/sha1.h"
#include "tests/unit/harness.h"
#include "tests/unit/libsodium_vectors.h"

static void test_fips180_examples(void)
{
    vec_file *v = vec_open("sha1_fips180.txt");
    if (v == NULL)
        return;
    while (vec_next(v)) {
        const char *msg = vec_get(v, "msg");
        long repeat = strtol(vec_get(v, "msg_repeat"), NULL, 10);
        sha1_ctx ctx;
        uint8_t md[SHA1_DIGEST_SIZE];
        sha1_init(&ctx);
        for (long i = 0; i < repeat; i++)
            sha1_update(&ctx, msg, strlen(msg));
        sha1_final(&ctx, md);
        ASSERT_HEX_EQ(md, sizeof md, vec_get(v, "md"));
    }
    CU_ASSERT_EQUAL(v->count, 3);
    vec_close(v);
}

static void test_empty_message(void)
{
    uint8_t md[SHA1_DIGEST_SIZE];
    sha1("", 0, md);
    ASSERT_HEX_EQ(md, sizeof md, "da39a3ee5e6b4b0d3255bfef95601890afd80709");
}

/* ------------------------------------------- openssl dgst as the oracle --- */

enum { ORACLE_MAX_LEN = 3000 };

typedef struct {
    size_t len;
    uint8_t data[ORACLE_MAX_LEN];
} oracle_case;

static void write_case_file(const char *dir, int i, const oracle_case *c)
{
    char path[256];
    snprintf(path, sizeof path, "%s/m%d", dir, i);
    FILE *f = fopen(path, "wb");
    CU_ASSERT_FATAL(f != NULL);
    CU_ASSERT(fwrite(c->data, 1, c->len, f) == c->len);
    fclose(f);
}

/* Our digest of every case next to openssl dgst -sha1 -r's, which prints
 * "HEX *FILE" per file in the order given. Returns how many agreed. */
static int compare_with_openssl(const oracle_case *cases, int count)
{
    char dir[] = "/tmp/seetls_sha1_XXXXXX";
    CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
    for (int i = 0; i < count; i++)
        write_case_file(dir, i, &cases[i]);

    char cmd[512];
    snprintf(cmd, sizeof cmd,
             "cd %s && for i in $(seq 0 %d); do echo m$i; done | "
             "xargs openssl dgst -sha1 -r", dir, count - 1);
    FILE *p = popen(cmd, "r");
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    char line[256];
    int agreed = 0;
    for (int i = 0; i < count && fgets(line, sizeof line, p) != NULL; i++) {
        line[2 * SHA1_DIGEST_SIZE] = '\0';
        uint8_t md[SHA1_DIGEST_SIZE];
        sha1(cases[i].data, cases[i].len, md);
        if (check_hex_eq(md, sizeof md, line, __FILE__, __LINE__))
            agreed++;
    }
    CU_ASSERT_EQUAL(pclose(p), 0);

    char rm[256];
    snprintf(rm, sizeof rm, "rm -rf %s", dir);
    CU_ASSERT_EQUAL(system(rm), 0);
    return agreed;
}

/* Every length 0..200 (55/56 bytes is where the length no longer fits the
 * last block; 63, 64, 65 and 119..129 the block edges), then 1000 random
 * messages of random lengths up to ORACLE_MAX_LEN. */
static void test_against_openssl(void)
{
    enum { EVERY = 201, RANDOM = 1000 };
    oracle_case *cases = malloc((EVERY + RANDOM) * sizeof *cases);
    CU_ASSERT_PTR_NOT_NULL_FATAL(cases);
    see_rng rng;
    rng_init_system(&rng);
    for (int i = 0; i < EVERY + RANDOM; i++) {
        if (i < EVERY) {
            cases[i].len = (size_t)i;
        } else {
            uint8_t r[2];
            CU_ASSERT_EQUAL(rng_bytes(&rng, r, 2), SEE_OK);
            cases[i].len = (size_t)((r[0] << 8) | r[1]) % (ORACLE_MAX_LEN + 1);
        }
        CU_ASSERT_EQUAL(rng_bytes(&rng, cases[i].data, cases[i].len), SEE_OK);
    }
    rng_wipe(&rng);
    CU_ASSERT_EQUAL(compare_with_openssl(cases, EVERY + RANDOM), EVERY + RANDOM);
    free(cases);
}

/* ------------------------------------------------------- streaming --- */

static void hash_in_two(const uint8_t *m, size_t len, size_t split,
                        uint8_t md[SHA1_DIGEST_SIZE])
{
    sha1_ctx ctx;
    sha1_init(&ctx);
    sha1_update(&ctx, m, split);
    sha1_update(&ctx, m + split, len - split);
    sha1_final(&ctx, md);
}

static void test_every_split(void)
{
    static const size_t lengths[] = {0, 1, 55, 56, 57, 63, 64, 65, 119,
                                     120, 127, 128, 129, 200, 300};
    uint8_t m[300] = {0};
    for (size_t k = 0; k < sizeof lengths / sizeof lengths[0]; k++) {
        size_t len = lengths[k];
        vec_fill_message(m, len);
        uint8_t whole[SHA1_DIGEST_SIZE], parts[SHA1_DIGEST_SIZE];
        sha1(m, len, whole);
        for (size_t split = 0; split <= len; split++) {
            hash_in_two(m, len, split, parts);
            CU_ASSERT_EQUAL(memcmp(whole, parts, sizeof whole), 0);
        }
    }
}

static void test_byte_at_a_time(void)
{
    uint8_t m[300] = {0};
    for (size_t len = 0; len <= sizeof m; len++) {
        vec_fill_message(m, len);
        uint8_t whole[SHA1_DIGEST_SIZE], bytes[SHA1_DIGEST_SIZE];
        sha1(m, len, whole);
        sha1_ctx ctx;
        sha1_init(&ctx);
        for (size_t i = 0; i < len; i++)
            sha1_update(&ctx, m + i, 1);
        sha1_final(&ctx, bytes);
        CU_ASSERT_EQUAL(memcmp(whole, bytes, sizeof whole), 0);
    }
}

static void test_empty_updates(void)
{
    uint8_t m[100], a[SHA1_DIGEST_SIZE], b[SHA1_DIGEST_SIZE];
    vec_fill_message(m, sizeof m);
    sha1(m, sizeof m, a);
    sha1_ctx ctx;
    sha1_init(&ctx);
    sha1_update(&ctx, NULL, 0);
    sha1_update(&ctx, m, 64);
    sha1_update(&ctx, m + 64, 10);
    sha1_update(&ctx, NULL, 0);   /* with a partial block buffered */
    sha1_update(&ctx, m + 74, 26);
    sha1_final(&ctx, b);
    CU_ASSERT_EQUAL(memcmp(a, b, sizeof a), 0);
}

/* sha1_final wipes the context (sha1.h). */
static void test_final_wipes(void)
{
    sha1_ctx ctx;
    uint8_t md[SHA1_DIGEST_SIZE];
    sha1_init(&ctx);
    sha1_update(&ctx, "secret", 6);
    sha1_final(&ctx, md);
    static const sha1_ctx zero;
    CU_ASSERT_EQUAL(memcmp(&ctx, &zero, sizeof ctx), 0);
}

static CU_TestInfo tests[] = {
    {"FIPS 180-4 examples", test_fips180_examples},
    {"empty message", test_empty_message},
    {"openssl dgst -sha1: lengths 0..200 and 1000 random inputs", test_against_openssl},
    {"every split into two updates", test_every_split},
    {"byte at a time", test_byte_at_a_time},
    {"empty updates change nothing", test_empty_updates},
    {"final wipes the context", test_final_wipes},
    CU_TEST_INFO_NULL,
};

int main(void)
{
    return run_suite("sha1", tests);
}
