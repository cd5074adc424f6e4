/*
 * test_hmac.c: HMAC-SHA256 against RFC 4231 test cases 1-7, libsodium's
 * tags for every key length 0..200, the streaming API split at every offset
 * and fed byte by byte, and libsodium's crypto_auth_hmacsha256 on random
 * keys of random lengths and random messages in random pieces.
 */
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "crypto/hmac.h"
#include "tests/unit/harness.h"
#include "tests/unit/libsodium_vectors.h"

/* RFC 4231 section 4; case 5 compares only its 128-bit truncation. */
static void test_rfc4231(void)
{
    vec_file *v = vec_open("hmac_sha256_rfc4231.txt");
    if (v == NULL)
        return;
    while (vec_next(v)) {
        size_t key_len, data_len, mac_len;
        uint8_t *key = vec_hex(v, "key", &key_len);
        uint8_t *data = vec_hex(v, "data", &data_len);
        uint8_t *mac = vec_hex(v, "mac", &mac_len);
        uint8_t tag[HMAC_SHA256_SIZE];
        hmac_sha256(key, key_len, data, data_len, tag);
        CU_ASSERT(mac_len == 32 || (mac_len == 16 &&
                                    strcmp(vec_get(v, "case"), "5") == 0));
        ASSERT_HEX_EQ(tag, mac_len, vec_get(v, "mac"));
        free(key);
        free(data);
        free(mac);
    }
    CU_ASSERT_EQUAL(v->count, 7);
    vec_close(v);
}

/* vectors/hmac_sha256_libsodium.txt: two messages per key length 0..200. */
static void test_libsodium_file(void)
{
    vec_file *v = vec_open("hmac_sha256_libsodium.txt");
    if (v == NULL)
        return;
    uint8_t key[200], msg[1200];
    while (vec_next(v)) {
        size_t key_len = strtoul(vec_get(v, "key_len"), NULL, 10);
        size_t msg_len = strtoul(vec_get(v, "msg_len"), NULL, 10);
        CU_ASSERT_FATAL(key_len <= sizeof key && msg_len <= sizeof msg);
        vec_fill_key(key, key_len);
        vec_fill_message(msg, msg_len);
        uint8_t tag[HMAC_SHA256_SIZE];
        hmac_sha256(key, key_len, msg, msg_len, tag);
        ASSERT_HEX_EQ(tag, sizeof tag, vec_get(v, "mac"));
    }
    CU_ASSERT_EQUAL(v->count, 402);
    vec_close(v);
}

/* Every split of a 300-byte message into two updates, for keys shorter
 * than, equal to and longer than the 64-byte block. */
static void test_every_split(void)
{
    static const size_t key_lengths[] = {0, 20, 64, 65, 131};
    uint8_t key[131], msg[300];
    vec_fill_message(msg, sizeof msg);
    for (size_t k = 0; k < sizeof key_lengths / sizeof key_lengths[0]; k++) {
        size_t key_len = key_lengths[k];
        vec_fill_key(key, key_len);
        uint8_t whole[HMAC_SHA256_SIZE], parts[HMAC_SHA256_SIZE];
        hmac_sha256(key, key_len, msg, sizeof msg, whole);
        for (size_t split = 0; split <= sizeof msg; split++) {
            hmac_sha256_ctx ctx;
            hmac_sha256_init(&ctx, key, key_len);
            hmac_sha256_update(&ctx, msg, split);
            hmac_sha256_update(&ctx, msg + split, sizeof msg - split);
            hmac_sha256_final(&ctx, parts);
            CU_ASSERT_EQUAL(memcmp(whole, parts, sizeof whole), 0);
        }
    }
}

static void test_byte_at_a_time(void)
{
    uint8_t key[70], msg[200] = {0};
    vec_fill_key(key, sizeof key);
    for (size_t len = 0; len <= sizeof msg; len++) {
        vec_fill_message(msg, len);
        uint8_t whole[HMAC_SHA256_SIZE], bytes[HMAC_SHA256_SIZE];
        hmac_sha256(key, sizeof key, msg, len, whole);
        hmac_sha256_ctx ctx;
        hmac_sha256_init(&ctx, key, sizeof key);
        for (size_t i = 0; i < len; i++)
            hmac_sha256_update(&ctx, msg + i, 1);
        hmac_sha256_final(&ctx, bytes);
        CU_ASSERT_EQUAL(memcmp(whole, bytes, sizeof whole), 0);
    }
}

/* RFC 2104: a key longer than the block is replaced by its hash, so the
 * two must give the same tag; a shorter key is zero-padded, so appending
 * zero bytes up to the block length changes nothing either. */
