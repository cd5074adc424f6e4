/*
 * test_padding.c: PKCS#7 (RFC 5652 6.3) and TLS 1.2 (RFC 5246 6.2.3.2) CBC
 * padding: worked examples, every length 0..40 round trip, every
 * single-byte mutation of the padding judged like a plain reference check,
 * wrong lengths and small buffers rejected, and the record-layer helpers
 * (padding check with a MAC, constant-time MAC copy).
 */
#include <stdlib.h>
#include <string.h>

#include "crypto/padding.h"
#include "crypto/random.h"
#include "tests/unit/harness.h"

#define MAX_LEN 40
#define BUF_CAP (MAX_LEN + 16 * 17)

/* Plain reference checks, straight from the RFC text, with early exits
 * (fine here: they only judge the constant-time versions). */
static int pkcs7_reference_ok(const uint8_t *buf, size_t len, size_t *data_len)
{
    if (len == 0 || len % 16 != 0)
        return 0;
    size_t n = buf[len - 1];
    if (n < 1 || n > 16)
        return 0;
    for (size_t i = 1; i <= n; i++)
        if (buf[len - i] != n)
            return 0;
    *data_len = len - n;
    return 1;
}

static int tls_reference_ok(const uint8_t *buf, size_t len, size_t mac_len,
                            size_t *content_len)
{
    if (len < mac_len + 1)
        return 0;
    size_t n = buf[len - 1];
    if (n + 1 + mac_len > len)
        return 0;
    for (size_t i = 1; i <= n + 1; i++)
        if (buf[len - i] != n)
            return 0;
    *content_len = len - 1 - n - mac_len;
    return 1;
}

static void test_examples(void)
{
    vec_file *v = vec_open("padding_examples.txt");
    if (v == NULL)
        return;
    while (vec_next(v)) {
        int tls = strcmp(vec_get(v, "form"), "tls") == 0;
        size_t len = (size_t)strtoul(vec_get(v, "data_len"), NULL, 10);
        uint8_t buf[256];
        memset(buf, 0xee, sizeof buf);
        size_t padded = 0, back = 0;
        if (tls) {
            size_t extra = (size_t)strtoul(vec_get(v, "extra_blocks"), NULL, 10);
            CU_ASSERT_EQUAL_FATAL(tls_cbc_pad(buf, len, sizeof buf, extra, &padded), SEE_OK);
            CU_ASSERT_EQUAL(tls_cbc_unpad(buf, padded, &back), SEE_OK);
        } else {
            CU_ASSERT_EQUAL_FATAL(pkcs7_pad(buf, len, sizeof buf, &padded), SEE_OK);
            CU_ASSERT_EQUAL(pkcs7_unpad(buf, padded, &back), SEE_OK);
        }
        ASSERT_HEX_EQ(buf + len, padded - len, vec_get(v, "padding"));
        CU_ASSERT_EQUAL(back, len);
        CU_ASSERT_EQUAL(padded % 16, 0);
    }
    CU_ASSERT_EQUAL(v->count, 10);
    vec_close(v);
}

static void test_round_trip_every_length(void)
{
    see_rng rng;
    rng_init_seeded(&rng, "test_padding", 12);
    for (size_t len = 0; len <= MAX_LEN; len++) {
        uint8_t data[MAX_LEN], buf[BUF_CAP];
        CU_ASSERT_EQUAL(rng_bytes(&rng, data, sizeof data), SEE_OK);

        size_t padded, back = 12345;
        memcpy(buf, data, len);
        CU_ASSERT_EQUAL(pkcs7_pad(buf, len, sizeof buf, &padded), SEE_OK);
        CU_ASSERT_EQUAL(padded, (len / 16 + 1) * 16);
        CU_ASSERT_EQUAL(pkcs7_unpad(buf, padded, &back), SEE_OK);
        CU_ASSERT_EQUAL(back, len);
        CU_ASSERT_EQUAL(memcmp(buf, data, len), 0);

        /* TLS with every allowed amount of extra padding */
        for (size_t extra = 0; extra <= 15; extra++) {
            memcpy(buf, data, len);
            back = 12345;
            CU_ASSERT_EQUAL(tls_cbc_pad(buf, len, sizeof buf, extra, &padded), SEE_OK);
            CU_ASSERT_EQUAL(padded % 16, 0);
            CU_ASSERT_EQUAL(padded, len + (15 - len % 16) + 16 * extra + 1);
            CU_ASSERT(padded - len - 1 <= 255);
            CU_ASSERT_EQUAL(tls_cbc_unpad(buf, padded, &back), SEE_OK);
            CU_ASSERT_EQUAL(back, len);
            CU_ASSERT_EQUAL(memcmp(buf, data, len), 0);
        }
        CU_ASSERT_EQUAL(tls_cbc_pad(buf, len, sizeof buf, 16, &padded), SEE_ERR_ARGUMENT);
    }
    rng_wipe(&rng);
}

