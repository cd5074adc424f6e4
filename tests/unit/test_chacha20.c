/*
 * test_chacha20.c: ChaCha20, Poly1305 and AEAD_CHACHA20_POLY1305
 * (RFC 8439) against every test vector of the RFC
 * (vectors/chacha20_rfc8439.txt, poly1305_rfc8439.txt and
 * chacha20poly1305_rfc8439.txt), libsodium's answers on inputs walking
 * through the block boundaries (vectors/chacha20poly1305_libsodium.txt,
 * vectors/poly1305_libsodium.txt), libsodium on random inputs, Poly1305's
 * streaming API split at every offset, and the AEAD's refusals: a flipped
 * bit anywhere in the ciphertext, tag, AAD or nonce makes open fail and
 * release nothing.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "crypto/chacha20.h"
#include "crypto/chacha20_poly1305.h"
#include "crypto/poly1305.h"
#include "tests/unit/harness.h"
#include "tests/unit/libsodium_vectors.h"

/* The inputs of vectors/chacha20poly1305_libsodium.txt, as its header and
 * vectors/gen_vectors.c define them (m the message length, a the AAD's). */
static void aead_fill(uint8_t key[32], uint8_t nonce[12], uint8_t *aad,
                      size_t a, uint8_t *msg, size_t m)
{
    for (size_t i = 0; i < 32; i++)
        key[i] = (uint8_t)((i * 7 + m * 13 + a + 1) % 256);
    for (size_t i = 0; i < 12; i++)
        nonce[i] = (uint8_t)((i * 11 + m + 3 * a) % 256);
    for (size_t i = 0; i < a; i++)
        aad[i] = (uint8_t)((i * 5 + a) % 256);
    vec_fill_message(msg, m);
}

/* Sixteen hex words ("879531e0 c5ecf37d ...") into a ChaCha state. */
static int parse_words(const char *text, uint32_t *words, int count)
{
    char *end;
    for (int i = 0; i < count; i++) {
        words[i] = (uint32_t)strtoul(text, &end, 16);
        if (end == text)
            return 0;
        text = end;
    }
    return 1;
}

static uint32_t vec_u32(const vec_file *v, const char *field)
{
    return (uint32_t)strtoul(vec_get(v, field), NULL, 10);
}

/* ---------------------------------------------------------- ChaCha20 -- */

/* RFC 8439 2.1.1, 2.2.1, 2.3.2, 2.4.2, A.1 #1-#5, A.2 #1-#3. */
static void test_chacha20_rfc8439(void)
{
    vec_file *v = vec_open("chacha20_rfc8439.txt");
    if (v == NULL)
        return;
    int quarter = 0, blocks = 0, encryptions = 0;
    while (vec_next(v)) {
        const char *op = vec_get(v, "op");
        if (strcmp(op, "quarter_round") == 0) {
            uint32_t state[16], expected[16];
            unsigned a, b, c, d;
            CU_ASSERT_FATAL(parse_words(vec_get(v, "state"), state, 16));
            CU_ASSERT_FATAL(parse_words(vec_get(v, "expected"), expected, 16));
            CU_ASSERT_FATAL(sscanf(vec_get(v, "indices"), "%u %u %u %u",
                                   &a, &b, &c, &d) == 4);
            chacha20_quarter_round(state, a, b, c, d);
            CU_ASSERT_EQUAL(memcmp(state, expected, sizeof state), 0);
            quarter++;
            continue;
        }
        size_t key_len, nonce_len;
        uint8_t *key = vec_hex(v, "key", &key_len);
        uint8_t *nonce = vec_hex(v, "nonce", &nonce_len);
        CU_ASSERT_FATAL(key_len == 32 && nonce_len == 12);
        uint32_t counter = vec_u32(v, "counter");
        if (strcmp(op, "block") == 0) {
            uint8_t out[CHACHA20_BLOCK_SIZE];
            chacha20_block(key, counter, nonce, out);
            ASSERT_HEX_EQ(out, sizeof out, vec_get(v, "keystream"));
            blocks++;
        } else {
            size_t len, ct_len;
            uint8_t *pt = vec_hex(v, "plaintext", &len);
            uint8_t *ct = vec_hex(v, "ciphertext", &ct_len);
            uint8_t *out = malloc(len + 1);
            CU_ASSERT_FATAL(out != NULL && ct_len == len);
            CU_ASSERT_EQUAL(chacha20_xor(key, counter, nonce, pt, out, len), SEE_OK);
            ASSERT_HEX_EQ(out, len, vec_get(v, "ciphertext"));
            /* decryption is the same call, here in place */
            CU_ASSERT_EQUAL(chacha20_xor(key, counter, nonce, out, out, len), SEE_OK);
            CU_ASSERT_EQUAL(memcmp(out, pt, len), 0);
            free(pt);
            free(ct);
            free(out);
            encryptions++;
        }
        free(key);
        free(nonce);
    }
    CU_ASSERT_EQUAL(quarter, 2);
    CU_ASSERT_EQUAL(blocks, 6);
    CU_ASSERT_EQUAL(encryptions, 4);
    vec_close(v);
}

