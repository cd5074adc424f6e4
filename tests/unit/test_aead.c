/*
 * test_aead.c: the one AEAD interface (crypto/aead.h) over both ciphers.
 *
 * The published vectors the ciphers' own tests read (McGrew-Viega and
 * NIST CAVP for AES-128-GCM, RFC 8439 2.8.2 and A.5 for ChaCha20-Poly1305)
 * go through aead_seal and aead_open here, so the interface is proven to
 * call each cipher right: key, nonce, AAD and tag in their places. Then
 * what the interface itself promises: the key length checked, a short
 * input refused, and a failed open leaving zeros, for both ciphers alike.
 */
#include <stdlib.h>
#include <string.h>

#include "crypto/aead.h"
#include "tests/unit/harness.h"

/* One case: seal gives ciphertext || tag; open gives the plaintext back,
 * or for a case marked "fail", SEE_ERR_AEAD_TAG and zeros. */
static void check_case(const aead_algorithm *alg, const vec_file *v,
                       const char *nonce_field)
{
    size_t klen, nlen, alen, plen, clen, tlen;
    uint8_t *raw = vec_hex(v, "key", &klen);
    uint8_t *nonce = vec_hex(v, nonce_field, &nlen);
    uint8_t *aad = vec_hex(v, "aad", &alen);
    uint8_t *pt = vec_hex(v, "plaintext", &plen);
    uint8_t *ct = vec_hex(v, "ciphertext", &clen);
    uint8_t *tag = vec_hex(v, "tag", &tlen);
    const char *result = vec_get(v, "result");
    int must_fail = result != NULL && strcmp(result, "fail") == 0;
    CU_ASSERT_EQUAL_FATAL(nlen, AEAD_NONCE_SIZE);
    CU_ASSERT_EQUAL_FATAL(tlen, AEAD_TAG_SIZE);

    aead_key key;
    CU_ASSERT_EQUAL_FATAL(aead_set_key(&key, alg, raw, klen), SEE_OK);
    uint8_t *sealed = malloc(clen + tlen + 1), *out = malloc(clen + 1);
    memcpy(sealed, ct, clen);
    memcpy(sealed + clen, tag, tlen);
    size_t n = 0;
    see_status st = aead_open(&key, nonce, aad, alen, sealed, clen + tlen, out,
                              clen, &n);
    if (must_fail) {
        CU_ASSERT_EQUAL(st, SEE_ERR_AEAD_TAG);
        for (size_t i = 0; i < clen; i++)
            CU_ASSERT_EQUAL(out[i], 0);
    } else {
        CU_ASSERT_EQUAL(st, SEE_OK);
        CU_ASSERT_EQUAL(n, plen);
        CU_ASSERT(plen == 0 || memcmp(out, pt, plen) == 0);
        /* and sealing the plaintext gives the same bytes, in place */
        uint8_t *buf = malloc(plen + AEAD_TAG_SIZE + 1);
        memcpy(buf, pt, plen);
        CU_ASSERT_EQUAL(aead_seal(&key, nonce, aad, alen, buf, plen, buf,
                                  plen + AEAD_TAG_SIZE, &n), SEE_OK);
        CU_ASSERT_EQUAL(n, plen + AEAD_TAG_SIZE);
        CU_ASSERT_EQUAL(memcmp(buf, sealed, n), 0);
        free(buf);
    }
    aead_wipe(&key);
    free(raw); free(nonce); free(aad); free(pt); free(ct); free(tag);
    free(sealed); free(out);
}

/* Every case of the file whose op (when it has one) is seal or open. */
static int run_file(const aead_algorithm *alg, const char *name,
                    const char *nonce_field)
{
    vec_file *v = vec_open(name);
    CU_ASSERT_PTR_NOT_NULL_FATAL(v);
    int cases = 0;
    while (vec_next(v)) {
        const char *op = vec_get(v, "op");
        if (op != NULL && strcmp(op, "seal") != 0 && strcmp(op, "open") != 0)
            continue;
        check_case(alg, v, nonce_field);
        cases++;
    }
    vec_close(v);
    return cases;
}

static void test_gcm_vectors(void)
{
    CU_ASSERT_EQUAL(run_file(&aead_aes128_gcm, "gcm_mcgrew_viega.txt", "iv"), 4);
    CU_ASSERT_EQUAL(run_file(&aead_aes128_gcm, "gcm_cavp.txt", "iv"), 18);
}

static void test_chacha20_poly1305_vectors(void)
{
    CU_ASSERT_EQUAL(run_file(&aead_chacha20_poly1305, "chacha20poly1305_rfc8439.txt",
                             "nonce"), 2);
}

