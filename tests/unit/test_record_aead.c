/*
 * test_record_aead.c: AEAD records (RFC 5246 6.2.3.3): AES-128-GCM as
 * RFC 5288 3 makes its nonce, ChaCha20-Poly1305 as RFC 7905 2 does.
 *
 * Known answers: one record of each, computed outside seetls (Python's
 * `cryptography` package, AESGCM and ChaCha20Poly1305, from the RFCs'
 * formulas: nonce, additional data = seq_num + type + version + length),
 * must match byte for byte; ChaCha20-Poly1305 records of every length up
 * to 300 bytes at several sequence numbers are rebuilt with libsodium.
 * Then: every bit flip is bad_record_mac, a replayed or reordered record
 * fails, GCM's nonce_explicit is the sender's (read, not assumed), a
 * fragment too short for a tag and content over 2^14 are refused.
 */
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "core/util.h"
#include "handshake/record.h"
#include "tests/unit/harness.h"

static const uint8_t KEY16[16] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15 };
static const uint8_t KEY32[32] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
                                   16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28,
                                   29, 30, 31 };
static const uint8_t GCM_IV[4] = { 0xa0, 0xa1, 0xa2, 0xa3 };
static const uint8_t CHACHA_IV[12] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 };

/* A writer and a reader of one protection, with its test keys. */
static void start_pair(const record_protection *p, record_cipher *w, record_cipher *r)
{
    const uint8_t *key = p == &record_aes128_gcm ? KEY16 : KEY32;
    const uint8_t *iv = p == &record_aes128_gcm ? GCM_IV : CHACHA_IV;
    CU_ASSERT_EQUAL_FATAL(record_cipher_start(w, p, NULL, key, iv, 0), SEE_OK);
    CU_ASSERT_EQUAL_FATAL(record_cipher_start(r, p, NULL, key, iv, 0), SEE_OK);
}

static size_t protect(record_cipher *w, const uint8_t *content, size_t len,
                      uint8_t *out, size_t cap)
{
    size_t n = 0;
    CU_ASSERT_EQUAL(record_protect(w, NULL, TLS_CONTENT_APPLICATION_DATA,
                                   TLS_VERSION_1_2, content, len, out, cap, &n),
                    SEE_OK);
    return n;
}

static see_status unprotect(record_cipher *r, const uint8_t *record, size_t n,
                            uint8_t *out, size_t cap, size_t *got)
{
    return record_unprotect(r, record[0], TLS_VERSION_1_2, record + 5, n - 5,
                            out, cap, got);
}

/* "hello" as record seq_num 1, application_data. */
static void test_known_answers(void)
{
    static const struct {
        const record_protection *p;
        const char *record;
    } cases[] = {
        /* nonce a0a1a2a3 || 0000000000000001, sent as nonce_explicit */
        { &record_aes128_gcm, "170303001d" "0000000000000001"
                              "2e14709e03" "b285a59d2789a61a4a957d5601378581" },
        /* nonce 000102030405060708090a0b XOR 00000000 0000000000000001 */
        { &record_chacha20_poly1305, "1703030015" "2ec42700db"
                                     "a433ac0b6bebc9b5bec5f6df2255af49" },
    };
    for (size_t i = 0; i < 2; i++) {
        record_cipher w, r;
        start_pair(cases[i].p, &w, &r);
        w.seq = r.seq = 1;
        uint8_t rec[64], out[64];
        size_t n = protect(&w, (const uint8_t *)"hello", 5, rec, sizeof rec), got;
        ASSERT_HEX_EQ(rec, n, cases[i].record);
        CU_ASSERT_EQUAL(w.seq, 2);
        CU_ASSERT_EQUAL(unprotect(&r, rec, n, out, sizeof out, &got), SEE_OK);
        CU_ASSERT(got == 5 && memcmp(out, "hello", 5) == 0);
        CU_ASSERT_EQUAL(r.seq, 2);
    }
}

/* libsodium's ChaCha20-Poly1305 (IETF) with RFC 7905's nonce and RFC
 * 5246's additional data, for every length 0..300 at four seq_nums. */