/* Encrypting a message in two calls, the second starting at the next block
 * number, gives the one-call result: the counter advances one per 64
 * bytes. */
static void test_chacha20_counter_continues(void)
{
    uint8_t key[32], nonce[12], msg[300], whole[300], parts[300];
    vec_fill_key(key, sizeof key);
    memset(nonce, 0x42, sizeof nonce);
    vec_fill_message(msg, sizeof msg);
    CU_ASSERT_EQUAL(chacha20_xor(key, 7, nonce, msg, whole, sizeof msg), SEE_OK);
    for (size_t blocks = 0; blocks <= 4; blocks++) {
        size_t split = 64 * blocks;
        CU_ASSERT_EQUAL(chacha20_xor(key, 7, nonce, msg, parts, split), SEE_OK);
        CU_ASSERT_EQUAL(chacha20_xor(key, 7 + (uint32_t)blocks, nonce,
                                     msg + split, parts + split,
                                     sizeof msg - split), SEE_OK);
        CU_ASSERT_EQUAL(memcmp(whole, parts, sizeof whole), 0);
    }
}

/* The 32-bit block counter must not wrap (RFC 8439 2.4: a key and nonce
 * give 2^32 blocks): from counter 2^32 - 1 one block fits, 65 bytes do
 * not, and nothing is written then. */
static void test_chacha20_counter_limit(void)
{
    uint8_t key[32] = {1}, nonce[12] = {2}, msg[65] = {0}, out[65];
    uint8_t block[64];
    CU_ASSERT_EQUAL(chacha20_xor(key, UINT32_MAX, nonce, msg, out, 64), SEE_OK);
    chacha20_block(key, UINT32_MAX, nonce, block);
    CU_ASSERT_EQUAL(memcmp(out, block, 64), 0);
    memset(out, 0xa5, sizeof out);
    CU_ASSERT_EQUAL(chacha20_xor(key, UINT32_MAX, nonce, msg, out, 65),
                    SEE_ERR_ARGUMENT);
    CU_ASSERT_EQUAL(out[0], 0xa5);
    CU_ASSERT_EQUAL(chacha20_xor(key, UINT32_MAX - 1, nonce, msg, out, 65), SEE_OK);
    CU_ASSERT_EQUAL(chacha20_xor(key, 0, nonce, msg, out, 0), SEE_OK);
}

/* libsodium's crypto_stream_chacha20_ietf_xor_ic on random inputs. */
static void test_chacha20_differential_libsodium(void)
{
    CU_ASSERT_FATAL(sodium_init() >= 0);
    enum { MAX_LEN = 1000, ROUNDS = 500 };
    uint8_t key[32], nonce[12], msg[MAX_LEN], ours[MAX_LEN], theirs[MAX_LEN];
    int mismatches = 0;
    for (int round = 0; round < ROUNDS; round++) {
        size_t len = randombytes_uniform(MAX_LEN + 1);
        uint32_t counter = randombytes_uniform(1000);
        randombytes_buf(key, sizeof key);
        randombytes_buf(nonce, sizeof nonce);
        randombytes_buf(msg, len);
        crypto_stream_chacha20_ietf_xor_ic(theirs, msg, len, nonce, counter, key);
        CU_ASSERT_EQUAL(chacha20_xor(key, counter, nonce, msg, ours, len), SEE_OK);
        if (memcmp(ours, theirs, len) != 0)
            mismatches++;
    }
    CU_ASSERT_EQUAL(mismatches, 0);
}