static void test_longest_tls_padding(void)
{
    /* 32 bytes of data and 15 extra blocks: padding_length 255, the most
     * a one-byte field can say. */
    uint8_t buf[32 + 256];
    size_t padded, back;
    memset(buf, 0x41, 32);
    CU_ASSERT_EQUAL(tls_cbc_pad(buf, 32, sizeof buf, 15, &padded), SEE_OK);
    CU_ASSERT_EQUAL(padded, sizeof buf);
    CU_ASSERT_EQUAL(buf[32], 255);
    CU_ASSERT_EQUAL(buf[sizeof buf - 1], 255);
    CU_ASSERT_EQUAL(tls_cbc_unpad(buf, padded, &back), SEE_OK);
    CU_ASSERT_EQUAL(back, 32);
    /* the same padding after one block less of data */
    CU_ASSERT_EQUAL(tls_cbc_unpad(buf + 16, padded - 16, &back), SEE_OK);
    CU_ASSERT_EQUAL(back, 16);
    /* 256 bytes that are all padding: content of length 0 */
    CU_ASSERT_EQUAL(tls_cbc_unpad(buf + 32, 256, &back), SEE_OK);
    CU_ASSERT_EQUAL(back, 0);
    /* 255 bytes cannot hold padding_length 255 and its length byte */
    size_t n = 1;
    CU_ASSERT_EQUAL(tls_cbc_padding_check(buf + 33, 255, 0, &n), 0);
    CU_ASSERT_EQUAL(n, 254);
}

/* Change one byte of a padded message to every other value; ours must say
 * what the reference says, and the data length too when both accept. */
static void mutate_and_compare(int tls, const uint8_t *padded_msg, size_t padded,
                               size_t first, int *rejected, int *disagreements)
{
    uint8_t buf[BUF_CAP];
    for (size_t pos = first; pos < padded; pos++) {
        for (unsigned value = 0; value < 256; value++) {
            if (value == padded_msg[pos])
                continue;
            memcpy(buf, padded_msg, padded);
            buf[pos] = (uint8_t)value;
            size_t ours = 99999, ref = 88888;
            see_status st = tls ? tls_cbc_unpad(buf, padded, &ours)
                                : pkcs7_unpad(buf, padded, &ours);
            int ref_ok = tls ? tls_reference_ok(buf, padded, 0, &ref)
                             : pkcs7_reference_ok(buf, padded, &ref);
            if (st == SEE_ERR_PADDING && !ref_ok && ours == 99999) {
                (*rejected)++; /* rejected, and the length left alone */
            } else if (!(st == SEE_OK && ref_ok && ours == ref)) {
                (*disagreements)++;
            }
        }
    }
}

