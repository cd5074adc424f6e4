/*
 * test_sha256.c: SHA-256 against the FIPS 180-4 examples, libsodium's
 * digests of every length 0..1024 and 1 MiB, the streaming API split at
 * every offset and fed byte by byte, and libsodium's crypto_hash_sha256 on
 * random inputs cut into random pieces.
 */
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "crypto/sha256.h"
#include "tests/unit/harness.h"
#include "tests/unit/libsodium_vectors.h"

static void test_fips180_examples(void)
{
    vec_file *v = vec_open("sha256_fips180.txt");
    if (v == NULL)
        return;
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
    CU_ASSERT_EQUAL(v->count, 3);
    vec_close(v);
}

static void test_empty_message(void)
{
    uint8_t md[SHA256_DIGEST_SIZE];
    sha256("", 0, md);
    ASSERT_HEX_EQ(md, sizeof md,
                  "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

/* vectors/sha256_libsodium.txt: 1025 lengths 0..1024, then 1 MiB. */
static void test_libsodium_file(void)
{
    vec_file *v = vec_open("sha256_libsodium.txt");
    if (v == NULL)
        return;
    uint8_t *m = malloc(1 << 20);
    CU_ASSERT_FATAL(m != NULL);
    while (vec_next(v)) {
        size_t len = strtoul(vec_get(v, "len"), NULL, 10);
        CU_ASSERT_FATAL(len <= (1 << 20));
        vec_fill_message(m, len);
        uint8_t md[SHA256_DIGEST_SIZE];
        sha256(m, len, md);
        ASSERT_HEX_EQ(md, sizeof md, vec_get(v, "md"));
    }
    CU_ASSERT_EQUAL(v->count, 1026);
    free(m);
    vec_close(v);
}

static void hash_in_two(const uint8_t *m, size_t len, size_t split,
                        uint8_t md[SHA256_DIGEST_SIZE])
{
    sha256_ctx ctx;
    sha256_init(&ctx);
    sha256_update(&ctx, m, split);
    sha256_update(&ctx, m + split, len - split);
    sha256_final(&ctx, md);
}

/* Every split point of messages around the block and padding boundaries
 * (55/56 bytes is where the length no longer fits the last block). */
static void test_every_split(void)
{
    static const size_t lengths[] = {0, 1, 55, 56, 57, 63, 64, 65, 119,
                                     120, 127, 128, 129, 200, 300};
    uint8_t m[300] = {0};
    for (size_t k = 0; k < sizeof lengths / sizeof lengths[0]; k++) {
        size_t len = lengths[k];
        vec_fill_message(m, len);
        uint8_t whole[SHA256_DIGEST_SIZE], parts[SHA256_DIGEST_SIZE];
        sha256(m, len, whole);
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
        uint8_t whole[SHA256_DIGEST_SIZE], bytes[SHA256_DIGEST_SIZE];
        sha256(m, len, whole);
        sha256_ctx ctx;
        sha256_init(&ctx);
        for (size_t i = 0; i < len; i++)
            sha256_update(&ctx, m + i, 1);
        sha256_final(&ctx, bytes);
        CU_ASSERT_EQUAL(memcmp(whole, bytes, sizeof whole), 0);
    }
}

/* Zero-length updates anywhere must change nothing, also with a NULL
 * pointer (the DRBG passes absent inputs that way). */
static void test_empty_updates(void)
{
    uint8_t m[100], a[SHA256_DIGEST_SIZE], b[SHA256_DIGEST_SIZE];
    vec_fill_message(m, sizeof m);
    sha256(m, sizeof m, a);
    sha256_ctx ctx;
    sha256_init(&ctx);
    sha256_update(&ctx, NULL, 0);
    sha256_update(&ctx, m, 64);
    sha256_update(&ctx, m + 64, 0);
    sha256_update(&ctx, m + 64, 10);
    sha256_update(&ctx, NULL, 0);   /* with a partial block buffered */
    sha256_update(&ctx, m + 74, 26);
    sha256_update(&ctx, m + 100, 0);
    sha256_final(&ctx, b);
    CU_ASSERT_EQUAL(memcmp(a, b, sizeof a), 0);
}

/* sha256_final wipes the context (sha256.h). */
static void test_final_wipes(void)
{
    sha256_ctx ctx;
    uint8_t md[SHA256_DIGEST_SIZE];
    sha256_init(&ctx);
    sha256_update(&ctx, "secret", 6);
    sha256_final(&ctx, md);
    static const sha256_ctx zero;
    CU_ASSERT_EQUAL(memcmp(&ctx, &zero, sizeof ctx), 0);
}

/* Random inputs of random lengths, fed in random pieces, against
 * libsodium's one-shot crypto_hash_sha256. */
static void test_differential_libsodium(void)
{
    CU_ASSERT_FATAL(sodium_init() >= 0);
    enum { MAX_LEN = 5000, ROUNDS = 2000 };
    uint8_t *m = malloc(MAX_LEN);
    CU_ASSERT_FATAL(m != NULL);
    int mismatches = 0;
    for (int round = 0; round < ROUNDS; round++) {
        size_t len = randombytes_uniform(round < 1000 ? 300 : MAX_LEN + 1);
        randombytes_buf(m, len);
        uint8_t ours[SHA256_DIGEST_SIZE], theirs[crypto_hash_sha256_BYTES];
        crypto_hash_sha256(theirs, m, len);

        sha256_ctx ctx;
        sha256_init(&ctx);
        size_t done = 0;
        while (done < len) {
            /* piece sizes 0..130 bytes: partial, whole and multiple blocks */
            size_t piece = randombytes_uniform(131);
            if (piece > len - done)
                piece = len - done;
            sha256_update(&ctx, m + done, piece);
            done += piece;
        }
        sha256_final(&ctx, ours);
        if (memcmp(ours, theirs, sizeof ours) != 0)
            mismatches++;
    }
    CU_ASSERT_EQUAL(mismatches, 0);
    free(m);
}

static CU_TestInfo tests[] = {
    {"FIPS 180-4 examples", test_fips180_examples},
    {"empty message", test_empty_message},
    {"libsodium vectors, lengths 0..1024 and 1 MiB", test_libsodium_file},
    {"every split into two updates", test_every_split},
    {"byte at a time", test_byte_at_a_time},
    {"empty updates change nothing", test_empty_updates},
    {"final wipes the context", test_final_wipes},
    {"differential vs libsodium, random splits", test_differential_libsodium},
    CU_TEST_INFO_NULL,
};

int main(void)
{
    return run_suite("sha256", tests);
}