/* ---------------------------------------------------------- Poly1305 -- */

/* RFC 8439 2.5.2 and A.3 #1-#11 (#5-#11: the reduction's edge cases). */
static void test_poly1305_rfc8439(void)
{
    vec_file *v = vec_open("poly1305_rfc8439.txt");
    if (v == NULL)
        return;
    while (vec_next(v)) {
        size_t key_len, msg_len, tag_len;
        uint8_t *key = vec_hex(v, "key", &key_len);
        uint8_t *msg = vec_hex(v, "msg", &msg_len);
        uint8_t *tag = vec_hex(v, "tag", &tag_len);
        CU_ASSERT_FATAL(key_len == 32 && tag_len == 16);
        uint8_t ours[POLY1305_TAG_SIZE];
        poly1305(key, msg, msg_len, ours);
        ASSERT_HEX_EQ(ours, sizeof ours, vec_get(v, "tag"));
        CU_ASSERT_EQUAL(poly1305_verify(key, msg, msg_len, tag), 1);
        tag[15] ^= 0x80;
        CU_ASSERT_EQUAL(poly1305_verify(key, msg, msg_len, tag), 0);
        free(key);
        free(msg);
        free(tag);
    }
    CU_ASSERT_EQUAL(v->count, 12);
    vec_close(v);
}

/* vectors/poly1305_libsodium.txt: every length 0..300, then 1000 and 4099. */
static void test_poly1305_libsodium_file(void)
{
    vec_file *v = vec_open("poly1305_libsodium.txt");
    if (v == NULL)
        return;
    uint8_t *msg = malloc(5000);
    CU_ASSERT_FATAL(msg != NULL);
    while (vec_next(v)) {
        size_t len = strtoul(vec_get(v, "msg_len"), NULL, 10);
        CU_ASSERT_FATAL(len <= 5000);
        uint8_t key[32], tag[POLY1305_TAG_SIZE];
        for (size_t i = 0; i < 32; i++)
            key[i] = (uint8_t)((i * 7 + len * 13 + 1) % 256);
        vec_fill_message(msg, len);
        poly1305(key, msg, len, tag);
        ASSERT_HEX_EQ(tag, sizeof tag, vec_get(v, "tag"));
    }
    CU_ASSERT_EQUAL(v->count, 303);
    vec_close(v);
    free(msg);
}

/* Every split of a 200-byte message into two updates, and byte by byte. */
static void test_poly1305_every_split(void)
{
    uint8_t key[32], msg[200], whole[16], parts[16];
    vec_fill_key(key, sizeof key);
    vec_fill_message(msg, sizeof msg);
    poly1305(key, msg, sizeof msg, whole);
    for (size_t split = 0; split <= sizeof msg; split++) {
        poly1305_ctx ctx;
        poly1305_init(&ctx, key);
        poly1305_update(&ctx, msg, split);
        poly1305_update(&ctx, msg + split, sizeof msg - split);
        poly1305_final(&ctx, parts);
        CU_ASSERT_EQUAL(memcmp(whole, parts, sizeof whole), 0);
    }
    poly1305_ctx ctx;
    poly1305_init(&ctx, key);
    for (size_t i = 0; i < sizeof msg; i++)
        poly1305_update(&ctx, msg + i, 1);
    poly1305_final(&ctx, parts);
    CU_ASSERT_EQUAL(memcmp(whole, parts, sizeof whole), 0);
    static const poly1305_ctx zero;
    CU_ASSERT_EQUAL(memcmp(&ctx, &zero, sizeof ctx), 0); /* final wipes */
}

/* libsodium's crypto_onetimeauth_poly1305 on random keys and messages,
 * and on keys whose r and s are all ones (the largest limbs, the longest
 * carries) with all-ones messages. */