static void test_chacha20_records_against_libsodium(void)
{
    CU_ASSERT_FATAL(sodium_init() >= 0);
    static const uint64_t seqs[] = { 0, 1, 0x0102030405060708u, UINT64_MAX - 1 };
    static uint8_t content[300], rec[400], want[400];
    for (size_t i = 0; i < sizeof content; i++)
        content[i] = (uint8_t)(i * 31 + 7);
    for (size_t s = 0; s < 4; s++) {
        for (size_t len = 0; len <= sizeof content; len++) {
            record_cipher w, r;
            start_pair(&record_chacha20_poly1305, &w, &r);
            w.seq = seqs[s];
            size_t n = protect(&w, content, len, rec, sizeof rec);
            uint8_t nonce[12], aad[13];
            memcpy(nonce, CHACHA_IV, 12);
            uint8_t seq_be[8];
            see_store64_be(seq_be, seqs[s]);
            for (int k = 0; k < 8; k++)
                nonce[4 + k] ^= seq_be[k];
            memcpy(aad, seq_be, 8);
            aad[8] = TLS_CONTENT_APPLICATION_DATA;
            aad[9] = 3;
            aad[10] = 3;
            aad[11] = (uint8_t)(len >> 8);
            aad[12] = (uint8_t)len;
            unsigned long long clen;
            crypto_aead_chacha20poly1305_ietf_encrypt(want, &clen, content, len, aad,
                                                      13, NULL, nonce, KEY32);
            CU_ASSERT_EQUAL(n, 5 + clen);
            CU_ASSERT_EQUAL(memcmp(rec + 5, want, clen), 0);
        }
    }
}

/* Every bit of the fragment (GCM's nonce_explicit included) and of the
 * header's type and length is checked: a flip is bad_record_mac, and the
 * output holds nothing of the content. */
static void test_every_bit_flip(void)
{
    static const record_protection *const ps[] = { &record_aes128_gcm,
                                                   &record_chacha20_poly1305 };
    for (size_t i = 0; i < 2; i++) {
        record_cipher w, r;
        start_pair(ps[i], &w, &r);
        uint8_t rec[128], copy[128], out[128];
        size_t n = protect(&w, (const uint8_t *)"stop the motors", 15, rec, sizeof rec);
        for (size_t bit = 5 * 8; bit < 8 * n; bit++) {
            memcpy(copy, rec, n);
            copy[bit / 8] ^= (uint8_t)(1u << (bit % 8));
            r.seq = 0;
            size_t got;
            memset(out, 0xee, sizeof out);
            CU_ASSERT_EQUAL(unprotect(&r, copy, n, out, sizeof out, &got),
                            SEE_ERR_TLS_BAD_RECORD_MAC);
            CU_ASSERT_NOT_EQUAL(memcmp(out, "stop the motors", 15), 0);
            CU_ASSERT_EQUAL(r.seq, 0);
        }
        /* the header's type is in the additional data */
        size_t got;
        CU_ASSERT_EQUAL(record_unprotect(&r, TLS_CONTENT_HANDSHAKE, TLS_VERSION_1_2,
                                         rec + 5, n - 5, out, sizeof out, &got),
                        SEE_ERR_TLS_BAD_RECORD_MAC);
        CU_ASSERT_EQUAL(unprotect(&r, rec, n, out, sizeof out, &got), SEE_OK);
    }
}

/* Records 0, 1, 2 read as 0, 0 (replay), 2 (a record dropped) or 1 then
 * 0 (reordered): each fails, being checked under the reader's seq_num.
 * With GCM the nonce_explicit a record carries is what opens it: a record
 * re-sent with its own nonce_explicit still fails on the additional
 * data's seq_num. */
static void test_replay_and_reorder(void)
{
    static const record_protection *const ps[] = { &record_aes128_gcm,
                                                   &record_chacha20_poly1305 };
    for (size_t i = 0; i < 2; i++) {
        record_cipher w, r;
        start_pair(ps[i], &w, &r);
        uint8_t rec[3][64], out[64];
        size_t n[3], got;
        for (int k = 0; k < 3; k++)
            n[k] = protect(&w, (const uint8_t *)"go", 2, rec[k], sizeof rec[k]);
        CU_ASSERT_EQUAL(unprotect(&r, rec[0], n[0], out, sizeof out, &got), SEE_OK);
        CU_ASSERT_EQUAL(unprotect(&r, rec[0], n[0], out, sizeof out, &got),
                        SEE_ERR_TLS_BAD_RECORD_MAC);
        CU_ASSERT_EQUAL(unprotect(&r, rec[2], n[2], out, sizeof out, &got),
                        SEE_ERR_TLS_BAD_RECORD_MAC);
        CU_ASSERT_EQUAL(unprotect(&r, rec[1], n[1], out, sizeof out, &got), SEE_OK);
        CU_ASSERT_EQUAL(unprotect(&r, rec[2], n[2], out, sizeof out, &got), SEE_OK);
    }
}

/* GCM: the reader takes the nonce_explicit from the record (RFC 5288 3:
 * the sender chooses it). A sender that counts from 1000 is read. */