static void test_every_mutation(void)
{
    int rejected = 0, disagreements = 0;
    for (size_t len = 0; len <= MAX_LEN; len++) {
        uint8_t msg[BUF_CAP];
        memset(msg, 0x5a, len);
        size_t padded;
        CU_ASSERT_EQUAL(pkcs7_pad(msg, len, sizeof msg, &padded), SEE_OK);
        /* every byte of the last block, padding or not */
        mutate_and_compare(0, msg, padded, padded - 16, &rejected, &disagreements);

        for (size_t extra = 0; extra <= 2; extra++) {
            memset(msg, 0x5a, len);
            CU_ASSERT_EQUAL(tls_cbc_pad(msg, len, sizeof msg, extra, &padded), SEE_OK);
            size_t first = padded > 64 ? padded - 64 : 0;
            mutate_and_compare(1, msg, padded, first, &rejected, &disagreements);
        }
    }
    CU_ASSERT_EQUAL(disagreements, 0);
    /* The mutations were mostly fatal: a vacuous test would reject none. */
    CU_ASSERT(rejected > 500000);

    /* Spot checks that need no reference: a wrong byte in the middle of the
     * padding is always bad. */
    uint8_t buf[32];
    size_t padded, back;
    memset(buf, 0, sizeof buf);
    CU_ASSERT_EQUAL(pkcs7_pad(buf, 20, sizeof buf, &padded), SEE_OK); /* 12 x 0c */
    buf[25] ^= 1;
    CU_ASSERT_EQUAL(pkcs7_unpad(buf, padded, &back), SEE_ERR_PADDING);
    CU_ASSERT_EQUAL(tls_cbc_pad(buf, 20, sizeof buf, 0, &padded), SEE_OK); /* 12 x 0b */
    buf[21] = 0x0c;
    CU_ASSERT_EQUAL(tls_cbc_unpad(buf, padded, &back), SEE_ERR_PADDING);
    /* The two forms differ by one. TLS rejects PKCS#7's 12 bytes of 0x0c
     * (it wants 13); PKCS#7 reads TLS's 12 bytes of 0x0b as 11 bytes of
     * padding and keeps the first 0x0b as data: one byte too many. */
    CU_ASSERT_EQUAL(pkcs7_pad(buf, 20, sizeof buf, &padded), SEE_OK);
    CU_ASSERT_EQUAL(tls_cbc_unpad(buf, padded, &back), SEE_ERR_PADDING);
    CU_ASSERT_EQUAL(tls_cbc_pad(buf, 20, sizeof buf, 0, &padded), SEE_OK);
    CU_ASSERT_EQUAL(pkcs7_unpad(buf, padded, &back), SEE_OK);
    CU_ASSERT_EQUAL(back, 21);
    /* PKCS#7 pad bytes 0 and 17..255 are never valid */
    memset(buf, 0, sizeof buf);
    CU_ASSERT_EQUAL(pkcs7_unpad(buf, 32, &back), SEE_ERR_PADDING);
    memset(buf, 17, sizeof buf);
    CU_ASSERT_EQUAL(pkcs7_unpad(buf, 32, &back), SEE_ERR_PADDING);
    memset(buf, 16, sizeof buf);
    CU_ASSERT_EQUAL(pkcs7_unpad(buf, 32, &back), SEE_OK);
    CU_ASSERT_EQUAL(back, 16);
}

/* Random buffers whose tails often look like padding: ours agrees with
 * the reference on each. */
static void test_random_buffers(void)
{
    see_rng rng;
    rng_init_seeded(&rng, "test_padding random", 19);
    int disagreements = 0, accepted = 0;
    for (int trial = 0; trial < 20000; trial++) {
        uint8_t buf[64], r[4];
        CU_ASSERT_EQUAL(rng_bytes(&rng, r, sizeof r), SEE_OK);
        size_t len = 16 * (1 + r[0] % 4);
        uint8_t fill = (uint8_t)(r[1] % 20);
        memset(buf, fill, sizeof buf);
        /* corrupt one of the last 16 bytes sometimes */
        if (r[2] & 1)
            buf[len - 1 - r[3] % 16] = (uint8_t)(r[2] >> 1);
        size_t ours = 0, ref = 0;
        int ok = pkcs7_unpad(buf, len, &ours) == SEE_OK;
        int ref_ok = pkcs7_reference_ok(buf, len, &ref);
        disagreements += ok != ref_ok || (ok && ours != ref);
        accepted += ok;
        ok = tls_cbc_unpad(buf, len, &ours) == SEE_OK;
        ref_ok = tls_reference_ok(buf, len, 0, &ref);
        disagreements += ok != ref_ok || (ok && ours != ref);
        accepted += ok;
    }
    CU_ASSERT_EQUAL(disagreements, 0);
    CU_ASSERT(accepted > 1000 && accepted < 39000);
    rng_wipe(&rng);
}

static void test_wrong_lengths(void)
{
    uint8_t buf[64];
    memset(buf, 1, sizeof buf);
    size_t back = 777;
    static const size_t bad[] = {0, 1, 15, 17, 31, 33, 63};
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        CU_ASSERT_EQUAL(pkcs7_unpad(buf, bad[k], &back), SEE_ERR_BLOCK_LENGTH);
        CU_ASSERT_EQUAL(tls_cbc_unpad(buf, bad[k], &back), SEE_ERR_BLOCK_LENGTH);
    }
    CU_ASSERT_EQUAL(back, 777);
}