static void test_poly1305_differential_libsodium(void)
{
    CU_ASSERT_FATAL(sodium_init() >= 0);
    enum { MAX_LEN = 600, ROUNDS = 3000 };
    uint8_t key[32], msg[MAX_LEN], ours[16], theirs[16];
    int mismatches = 0;
    for (int round = 0; round < ROUNDS; round++) {
        size_t len = randombytes_uniform(MAX_LEN + 1);
        if (round % 3 == 0) {
            memset(key, 0xff, sizeof key);
            memset(msg, 0xff, len);
        } else {
            randombytes_buf(key, sizeof key);
            randombytes_buf(msg, len);
        }
        crypto_onetimeauth_poly1305(theirs, msg, len, key);
        poly1305(key, msg, len, ours);
        if (memcmp(ours, theirs, sizeof ours) != 0)
            mismatches++;
    }
    CU_ASSERT_EQUAL(mismatches, 0);
}

/* ------------------------------------------------------------- AEAD --- */

/* RFC 8439 2.6.2 and A.4 #1-#3 (key generation), 2.8.2 (seal), A.5 (open). */
static void test_aead_rfc8439(void)
{
    vec_file *v = vec_open("chacha20poly1305_rfc8439.txt");
    if (v == NULL)
        return;
    int key_gens = 0, aeads = 0;
    while (vec_next(v)) {
        size_t key_len, nonce_len;
        uint8_t *key = vec_hex(v, "key", &key_len);
        uint8_t *nonce = vec_hex(v, "nonce", &nonce_len);
        CU_ASSERT_FATAL(key_len == 32 && nonce_len == 12);
        if (strcmp(vec_get(v, "op"), "key_gen") == 0) {
            uint8_t otk[32];
            chacha20_poly1305_key_gen(key, nonce, otk);
            ASSERT_HEX_EQ(otk, sizeof otk, vec_get(v, "one_time_key"));
            key_gens++;
        } else {
            size_t aad_len, len, ct_len, tag_len, out_len = 0, back_len = 0;
            uint8_t *aad = vec_hex(v, "aad", &aad_len);
            uint8_t *pt = vec_hex(v, "plaintext", &len);
            uint8_t *ct = vec_hex(v, "ciphertext", &ct_len);
            uint8_t *tag = vec_hex(v, "tag", &tag_len);
            uint8_t *sealed = malloc(len + 16), *back = malloc(len + 1);
            CU_ASSERT_FATAL(sealed && back && ct_len == len && tag_len == 16);
            CU_ASSERT_EQUAL(chacha20_poly1305_seal(key, nonce, aad, aad_len, pt,
                                                   len, sealed, len + 16,
                                                   &out_len), SEE_OK);
            CU_ASSERT_EQUAL(out_len, len + 16);
            ASSERT_HEX_EQ(sealed, len, vec_get(v, "ciphertext"));
            ASSERT_HEX_EQ(sealed + len, 16, vec_get(v, "tag"));
            /* open the RFC's bytes, not ours */
            memcpy(sealed, ct, len);
            memcpy(sealed + len, tag, 16);
            CU_ASSERT_EQUAL(chacha20_poly1305_open(key, nonce, aad, aad_len,
                                                   sealed, len + 16, back, len,
                                                   &back_len), SEE_OK);
            CU_ASSERT_EQUAL(back_len, len);
            CU_ASSERT_EQUAL(memcmp(back, pt, len), 0);
            free(aad);
            free(pt);
            free(ct);
            free(tag);
            free(sealed);
            free(back);
            aeads++;
        }
        free(key);
        free(nonce);
    }
    CU_ASSERT_EQUAL(key_gens, 4);
    CU_ASSERT_EQUAL(aeads, 2);
    vec_close(v);
}

/* vectors/chacha20poly1305_libsodium.txt: seal each case, compare, and
 * open it back. */