static void test_gcm_nonce_explicit_is_the_senders(void)
{
    record_cipher w, r;
    start_pair(&record_aes128_gcm, &w, &r);
    uint8_t rec[64], out[64];
    size_t n = protect(&w, (const uint8_t *)"hi", 2, rec, sizeof rec), got;
    /* reseal by hand with nonce_explicit 1000 for seq_num 0 */
    aead_key key;
    CU_ASSERT_EQUAL_FATAL(aead_set_key(&key, &aead_aes128_gcm, KEY16, 16), SEE_OK);
    uint8_t nonce[12] = { 0xa0, 0xa1, 0xa2, 0xa3 };
    see_store64_be(nonce + 4, 1000);
    uint8_t aad[13] = { 0, 0, 0, 0, 0, 0, 0, 0, 23, 3, 3, 0, 2 };
    size_t sealed;
    see_store64_be(rec + 5, 1000);
    CU_ASSERT_EQUAL(aead_seal(&key, nonce, aad, 13, (const uint8_t *)"hi", 2,
                              rec + 13, 18, &sealed), SEE_OK);
    CU_ASSERT_EQUAL(unprotect(&r, rec, n, out, sizeof out, &got), SEE_OK);
    CU_ASSERT(got == 2 && memcmp(out, "hi", 2) == 0);
    aead_wipe(&key);
}

/* A fragment too short to hold (nonce_explicit and) a tag, and content
 * over 2^14 under a good tag, are refused; 2^14 is not. */
static void test_length_limits(void)
{
    static const record_protection *const ps[] = { &record_aes128_gcm,
                                                   &record_chacha20_poly1305 };
    static uint8_t big[TLS_MAX_PLAINTEXT + 1], rec[TLS_MAX_CIPHERTEXT + 5],
        out[TLS_MAX_CIPHERTEXT];
    for (size_t i = 0; i < 2; i++) {
        record_cipher w, r;
        start_pair(ps[i], &w, &r);
        size_t least = ps[i]->explicit_nonce_len + AEAD_TAG_SIZE, got;
        uint8_t zeros[40] = { 0 };
        CU_ASSERT_EQUAL(record_unprotect(&r, 23, TLS_VERSION_1_2, zeros, least - 1,
                                         out, sizeof out, &got),
                        SEE_ERR_TLS_BAD_RECORD_MAC);
        size_t n = 0;
        CU_ASSERT_EQUAL(record_protect(&w, NULL, 23, TLS_VERSION_1_2, big,
                                       TLS_MAX_PLAINTEXT + 1, rec, sizeof rec, &n),
                        SEE_ERR_TLS_RECORD_OVERFLOW);
        n = protect(&w, big, TLS_MAX_PLAINTEXT, rec, sizeof rec);
        CU_ASSERT_EQUAL(n, 5 + least + TLS_MAX_PLAINTEXT);
        CU_ASSERT_EQUAL(unprotect(&r, rec, n, out, sizeof out, &got), SEE_OK);
        CU_ASSERT_EQUAL(got, TLS_MAX_PLAINTEXT);

        /* 2^14 + 1 bytes sealed by hand under a good tag: record_overflow */
        uint8_t counter[8], nonce[12] = { 0 }, aad[13];
        see_store64_be(counter, r.seq);
        const uint8_t *iv = ps[i] == &record_aes128_gcm ? GCM_IV : CHACHA_IV;
        memcpy(nonce, iv, ps[i]->keys.iv_len);
        for (int k = 0; k < 8; k++)
            nonce[4 + k] ^= counter[k];
        memcpy(aad, counter, 8);
        aad[8] = 23; aad[9] = 3; aad[10] = 3;
        aad[11] = (uint8_t)((TLS_MAX_PLAINTEXT + 1) >> 8);
        aad[12] = (uint8_t)(TLS_MAX_PLAINTEXT + 1);
        aead_key key;
        CU_ASSERT_EQUAL_FATAL(aead_set_key(&key, ps[i]->aead,
                                           ps[i] == &record_aes128_gcm ? KEY16 : KEY32,
                                           ps[i]->keys.key_len), SEE_OK);
        size_t e = ps[i]->explicit_nonce_len, sealed;
        memcpy(rec, counter, e);
        CU_ASSERT_EQUAL(aead_seal(&key, nonce, aad, 13, big, TLS_MAX_PLAINTEXT + 1,
                                  rec + e, sizeof rec - e, &sealed), SEE_OK);
        CU_ASSERT_EQUAL(record_unprotect(&r, 23, TLS_VERSION_1_2, rec, e + sealed,
                                         out, sizeof out, &got),
                        SEE_ERR_TLS_RECORD_OVERFLOW);
        aead_wipe(&key);
    }
}

static CU_TestInfo tests[] = {
    { "GCM and ChaCha20-Poly1305 records match an independent computation", test_known_answers },
    { "ChaCha20-Poly1305 records of 0 to 300 bytes match libsodium", test_chacha20_records_against_libsodium },
    { "every bit flip is bad_record_mac", test_every_bit_flip },
    { "replayed, dropped and reordered records fail", test_replay_and_reorder },
    { "GCM: the nonce_explicit is read from the record", test_gcm_nonce_explicit_is_the_senders },
    { "length limits: too short for a tag, over 2^14", test_length_limits },
    CU_TEST_INFO_NULL,
};

int main(void)
{
    return run_suite("record_aead", tests);
}