static void test_key_rules(void)
{
    uint8_t long_key[100], hashed[SHA256_DIGEST_SIZE], padded[64] = {0};
    vec_fill_key(long_key, sizeof long_key);
    sha256(long_key, sizeof long_key, hashed);
    uint8_t a[HMAC_SHA256_SIZE], b[HMAC_SHA256_SIZE];
    hmac_sha256(long_key, sizeof long_key, "msg", 3, a);
    hmac_sha256(hashed, sizeof hashed, "msg", 3, b);
    CU_ASSERT_EQUAL(memcmp(a, b, sizeof a), 0);

    memcpy(padded, "key", 3);
    hmac_sha256("key", 3, "msg", 3, a);
    hmac_sha256(padded, sizeof padded, "msg", 3, b);
    CU_ASSERT_EQUAL(memcmp(a, b, sizeof a), 0);
    /* ... but 65 bytes is over the block and is hashed: different tag */
    uint8_t over[65] = {0};
    memcpy(over, "key", 3);
    hmac_sha256(over, sizeof over, "msg", 3, b);
    CU_ASSERT_NOT_EQUAL(memcmp(a, b, sizeof a), 0);
}

static void test_final_wipes(void)
{
    hmac_sha256_ctx ctx;
    uint8_t tag[HMAC_SHA256_SIZE];
    hmac_sha256_init(&ctx, "key", 3);
    hmac_sha256_update(&ctx, "data", 4);
    hmac_sha256_final(&ctx, tag);
    static const hmac_sha256_ctx zero;
    CU_ASSERT_EQUAL(memcmp(&ctx, &zero, sizeof ctx), 0);
}

/* Random keys of 0..300 bytes and random messages, fed in random pieces,
 * against libsodium's streaming HMAC-SHA256 (any key length). */
static void test_differential_libsodium(void)
{
    CU_ASSERT_FATAL(sodium_init() >= 0);
    enum { MAX_KEY = 300, MAX_LEN = 3000, ROUNDS = 2000 };
    uint8_t key[MAX_KEY], *msg = malloc(MAX_LEN);
    CU_ASSERT_FATAL(msg != NULL);
    int mismatches = 0;
    for (int round = 0; round < ROUNDS; round++) {
        size_t key_len = randombytes_uniform(MAX_KEY + 1);
        size_t len = randombytes_uniform(MAX_LEN + 1);
        randombytes_buf(key, key_len);
        randombytes_buf(msg, len);

        uint8_t theirs[crypto_auth_hmacsha256_BYTES], ours[HMAC_SHA256_SIZE];
        crypto_auth_hmacsha256_state st;
        crypto_auth_hmacsha256_init(&st, key, key_len);
        crypto_auth_hmacsha256_update(&st, msg, len);
        crypto_auth_hmacsha256_final(&st, theirs);

        hmac_sha256_ctx ctx;
        hmac_sha256_init(&ctx, key, key_len);
        size_t done = 0;
        while (done < len) {
            size_t piece = randombytes_uniform(200);
            if (piece > len - done)
                piece = len - done;
            hmac_sha256_update(&ctx, msg + done, piece);
            done += piece;
        }
        hmac_sha256_final(&ctx, ours);
        if (memcmp(ours, theirs, sizeof ours) != 0)
            mismatches++;
    }
    CU_ASSERT_EQUAL(mismatches, 0);
    free(msg);
}

/* libsodium's one-shot API, for its 32-byte keys. */
static void test_libsodium_one_shot(void)
{
    CU_ASSERT_FATAL(sodium_init() >= 0);
    uint8_t key[crypto_auth_hmacsha256_KEYBYTES], msg[100];
    for (int round = 0; round < 100; round++) {
        randombytes_buf(key, sizeof key);
        size_t len = randombytes_uniform(sizeof msg + 1);
        randombytes_buf(msg, len);
        uint8_t theirs[crypto_auth_hmacsha256_BYTES], ours[HMAC_SHA256_SIZE];
        crypto_auth_hmacsha256(theirs, msg, len, key);
        hmac_sha256(key, sizeof key, msg, len, ours);
        CU_ASSERT_EQUAL(memcmp(ours, theirs, sizeof ours), 0);
    }
}

static CU_TestInfo tests[] = {
    {"RFC 4231 test cases 1-7", test_rfc4231},
    {"libsodium vectors, key lengths 0..200", test_libsodium_file},
    {"every split into two updates", test_every_split},
    {"byte at a time", test_byte_at_a_time},
    {"RFC 2104 key hashing and padding", test_key_rules},
    {"final wipes the context", test_final_wipes},
    {"differential vs libsodium, random key lengths", test_differential_libsodium},
    {"libsodium one-shot, 32-byte keys", test_libsodium_one_shot},
    CU_TEST_INFO_NULL,
};

int main(void)
{
    return run_suite("hmac", tests);
}