static void test_aead_libsodium_file(void)
{
    vec_file *v = vec_open("chacha20poly1305_libsodium.txt");
    if (v == NULL)
        return;
    enum { MAX = 70000 };
    uint8_t *msg = malloc(MAX), *sealed = malloc(MAX + 16), *back = malloc(MAX);
    CU_ASSERT_FATAL(msg && sealed && back);
    while (vec_next(v)) {
        size_t m = strtoul(vec_get(v, "msg_len"), NULL, 10);
        size_t a = strtoul(vec_get(v, "aad_len"), NULL, 10);
        CU_ASSERT_FATAL(m <= MAX && a <= 256);
        uint8_t key[32], nonce[12], aad[256];
        aead_fill(key, nonce, aad, a, msg, m);
        size_t out_len = 0, back_len = 0;
        CU_ASSERT_EQUAL(chacha20_poly1305_seal(key, nonce, aad, a, msg, m,
                                               sealed, MAX + 16, &out_len), SEE_OK);
        if (vec_get(v, "sealed") != NULL) {
            ASSERT_HEX_EQ(sealed, out_len, vec_get(v, "sealed"));
        } else {
            uint8_t md[crypto_hash_sha256_BYTES];
            crypto_hash_sha256(md, sealed, m);
            ASSERT_HEX_EQ(md, sizeof md, vec_get(v, "ciphertext_sha256"));
            ASSERT_HEX_EQ(sealed + m, 16, vec_get(v, "tag"));
        }
        CU_ASSERT_EQUAL(chacha20_poly1305_open(key, nonce, aad, a, sealed,
                                               out_len, back, MAX, &back_len),
                        SEE_OK);
        CU_ASSERT(back_len == m && memcmp(back, msg, m) == 0);
    }
    CU_ASSERT_EQUAL(v->count, 301 + 81 + 4);
    vec_close(v);
    free(msg);
    free(sealed);
    free(back);
}

/* libsodium's crypto_aead_chacha20poly1305_ietf on random inputs, both
 * ways: our seal equals theirs, theirs opens ours and ours opens theirs. */
static void test_aead_differential_libsodium(void)
{
    CU_ASSERT_FATAL(sodium_init() >= 0);
    enum { MAX_LEN = 2000, MAX_AAD = 100, ROUNDS = 1000 };
    uint8_t key[32], nonce[12], aad[MAX_AAD], msg[MAX_LEN];
    uint8_t ours[MAX_LEN + 16], theirs[MAX_LEN + 16], back[MAX_LEN];
    int mismatches = 0;
    for (int round = 0; round < ROUNDS; round++) {
        size_t len = randombytes_uniform(MAX_LEN + 1);
        size_t aad_len = randombytes_uniform(MAX_AAD + 1);
        randombytes_buf(key, sizeof key);
        randombytes_buf(nonce, sizeof nonce);
        randombytes_buf(aad, aad_len);
        randombytes_buf(msg, len);
        unsigned long long theirs_len, back_ll;
        crypto_aead_chacha20poly1305_ietf_encrypt(theirs, &theirs_len, msg, len,
                                                  aad, aad_len, NULL, nonce, key);
        size_t ours_len = 0, back_len = 0;
        see_status st = chacha20_poly1305_seal(key, nonce, aad, aad_len, msg,
                                               len, ours, sizeof ours, &ours_len);
        if (st != SEE_OK || ours_len != theirs_len ||
            memcmp(ours, theirs, ours_len) != 0)
            mismatches++;
        if (crypto_aead_chacha20poly1305_ietf_decrypt(back, &back_ll, NULL, ours,
                                                      ours_len, aad, aad_len,
                                                      nonce, key) != 0)
            mismatches++;
        if (chacha20_poly1305_open(key, nonce, aad, aad_len, theirs, theirs_len,
                                   back, sizeof back, &back_len) != SEE_OK ||
            back_len != len || memcmp(back, msg, len) != 0)
            mismatches++;
    }
    CU_ASSERT_EQUAL(mismatches, 0);
}

/* The fixed message the refusal tests seal: 70 bytes, 20 bytes of AAD. */
typedef struct {
    uint8_t key[32], nonce[12], aad[20], msg[70], sealed[86];
    size_t sealed_len;
} aead_sample;

static void aead_sample_make(aead_sample *s)
{
    aead_fill(s->key, s->nonce, s->aad, sizeof s->aad, s->msg, sizeof s->msg);
    CU_ASSERT_FATAL(chacha20_poly1305_seal(s->key, s->nonce, s->aad, sizeof s->aad,
                                           s->msg, sizeof s->msg, s->sealed,
                                           sizeof s->sealed, &s->sealed_len) == SEE_OK);
}

/* Open with the sample's inputs as they now are; 1 if it refused with
 * SEE_ERR_AEAD_TAG and released nothing (the output and its length
 * untouched). */