/* What the interface promises, the same for both. */
static void test_interface_contract(void)
{
    static const aead_algorithm *const algs[] = { &aead_aes128_gcm,
                                                  &aead_chacha20_poly1305 };
    uint8_t raw[AEAD_MAX_KEY_SIZE], nonce[AEAD_NONCE_SIZE] = { 1, 2, 3 };
    memset(raw, 0x42, sizeof raw);
    for (size_t a = 0; a < 2; a++) {
        const aead_algorithm *alg = algs[a];
        aead_key key;
        CU_ASSERT_EQUAL(aead_set_key(&key, alg, raw, alg->key_size + 1),
                        SEE_ERR_KEY_LENGTH);
        CU_ASSERT_EQUAL(aead_set_key(&key, alg, raw, alg->key_size - 1),
                        SEE_ERR_KEY_LENGTH);
        CU_ASSERT_EQUAL_FATAL(aead_set_key(&key, alg, raw, alg->key_size), SEE_OK);
        CU_ASSERT_PTR_EQUAL(key.alg, alg);

        static const uint8_t msg[] = "forward 10 cm";
        uint8_t sealed[64], out[64];
        size_t n, got;
        CU_ASSERT_EQUAL(aead_seal(&key, nonce, (const uint8_t *)"ad", 2, msg,
                                  sizeof msg, sealed, sizeof msg + 15, &n),
                        SEE_ERR_BUFFER_SMALL);
        CU_ASSERT_EQUAL_FATAL(aead_seal(&key, nonce, (const uint8_t *)"ad", 2, msg,
                                        sizeof msg, sealed, sizeof sealed, &n), SEE_OK);
        CU_ASSERT_EQUAL(n, sizeof msg + AEAD_TAG_SIZE);
        CU_ASSERT_EQUAL(aead_open(&key, nonce, (const uint8_t *)"ad", 2, sealed, n,
                                  out, sizeof out, &got), SEE_OK);
        CU_ASSERT(got == sizeof msg && memcmp(out, msg, got) == 0);
        /* shorter than a tag; no room for the plaintext */
        CU_ASSERT_EQUAL(aead_open(&key, nonce, NULL, 0, sealed, AEAD_TAG_SIZE - 1,
                                  out, sizeof out, &got), SEE_ERR_TRUNCATED);
        CU_ASSERT_EQUAL(aead_open(&key, nonce, (const uint8_t *)"ad", 2, sealed, n,
                                  out, sizeof msg - 1, &got), SEE_ERR_BUFFER_SMALL);
        /* other AAD, other nonce, a flipped bit: the tag fails, and out
         * holds zeros where the plaintext would have been */
        static const struct { int aad, nonce, bit; } bad[] = {
            { 1, 0, -1 }, { 0, 1, -1 }, { 0, 0, 0 }, { 0, 0, 8 * 14 + 3 },
        };
        for (size_t b = 0; b < sizeof bad / sizeof bad[0]; b++) {
            uint8_t copy[64], other_nonce[AEAD_NONCE_SIZE];
            memcpy(copy, sealed, n);
            memcpy(other_nonce, nonce, sizeof nonce);
            other_nonce[11] ^= (uint8_t)bad[b].nonce;
            if (bad[b].bit >= 0)
                copy[bad[b].bit / 8] ^= (uint8_t)(1u << (bad[b].bit % 8));
            memset(out, 0xee, sizeof out);
            CU_ASSERT_EQUAL(aead_open(&key, other_nonce,
                                      (const uint8_t *)(bad[b].aad ? "AD" : "ad"), 2,
                                      copy, n, out, sizeof out, &got),
                            SEE_ERR_AEAD_TAG);
            for (size_t i = 0; i < sizeof msg; i++)
                CU_ASSERT_EQUAL(out[i], 0);
            CU_ASSERT_EQUAL(out[sizeof msg], 0xee); /* and nothing beyond */
        }
        aead_wipe(&key);
        CU_ASSERT_PTR_NULL(key.alg);
    }
}

static CU_TestInfo tests[] = {
    { "AES-128-GCM through the interface: McGrew-Viega, CAVP", test_gcm_vectors },
    { "ChaCha20-Poly1305 through the interface: RFC 8439", test_chacha20_poly1305_vectors },
    { "the contract: key length, short input, a failed open leaves zeros", test_interface_contract },
    CU_TEST_INFO_NULL,
};

int main(void)
{
    return run_suite("aead", tests);
}