static void test_small_buffers(void)
{
    uint8_t buf[64];
    size_t padded = 4242;
    for (size_t len = 0; len <= 40; len++) {
        size_t need = (len / 16 + 1) * 16;
        memset(buf, 0x77, sizeof buf);
        CU_ASSERT_EQUAL(pkcs7_pad(buf, len, need - 1, &padded), SEE_ERR_BUFFER_SMALL);
        CU_ASSERT_EQUAL(tls_cbc_pad(buf, len, need - 1, 0, &padded), SEE_ERR_BUFFER_SMALL);
        CU_ASSERT_EQUAL(buf[need - 1], 0x77); /* nothing written */
        CU_ASSERT_EQUAL(padded, 4242);
        CU_ASSERT_EQUAL(pkcs7_pad(buf, len, need, &padded), SEE_OK);
        CU_ASSERT_EQUAL(padded, need);
        CU_ASSERT_EQUAL(tls_cbc_pad(buf, len, need, 0, &padded), SEE_OK);
        CU_ASSERT_EQUAL(tls_cbc_pad(buf, len, need + 15, 1, &padded), SEE_ERR_BUFFER_SMALL);
        padded = 4242;
    }
    /* data longer than the capacity */
    CU_ASSERT_EQUAL(pkcs7_pad(buf, 40, 32, &padded), SEE_ERR_BUFFER_SMALL);
    CU_ASSERT_EQUAL(tls_cbc_pad(buf, 40, 32, 0, &padded), SEE_ERR_BUFFER_SMALL);
}

/* The record layer's view: content || MAC || padding || padding_length. */
static void test_record_check_and_mac_copy(void)
{
    enum { MAC_LEN = 32, CONTENT = 21 };
    uint8_t rec[CONTENT + MAC_LEN + 256 + 16], mac[MAC_LEN];
    for (size_t extra = 0; extra <= 15; extra++) {
        for (size_t i = 0; i < CONTENT; i++)
            rec[i] = (uint8_t)(0xc0 + i);
        for (size_t i = 0; i < MAC_LEN; i++)
            rec[CONTENT + i] = (uint8_t)(0x80 + i);
        size_t len, content_len = 0;
        CU_ASSERT_EQUAL_FATAL(tls_cbc_pad(rec, CONTENT + MAC_LEN, sizeof rec, extra, &len), SEE_OK);

        uint32_t good = tls_cbc_padding_check(rec, len, MAC_LEN, &content_len);
        CU_ASSERT_EQUAL(good, 0xffffffffu);
        CU_ASSERT_EQUAL(content_len, CONTENT);
        tls_cbc_copy_mac(rec, len, content_len, MAC_LEN, mac);
        CU_ASSERT_EQUAL(memcmp(mac, rec + CONTENT, MAC_LEN), 0);

        /* Spoil one padding byte: the check fails and the lengths fall back
         * to "no padding", so a MAC is still computed over len-1-MAC_LEN
         * bytes and copied from just before the last byte. */
        rec[len - 2] ^= 0x40;
        good = tls_cbc_padding_check(rec, len, MAC_LEN, &content_len);
        CU_ASSERT_EQUAL(good, 0);
        CU_ASSERT_EQUAL(content_len, len - 1 - MAC_LEN);
        tls_cbc_copy_mac(rec, len, content_len, MAC_LEN, mac);
        CU_ASSERT_EQUAL(memcmp(mac, rec + len - 1 - MAC_LEN, MAC_LEN), 0);
    }

    /* Padding that would eat into the MAC is bad. */
    uint8_t small[MAC_LEN + 16];
    memset(small, 15, sizeof small);
    size_t content_len = 1;
    CU_ASSERT_EQUAL(tls_cbc_padding_check(small, sizeof small, MAC_LEN, &content_len),
                    0xffffffffu);
    CU_ASSERT_EQUAL(content_len, 0);
    CU_ASSERT_EQUAL(tls_cbc_padding_check(small, sizeof small - 1, MAC_LEN, &content_len), 0);
    CU_ASSERT_EQUAL(content_len, sizeof small - 2 - MAC_LEN);
    /* Too short for a MAC at all. */
    CU_ASSERT_EQUAL(tls_cbc_padding_check(small, MAC_LEN, MAC_LEN, &content_len), 0);
    CU_ASSERT_EQUAL(content_len, 0);
}

static CU_TestInfo tests[] = {
    {"RFC 5652 and RFC 5246 examples", test_examples},
    {"every length 0..40 round-trips, both forms", test_round_trip_every_length},
    {"TLS padding_length 255", test_longest_tls_padding},
    {"every single-byte mutation judged right", test_every_mutation},
    {"random buffers agree with the reference", test_random_buffers},
    {"wrong lengths rejected", test_wrong_lengths},
    {"small buffers rejected, nothing written", test_small_buffers},
    {"record check with a MAC, constant-time MAC copy", test_record_check_and_mac_copy},
    CU_TEST_INFO_NULL,
};

int main(void)
{
    return run_suite("padding", tests);
}