static int aead_refuses(const aead_sample *s)
{
    uint8_t out[70];
    size_t out_len = 12345;
    memset(out, 0xa5, sizeof out);
    see_status st = chacha20_poly1305_open(s->key, s->nonce, s->aad, sizeof s->aad,
                                           s->sealed, s->sealed_len, out,
                                           sizeof out, &out_len);
    int untouched = out_len == 12345;
    for (size_t i = 0; i < sizeof out; i++)
        untouched &= out[i] == 0xa5;
    return st == SEE_ERR_AEAD_TAG && untouched;
}

/* Every single-bit flip of the ciphertext and the tag (RFC 8439 2.8: the
 * tag covers the ciphertext), of the AAD and of the nonce. */
static void test_aead_open_refuses_every_flip(void)
{
    aead_sample s;
    aead_sample_make(&s);
    int refused = 0, flips = 0;
    for (size_t bit = 0; bit < 8 * s.sealed_len; bit++, flips++) {
        s.sealed[bit / 8] ^= (uint8_t)(1u << (bit % 8));
        refused += aead_refuses(&s);
        s.sealed[bit / 8] ^= (uint8_t)(1u << (bit % 8));
    }
    for (size_t bit = 0; bit < 8 * sizeof s.aad; bit++, flips++) {
        s.aad[bit / 8] ^= (uint8_t)(1u << (bit % 8));
        refused += aead_refuses(&s);
        s.aad[bit / 8] ^= (uint8_t)(1u << (bit % 8));
    }
    for (size_t bit = 0; bit < 8 * sizeof s.nonce; bit++, flips++) {
        s.nonce[bit / 8] ^= (uint8_t)(1u << (bit % 8));
        refused += aead_refuses(&s);
        s.nonce[bit / 8] ^= (uint8_t)(1u << (bit % 8));
    }
    CU_ASSERT_EQUAL(refused, flips);
    /* and the sample itself opens */
    uint8_t out[70];
    size_t out_len;
    CU_ASSERT_EQUAL(chacha20_poly1305_open(s.key, s.nonce, s.aad, sizeof s.aad,
                                           s.sealed, s.sealed_len, out, sizeof out,
                                           &out_len), SEE_OK);
    CU_ASSERT(out_len == 70 && memcmp(out, s.msg, 70) == 0);
}

/* The AAD's length is authenticated too: the same bytes split differently
 * between AAD and ciphertext, a truncated sealed message, or a wrong key
 * are refused. In place, a refused open leaves the buffer as it was. */
static void test_aead_open_refuses_lengths_and_keys(void)
{
    aead_sample s;
    aead_sample_make(&s);
    uint8_t out[86];
    size_t out_len;
    CU_ASSERT_EQUAL(chacha20_poly1305_open(s.key, s.nonce, s.aad, sizeof s.aad - 1,
                                           s.sealed, s.sealed_len, out, sizeof out,
                                           &out_len), SEE_ERR_AEAD_TAG);
    CU_ASSERT_EQUAL(chacha20_poly1305_open(s.key, s.nonce, s.aad, sizeof s.aad,
                                           s.sealed, s.sealed_len - 1, out, sizeof out,
                                           &out_len), SEE_ERR_AEAD_TAG);
    s.key[31] ^= 1;
    CU_ASSERT_TRUE(aead_refuses(&s));
    s.key[31] ^= 1;

    uint8_t copy[86];
    memcpy(copy, s.sealed, sizeof copy);
    copy[3] ^= 4;
    uint8_t flipped[86];
    memcpy(flipped, copy, sizeof flipped);
    CU_ASSERT_EQUAL(chacha20_poly1305_open(s.key, s.nonce, s.aad, sizeof s.aad,
                                           copy, sizeof copy, copy, sizeof copy,
                                           &out_len), SEE_ERR_AEAD_TAG);
    CU_ASSERT_EQUAL(memcmp(copy, flipped, sizeof copy), 0);
    /* and in place it opens when nothing was changed */
    memcpy(copy, s.sealed, sizeof copy);
    CU_ASSERT_EQUAL(chacha20_poly1305_open(s.key, s.nonce, s.aad, sizeof s.aad,
                                           copy, sizeof copy, copy, sizeof copy,
                                           &out_len), SEE_OK);
    CU_ASSERT(out_len == 70 && memcmp(copy, s.msg, 70) == 0);
}

