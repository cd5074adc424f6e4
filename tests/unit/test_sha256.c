/* test_sha256.c: SHA-256 against FIPS 180-4 examples. */
#include <stdlib.h>
#include <string.h>

#include "crypto/sha256.h"
#include "tests/unit/harness.h"

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

static CU_TestInfo tests[] = {
    {"FIPS 180-4 examples", test_fips180_examples},
    {"empty message", test_empty_message},
    CU_TEST_INFO_NULL,
};

int main(void)
{
    return run_suite("sha256", tests);
}