/* Lengths checked before anything is written. */
static void test_aead_length_checks(void)
{
    uint8_t key[32] = {0}, nonce[12] = {0}, msg[40] = {0}, out[56];
    size_t out_len = 7;
    memset(out, 0xa5, sizeof out);
    CU_ASSERT_EQUAL(chacha20_poly1305_seal(key, nonce, NULL, 0, msg, 40, out, 55,
                                           &out_len), SEE_ERR_BUFFER_SMALL);
    CU_ASSERT_EQUAL(chacha20_poly1305_seal(key, nonce, NULL, 0, msg, 40, out, 10,
                                           &out_len), SEE_ERR_BUFFER_SMALL);
    CU_ASSERT(out[0] == 0xa5 && out_len == 7);
    CU_ASSERT_EQUAL(chacha20_poly1305_seal(key, nonce, NULL, 0, msg, 40, out, 56,
                                           &out_len), SEE_OK);
    CU_ASSERT_EQUAL(out_len, 56);

    uint8_t back[40];
    CU_ASSERT_EQUAL(chacha20_poly1305_open(key, nonce, NULL, 0, out, 15, back, 40,
                                           &out_len), SEE_ERR_TRUNCATED);
    CU_ASSERT_EQUAL(chacha20_poly1305_open(key, nonce, NULL, 0, out, 56, back, 39,
                                           &out_len), SEE_ERR_BUFFER_SMALL);
    /* the empty message: only a tag */
    CU_ASSERT_EQUAL(chacha20_poly1305_seal(key, nonce, NULL, 0, NULL, 0, out, 16,
                                           &out_len), SEE_OK);
    CU_ASSERT_EQUAL(chacha20_poly1305_open(key, nonce, NULL, 0, out, 16, back, 0,
                                           &out_len), SEE_OK);
    CU_ASSERT_EQUAL(out_len, 0);

    /* P_MAX = 2^38 - 64 (RFC 8439 2.8), where size_t can say more: refused
     * before a byte is read. */
    if (SIZE_MAX > CHACHA20_POLY1305_MAX_PLAINTEXT) {
        size_t too_long = (size_t)CHACHA20_POLY1305_MAX_PLAINTEXT + 1;
        CU_ASSERT_EQUAL(chacha20_poly1305_seal(key, nonce, NULL, 0, msg, too_long,
                                               out, SIZE_MAX, &out_len),
                        SEE_ERR_AEAD_LENGTH);
        CU_ASSERT_EQUAL(chacha20_poly1305_open(key, nonce, NULL, 0, out,
                                               too_long + 16, back, SIZE_MAX,
                                               &out_len), SEE_ERR_AEAD_LENGTH);
    }
}

static CU_TestInfo tests[] = {
    {"ChaCha20: RFC 8439 2.1.1-2.4.2, A.1, A.2", test_chacha20_rfc8439},
    {"ChaCha20: the counter continues across calls", test_chacha20_counter_continues},
    {"ChaCha20: the 32-bit counter never wraps", test_chacha20_counter_limit},
    {"ChaCha20: differential vs libsodium", test_chacha20_differential_libsodium},
    {"Poly1305: RFC 8439 2.5.2, A.3 #1-#11", test_poly1305_rfc8439},
    {"Poly1305: libsodium vectors, lengths 0..300", test_poly1305_libsodium_file},
    {"Poly1305: every split, byte at a time, final wipes", test_poly1305_every_split},
    {"Poly1305: differential vs libsodium", test_poly1305_differential_libsodium},
    {"AEAD: RFC 8439 2.6.2, A.4, 2.8.2, A.5", test_aead_rfc8439},
    {"AEAD: libsodium vectors", test_aead_libsodium_file},
    {"AEAD: differential vs libsodium, both ways", test_aead_differential_libsodium},
    {"AEAD: every flipped bit refused, nothing released", test_aead_open_refuses_every_flip},
    {"AEAD: lengths, keys, in place", test_aead_open_refuses_lengths_and_keys},
    {"AEAD: length checks", test_aead_length_checks},
    CU_TEST_INFO_NULL,
};

/* test_chacha20_26 names its own suite. */
#ifndef CHACHA20_SUITE
#define CHACHA20_SUITE "chacha20"
#endif

int main(void) { return run_suite(CHACHA20_SUITE, tests); }
